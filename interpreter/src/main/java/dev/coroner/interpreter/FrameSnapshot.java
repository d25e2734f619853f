package dev.coroner.interpreter;

/**
 * A copy of a frame's state: what a trap keeps of each frame it unwinds under an {@link
 * ExecutionTier}, where the frame itself is gone (or reused) by the time the dump is built.
 */
final class FrameSnapshot implements FrameView {
  private final Instance instance;
  private final int functionIndex;
  private final int codeOffset;
  private final int[] localTypes;
  private final long[] locals;
  private final int[] operandTypes;
  private final long[] operands;

  FrameSnapshot(Instance instance, int functionIndex, int codeOffset, int[] localTypes,
      long[] locals, int[] operandTypes, long[] operands) {
    this.instance = instance;
    this.functionIndex = functionIndex;
    this.codeOffset = codeOffset;
    this.localTypes = localTypes;
    this.locals = locals;
    this.operandTypes = operandTypes;
    this.operands = operands;
  }

  /** A copy of {@code f} as it is now. */
  static FrameSnapshot of(FrameView f) {
    int[] lt = new int[f.localCount()];
    long[] lv = new long[lt.length];
    for (int i = 0; i < lt.length; i++) {
      lt[i] = f.localType(i);
      lv[i] = f.local(i);
    }
    int[] ot = new int[f.stackHeight()];
    long[] ov = new long[ot.length];
    for (int i = 0; i < ot.length; i++) {
      ot[i] = f.operandType(i);
      ov[i] = f.operand(i);
    }
    return new FrameSnapshot(f.instance(), f.functionIndex(), f.codeOffset(), lt, lv, ot, ov);
  }

  @Override
  public Instance instance() {
    return instance;
  }

  @Override
  public int functionIndex() {
    return functionIndex;
  }

  @Override
  public int codeOffset() {
    return codeOffset;
  }

  @Override
  public int localCount() {
    return locals.length;
  }

  @Override
  public int localType(int index) {
    return localTypes[index];
  }

  @Override
  public long local(int index) {
    return locals[index];
  }

  @Override
  public int stackHeight() {
    return operands.length;
  }

  @Override
  public int operandType(int index) {
    return operandTypes[index];
  }

  @Override
  public long operand(int index) {
    return operands[index];
  }

  @Override
  public String toString() {
    return "function " + functionIndex + " of " + instance.displayName() + " at code offset 0x"
        + Integer.toHexString(codeOffset);
  }
}
