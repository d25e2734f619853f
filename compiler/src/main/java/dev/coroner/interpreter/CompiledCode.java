package dev.coroner.interpreter;

import java.lang.invoke.MethodHandle;

/** A compiled function of one instance: its generated method, entered through its invoker. */
final class CompiledCode extends TierCode {
  final Instance instance;
  final FunctionMeta meta;
  /** {@code (Instance, int depth, int fp, long[] args) long[]}. */
  private final MethodHandle invoker;

  CompiledCode(Instance instance, FunctionMeta meta, MethodHandle invoker) {
    super(meta.code.maxHeight);
    this.instance = instance;
    this.meta = meta;
    this.invoker = invoker;
  }

  @Override
  long[] invoke(int depth, int fp, long[] args) {
    try {
      return (long[]) invoker.invokeExact(instance, depth, fp, args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("compiled function " + meta.code.index + " failed", e);
    }
  }
}
