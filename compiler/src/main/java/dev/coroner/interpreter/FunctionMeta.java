package dev.coroner.interpreter;

import java.util.List;

/** What a compiled function's frames need at a trap: its locals' types and its sites. */
final class FunctionMeta {
  final CompiledFunction code;
  final int[] localTypes;
  final Site[] sites;

  FunctionMeta(CompiledFunction code, List<Site> sites) {
    this.code = code;
    this.localTypes = new int[code.localTypes.length];
    for (int i = 0; i < localTypes.length; i++) {
      localTypes[i] = code.localTypes[i] & 0xFF;
    }
    this.sites = sites.toArray(new Site[0]);
  }

  /** The frame at {@code site} with the values the handler collected. */
  FrameSnapshot frame(Instance inst, int site, long[] values) {
    Site s = sites[site];
    long[] locals = new long[localTypes.length];
    System.arraycopy(values, 0, locals, 0, locals.length);
    long[] operands = new long[s.valueIndex.length];
    for (int i = 0; i < operands.length; i++) {
      operands[i] = values[s.valueIndex[i]];
    }
    return new FrameSnapshot(inst, code.index, s.codeOffset, localTypes, locals, s.types.clone(),
        operands);
  }
}
