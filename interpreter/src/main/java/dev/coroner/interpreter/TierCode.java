package dev.coroner.interpreter;

/**
 * A function's code in an {@link ExecutionTier}: what the interpreter calls instead of running the
 * function itself. Subclasses live in this package (a tier's bridge).
 */
public abstract class TierCode {
  /**
   * The value-stack slots the interpreter would give the function (its locals and deepest
   * operand stack, plus one), so that both engines exhaust the stack at the same call.
   */
  final int maxHeight;

  TierCode(int maxHeight) {
    this.maxHeight = maxHeight;
  }

  /**
   * Runs the function with raw-bit arguments as frame {@code depth} (the number of live
   * WebAssembly frames below it) whose slots would start at value-stack index {@code fp}; returns
   * its raw-bit results. A trap leaves with this frame (and those it called) added to the trap's
   * unwinding frames.
   */
  abstract long[] invoke(int depth, int fp, long[] args);
}
