package dev.coroner.interpreter.model;

import dev.coroner.coredump.ValueType;

/**
 * WebAssembly value types, as their binary codes: the interpreter's one vocabulary for types. The
 * coredump library's {@link ValueType} is the other layer's; {@link #toCoredump} and {@link
 * #fromCoredump} convert between them.
 */
public final class ValType {
  public static final int I32 = 0x7F;
  public static final int I64 = 0x7E;
  public static final int F32 = 0x7D;
  public static final int F64 = 0x7C;
  public static final int V128 = 0x7B;
  public static final int FUNCREF = 0x70;
  public static final int EXTERNREF = 0x6F;
  /** Validator-only: the unknown type of a polymorphic stack. */
  public static final int UNKNOWN = 0;

  private ValType() {}

  /** True for the value types this interpreter supports (all of WebAssembly 2.0's). */
  public static boolean isSupported(int t) {
    return t == I32 || t == I64 || t == F32 || t == F64 || t == V128 || t == FUNCREF
        || t == EXTERNREF;
  }

  /** True for funcref and externref. */
  public static boolean isRef(int t) {
    return t == FUNCREF || t == EXTERNREF;
  }

  /** The coredump library's value type for code {@code t}. */
  public static ValueType toCoredump(int t) {
    ValueType v = ValueType.fromCode(t);
    if (v == null) {
      throw new IllegalArgumentException("not a value type: " + name(t));
    }
    return v;
  }

  /** The code of the coredump library's value type {@code t}. */
  public static int fromCoredump(ValueType t) {
    return t.code();
  }

  /** The text-format name of {@code t}. */
  public static String name(int t) {
    switch (t) {
      case I32: return "i32";
      case I64: return "i64";
      case F32: return "f32";
      case F64: return "f64";
      case V128: return "v128";
      case FUNCREF: return "funcref";
      case EXTERNREF: return "externref";
      case UNKNOWN: return "unknown";
      default: return "0x" + Integer.toHexString(t);
    }
  }
}
