package dev.coroner.interpreter;

/**
 * Where a compiled frame can be when a trap leaves it: the code offset of its instruction and its
 * operand stack, as indices into the values its handler collects (the WebAssembly locals first,
 * then the operand-stack locals) with their value types.
 */
final class Site {
  final int codeOffset;
  final int[] valueIndex;
  final int[] types;

  Site(int codeOffset, int[] valueIndex, int[] types) {
    this.codeOffset = codeOffset;
    this.valueIndex = valueIndex;
    this.types = types;
  }
}
