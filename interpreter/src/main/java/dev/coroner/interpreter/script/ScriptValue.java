package dev.coroner.interpreter.script;

import dev.coroner.interpreter.model.ValType;

/**
 * A typed value of a script action: a value type code (see {@link ValType}) and raw bits (see
 * {@link dev.coroner.interpreter.Store} for the encoding). A v128 has bytes 0..7 in {@code bits}
 * and bytes 8..15 in {@code high} (both little endian); {@code high} is 0 for other types.
 */
public record ScriptValue(int type, long bits, long high) {
  /** A value of a type other than v128. */
  public ScriptValue(int type, long bits) {
    this(type, bits, 0);
  }

  public static ScriptValue v128(long low, long high) {
    return new ScriptValue(ValType.V128, low, high);
  }

  public static ScriptValue i32(int v) {
    return new ScriptValue(ValType.I32, v & 0xFFFFFFFFL);
  }

  public static ScriptValue i64(long v) {
    return new ScriptValue(ValType.I64, v);
  }

  public static ScriptValue f32Bits(int bits) {
    return new ScriptValue(ValType.F32, bits & 0xFFFFFFFFL);
  }

  public static ScriptValue f64Bits(long bits) {
    return new ScriptValue(ValType.F64, bits);
  }

  @Override
  public String toString() {
    switch (type) {
      case ValType.I32: return "i32:" + (int) bits;
      case ValType.I64: return "i64:" + bits;
      case ValType.F32: return "f32:" + Float.intBitsToFloat((int) bits)
          + "(0x" + Integer.toHexString((int) bits) + ")";
      case ValType.F64: return "f64:" + Double.longBitsToDouble(bits)
          + "(0x" + Long.toHexString(bits) + ")";
      case ValType.V128: return String.format("v128:0x%016x%016x", high, bits);
      default: return ValType.name(type) + ":" + (bits == -1 ? "null" : Long.toString(bits));
    }
  }
}
