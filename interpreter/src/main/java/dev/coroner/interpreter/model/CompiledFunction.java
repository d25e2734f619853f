package dev.coroner.interpreter.model;

/**
 * A validated function body, pre-decoded for the interpreter.
 *
 * <p>{@code code} holds internal opcodes (see {@code dev.coroner.interpreter.validate.Op}) followed
 * by their immediates; branch targets are indices into {@code code}. {@code offsets} is a side
 * array of the same length: at the index of each instruction's opcode it holds the original byte
 * offset of the Wasm instruction, measured from the first byte after the body-size LEB. The hot
 * loop never reads it; only coredump capture does.
 */
public final class CompiledFunction {
  /** Function index in the module (imports included). */
  public final int index;
  public final FuncType type;
  /** Parameters then declared locals. */
  public final byte[] localTypes;
  /** Number of value-stack slots above the frame base the function may use (locals included). */
  public final int maxHeight;
  public final int[] code;
  public final int[] offsets;
  /** Number of parameters. */
  public final int paramCount;
  /** Number of results. */
  public final int resultCount;
  /** Absolute offset in the module of the first byte after the body-size LEB. */
  public final int bodyStart;
  /** Absolute offset of the first instruction (after the local declarations). */
  public final int instrStart;
  /** Absolute offset just past the body. */
  public final int bodyEnd;

  public CompiledFunction(
      int index, FuncType type, byte[] localTypes, int maxHeight, int[] code, int[] offsets,
      int bodyStart, int instrStart, int bodyEnd) {
    this.index = index;
    this.type = type;
    this.localTypes = localTypes;
    this.maxHeight = maxHeight;
    this.code = code;
    this.offsets = offsets;
    this.paramCount = type.paramCount();
    this.resultCount = type.resultCount();
    this.bodyStart = bodyStart;
    this.instrStart = instrStart;
    this.bodyEnd = bodyEnd;
  }

  public int localCount() {
    return localTypes.length;
  }
}
