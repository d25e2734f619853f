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
  /** Value-stack slots of the parameters (a v128 takes two, see {@link Slots}). */
  final int paramCount;
  /** Value-stack slots of the results. */
  final int resultCount;
  /** The first slot of each local, from the frame base. */
  private final int[] localSlot;
  /** Value-stack slots of all locals. */
  private final int localSlots;
  /** Whether a value of the function (a local or an operand) may be a v128. */
  final boolean usesV128;
  /** Absolute offset in the module of the first byte after the body-size LEB. */
  final int bodyStart;
  /** Absolute offset of the first instruction (after the local declarations). */
  final int instrStart;
  /** Absolute offset just past the body. */
  final int bodyEnd;

  CompiledFunction(
      int index, FuncType type, byte[] localTypes, int maxHeight, int[] code, int[] offsets,
      int bodyStart, int instrStart, int bodyEnd, boolean usesV128) {
    this.index = index;
    this.type = type;
    this.localTypes = localTypes;
    this.maxHeight = maxHeight;
    this.code = code;
    this.offsets = offsets;
    this.paramCount = Slots.params(type);
    this.resultCount = Slots.results(type);
    this.localSlot = new int[localTypes.length];
    int slot = 0;
    for (int i = 0; i < localTypes.length; i++) {
      localSlot[i] = slot;
      slot += Slots.width(localTypes[i] & 0xFF);
    }
    this.localSlots = slot;
    this.usesV128 = usesV128 || slot != localTypes.length;
    this.bodyStart = bodyStart;
    this.instrStart = instrStart;
    this.bodyEnd = bodyEnd;
  }

  /** Value-stack slots of the locals (parameters included). */
  int localCount() {
    return localSlots;
  }

  /** The first slot, from the frame base, of local {@code i}. */
  int localSlot(int i) {
    return localSlot[i];
  }

  /** The code offset (from the body start) of the instruction whose number is at {@code pc}. */
  int codeOffset(int pc) {
    return offsets[pc];
  }
}
