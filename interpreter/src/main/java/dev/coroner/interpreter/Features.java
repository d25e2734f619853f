package dev.coroner.interpreter;

/**
 * Which WebAssembly 3.0 features a module may use, beyond WebAssembly 2.0 (without SIMD). The
 * default, {@link #WASM_3_0}, enables every 3.0 feature this interpreter implements; {@link
 * #WASM_2_0} rejects them as WebAssembly 2.0 does (the 2.0 spec suite expects, for instance, a
 * second memory to be invalid).
 *
 * @param tailCalls tail calls: direct and indirect calls that replace the caller's frame
 * @param multiMemory more than one memory, memory indices on memory instructions and data segments
 * @param memory64 64-bit memories and tables (limits flag bit 2, {@code i64} addresses)
 * @param extendedConst integer addition, subtraction and multiplication in constant expressions,
 *     which may also read any global defined before them
 */
public record Features(
    boolean tailCalls, boolean multiMemory, boolean memory64, boolean extendedConst) {

  /** WebAssembly 2.0 (no 3.0 feature). */
  public static final Features WASM_2_0 = new Features(false, false, false, false);

  /**
   * The WebAssembly 3.0 features this interpreter implements: tail calls, multiple memories,
   * 64-bit memories and tables, extended constant expressions (not garbage collection, exception
   * handling, typed function references or relaxed SIMD).
   */
  public static final Features WASM_3_0 = new Features(true, true, true, true);
}
