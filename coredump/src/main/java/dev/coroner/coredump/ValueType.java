package dev.coroner.coredump;

import java.util.Locale;
import java.util.Optional;

/**
 * The WebAssembly value types, the one type vocabulary of this library: globals carry one, and
 * frame values ({@link Value.Kind}) name theirs through it. Frames can hold only the four number
 * types; v128 and reference values in frames are recorded as missing (the format has no tag for
 * them).
 *
 * <p>Each type has its binary code ({@link #code()}, {@code 0x7f} for i32) and its text-format
 * name ({@link #textName()}, {@code i32}); {@link #fromCode} and {@link #fromTextName} are the
 * conversions back. Use these instead of writing converters of one's own.
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
  private final String textName;

  ValueType(int code) {
    this.code = code;
    this.textName = name().toLowerCase(Locale.ROOT);
  }

  /** The type's byte in the Wasm binary format. */
  public int code() {
    return code;
  }

  /** The type's name in the Wasm text format: {@code i32}, {@code funcref}, ... */
  public String textName() {
    return textName;
  }

  /** True for {@code funcref} and {@code externref}. */
  public boolean isReference() {
    return this == FUNCREF || this == EXTERNREF;
  }

  /** True for i32, i64, f32 and f64: the types a frame value can hold. */
  public boolean isNumber() {
    return this == I32 || this == I64 || this == F32 || this == F64;
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

  /** The type with text-format name {@code name} ({@code "i32"}), if there is one. */
  public static Optional<ValueType> fromTextName(String name) {
    for (ValueType t : values()) {
      if (t.textName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
