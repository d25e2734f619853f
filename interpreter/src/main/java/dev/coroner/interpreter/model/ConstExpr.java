package dev.coroner.interpreter.model;

/**
 * A constant expression of WebAssembly 2.0: a single instruction.
 *
 * @param opcode the Wasm opcode: {@code i32.const} (0x41), {@code i64.const} (0x42), {@code
 *     f32.const} (0x43), {@code f64.const} (0x44), {@code ref.null} (0xD0), {@code ref.func}
 *     (0xD2) or {@code global.get} (0x23)
 * @param value the constant's bits, the function or global index, or the reference type
 */
public record ConstExpr(int opcode, long value) {
  public static final int I32_CONST = 0x41;
  public static final int I64_CONST = 0x42;
  public static final int F32_CONST = 0x43;
  public static final int F64_CONST = 0x44;
  public static final int REF_NULL = 0xD0;
  public static final int REF_FUNC = 0xD2;
  public static final int GLOBAL_GET = 0x23;
}
