package dev.coroner.interpreter;

import java.lang.invoke.MethodHandle;

/**
 * A compiled function of one instance: its generated method, entered through its invoker.
 *
 * <p><b>Which thread.</b> Compiled WebAssembly calls are Java calls, so the Java stack must hold
 * the deepest stack the store's limits allow. An invocation starts on the calling thread, whose
 * stack is of ordinary size, with lower limits for its calls ({@value #LOCAL_DEPTH} frames,
 * {@value #LOCAL_SLOTS} value-stack slots: a few hundred KiB of Java stack at most); a call past
 * them continues on a large-stack thread ({@link LargeStack}) with the store's limits, and returns
 * (or traps) back into its caller. Most invocations never leave their thread; a deep one pays one
 * handoff where it first goes deep.
 */
final class CompiledCode extends TierCode {
  /** The frames a compiled invocation may have on a thread of ordinary stack size. */
  static final int LOCAL_DEPTH = 128;
  /** The value-stack slots a compiled invocation may use on a thread of ordinary stack size. */
  static final int LOCAL_SLOTS = 4096;

  final Instance instance;
  final FunctionMeta meta;
  /** {@code (Instance, int depth, int fp, int depthLimit, int slotLimit, long[] args) long[]}. */
  private final MethodHandle invoker;
  private final int maxCallDepth;
  private final int maxValueStackSlots;

  CompiledCode(Instance instance, FunctionMeta meta, MethodHandle invoker) {
    super(meta.code.maxHeight);
    this.instance = instance;
    this.meta = meta;
    this.invoker = invoker;
    this.maxCallDepth = instance.store.config.maxCallDepth();
    this.maxValueStackSlots = instance.store.config.maxValueStackSlots();
  }

  /**
   * Runs this function as frame {@code depth} with its slots from {@code fp}; the caller has
   * checked the store's limits for this call.
   */
  @Override
  long[] invoke(int depth, int fp, long[] args) {
    if (LargeStack.onLargeStack()) {
      return call(depth, fp, maxCallDepth, maxValueStackSlots, args);
    }
    if (depth < LOCAL_DEPTH && (long) fp + maxHeight <= LOCAL_SLOTS) {
      return call(depth, fp, Math.min(maxCallDepth, LOCAL_DEPTH),
          Math.min(maxValueStackSlots, LOCAL_SLOTS), args);
    }
    return LargeStack.run(() -> call(depth, fp, maxCallDepth, maxValueStackSlots, args));
  }

  private long[] call(int depth, int fp, int depthLimit, int slotLimit, long[] args) {
    try {
      return (long[]) invoker.invokeExact(instance, depth, fp, depthLimit, slotLimit, args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("compiled function " + meta.code.index + " failed", e);
    }
  }
}
