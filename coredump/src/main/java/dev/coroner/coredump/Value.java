package dev.coroner.coredump;

import java.util.Optional;

/**
 * A value in a frame's locals or operand stack: an i32, i64, f32 or f64 held as raw bits (so NaN
 * payloads survive), or {@link #MISSING} (tag {@code 0x01}: optimized out, or a type the format
 * cannot express, such as v128 and references).
 *
 * <p>{@code bits} holds i32 and f32 values zero-extended to 64 bits; the factories normalize this,
 * so two values are equal exactly when they encode to the same bytes.
 */
public record Value(Kind kind, long bits) {

  /**
   * The value tags of the coredump format: {@link #MISSING}, or one of the four number types of
   * {@link ValueType}, whose binary code is also the tag.
   */
  public enum Kind {
    MISSING(null),
    I32(ValueType.I32),
    I64(ValueType.I64),
    F32(ValueType.F32),
    F64(ValueType.F64);

    private final ValueType type;

    Kind(ValueType type) {
      this.type = type;
    }

    /** The tag byte that introduces a value of this kind. */
    public int tag() {
      return type == null ? 0x01 : type.code();
    }

    /** The value type of this kind; empty for {@link #MISSING}. */
    public Optional<ValueType> type() {
      return Optional.ofNullable(type);
    }

    /** {@code missing} or the type's text-format name ({@code i32}). */
    public String textName() {
      return type == null ? "missing" : type.textName();
    }

    /** The kind with tag byte {@code tag}, or {@code null} if there is none. */
    public static Kind fromTag(int tag) {
      for (Kind k : values()) {
        if (k.tag() == tag) {
          return k;
        }
      }
      return null;
    }

    /**
     * The kind that holds values of {@code type}, or {@link #MISSING} for v128 and references,
     * which the format records as missing.
     */
    public static Kind of(ValueType type) {
      for (Kind k : values()) {
        if (k.type == type) {
          return k;
        }
      }
      return MISSING;
    }

    /** The kind named {@code name} ({@code "i32"} or {@code "missing"}), if there is one. */
    public static Optional<Kind> fromTextName(String name) {
      for (Kind k : values()) {
        if (k.textName().equals(name)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  public static final Value MISSING = new Value(Kind.MISSING, 0);

  public Value {
    if (kind == null) {
      throw new NullPointerException("kind");
    }
    switch (kind) {
      case MISSING:
        if (bits != 0) {
          throw new IllegalArgumentException("a missing value has no bits");
        }
        break;
      case I32:
      case F32:
        if ((bits >>> 32) != 0) {
          throw new IllegalArgumentException(kind + " bits must be zero-extended 32-bit: " + bits);
        }
        break;
      default:
        break;
    }
  }

  public static Value i32(int value) {
    return new Value(Kind.I32, Integer.toUnsignedLong(value));
  }

  public static Value i64(long value) {
    return new Value(Kind.I64, value);
  }

  /** An f32 from its raw IEEE-754 bits (NaN payloads kept). */
  public static Value f32Bits(int bits) {
    return new Value(Kind.F32, Integer.toUnsignedLong(bits));
  }

  /** An f64 from its raw IEEE-754 bits (NaN payloads kept). */
  public static Value f64Bits(long bits) {
    return new Value(Kind.F64, bits);
  }

  public static Value f32(float value) {
    return f32Bits(Float.floatToRawIntBits(value));
  }

  public static Value f64(double value) {
    return f64Bits(Double.doubleToRawLongBits(value));
  }

  public boolean isMissing() {
    return kind == Kind.MISSING;
  }

  public int asI32() {
    return (int) bits;
  }

  public long asI64() {
    return bits;
  }

  public float asF32() {
    return Float.intBitsToFloat((int) bits);
  }

  public double asF64() {
    return Double.longBitsToDouble(bits);
  }

  @Override
  public String toString() {
    switch (kind) {
      case MISSING:
        return "missing";
      case I32:
        return "i32:" + asI32();
      case I64:
        return "i64:" + asI64();
      case F32:
        return "f32:" + asF32() + "(0x" + Integer.toHexString((int) bits) + ")";
      default:
        return "f64:" + asF64() + "(0x" + Long.toHexString(bits) + ")";
    }
  }
}
