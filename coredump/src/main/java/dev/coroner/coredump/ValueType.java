package dev.coroner.coredump;

/**
 * WebAssembly value types that can appear in a coredump's globals. Frame values use only the four
 * number types (see {@link Value}); v128 and reference values in frames are recorded as missing.
 */
public enum ValueType {
  I32(0x7F),
  I64(0x7E),
  F32(0x7D),
  F64(0x7C),
  V128(0x7B),
  FUNCREF(0x70),
  EXTERNREF(0x6F);

  private final int code;

  ValueType(int code) {
    this.code = code;
  }

  /** The type's byte in the Wasm binary format. */
  public int code() {
    return code;
  }

  /** True for {@code funcref} and {@code externref}. */
  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  /** The type with binary code {@code code}, or {@code null} if there is none. */
  public static ValueType fromCode(int code) {
    for (ValueType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
