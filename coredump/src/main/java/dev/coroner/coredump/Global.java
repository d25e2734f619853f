package dev.coroner.coredump;

/**
 * A captured global: an entry of the global section.
 *
 * <p>The value is held as raw bits: i32/f32 zero-extended in {@code lowBits}; i64/f64 in {@code
 * lowBits}; v128 as {@code lowBits} (bytes 0..7, little endian) and {@code highBits} (bytes 8..15).
 * Reference globals are always {@code ref.null} of their type (the format cannot express other
 * references) and have both bit fields zero. Unused bits must be zero, so equal globals encode
 * alike.
 *
 * @param type the global's value type
 * @param mutable the mutability flag as written; canonical dumps write every global immutable, but
 *     dumps from other producers (Wasmtime) may keep the original flag
 */
public record Global(ValueType type, boolean mutable, long lowBits, long highBits) {

  public Global {
    if (type == null) {
      throw new NullPointerException("type");
    }
    switch (type) {
      case I32:
      case F32:
        if ((lowBits >>> 32) != 0 || highBits != 0) {
          throw new IllegalArgumentException(type + " global bits must be zero-extended 32-bit");
        }
        break;
      case I64:
      case F64:
        if (highBits != 0) {
          throw new IllegalArgumentException(type + " global has no high bits");
        }
        break;
      case FUNCREF:
      case EXTERNREF:
        if (lowBits != 0 || highBits != 0) {
          throw new IllegalArgumentException("reference globals are captured as ref.null");
        }
        break;
      default:
        break;
    }
  }

  public static Global i32(int value) {
    return new Global(ValueType.I32, false, Integer.toUnsignedLong(value), 0);
  }

  public static Global i64(long value) {
    return new Global(ValueType.I64, false, value, 0);
  }

  public static Global f32Bits(int bits) {
    return new Global(ValueType.F32, false, Integer.toUnsignedLong(bits), 0);
  }

  public static Global f64Bits(long bits) {
    return new Global(ValueType.F64, false, bits, 0);
  }

  public static Global v128(long lowBits, long highBits) {
    return new Global(ValueType.V128, false, lowBits, highBits);
  }

  /** A reference global, captured as {@code ref.null} of {@code type}. */
  public static Global nullRef(ValueType type) {
    if (!type.isReference()) {
      throw new IllegalArgumentException("not a reference type: " + type);
    }
    return new Global(type, false, 0, 0);
  }

  /** This global with the given mutability flag. */
  public Global withMutable(boolean mutable) {
    return new Global(type, mutable, lowBits, highBits);
  }
}
