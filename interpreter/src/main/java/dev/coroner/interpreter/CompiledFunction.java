package dev.coroner.interpreter;

import dev.coroner.interpreter.model.FuncType;

/**
 * A validated function body, pre-decoded for the interpreter.
 *
 * <p>{@code code} holds numbers of {@link Op} followed by their immediates; branch targets are
 * indices into {@code code}. {@code offsets} is a side array of the same length: at the index of
 * each instruction's number it holds the original byte offset of the WebAssembly instruction,
 * measured from the first byte after the body-size LEB (a coredump's code offset). The hot loop
 * never reads it; only traps and frame views do. Both arrays are never modified after compilation.
 */
final class CompiledFunction {
  /** Function index in the module (imports included). */
  final int index;
  final FuncType type;
  /** Parameters then declared locals. */
  final byte[] localTypes;
  /** Number of value-stack slots above the frame base the function may use (locals included). */
  final int maxHeight;
  final int[] code;
  final int[] offsets;
  /** Number of parameters. */
  final int paramCount;
  /** Number of results. */
  final int resultCount;
  /** Absolute offset in the module of the first byte after the body-size LEB. */
  final int bodyStart;
  /** Absolute offset of the first instruction (after the local declarations). */
  final int instrStart;
  /** Absolute offset just past the body. */
  final int bodyEnd;

  CompiledFunction(
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

  int localCount() {
    return localTypes.length;
  }

  /** The code offset (from the body start) of the instruction whose number is at {@code pc}. */
  int codeOffset(int pc) {
    return offsets[pc];
  }
}
