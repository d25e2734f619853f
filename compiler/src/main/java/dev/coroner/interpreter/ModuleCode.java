package dev.coroner.interpreter;

import java.lang.invoke.MethodHandle;

/** A translated module: per function index, its metadata and invoker, or null if interpreted. */
final class ModuleCode {
  final FunctionMeta[] metas;
  final MethodHandle[] invokers;

  ModuleCode(FunctionMeta[] metas, MethodHandle[] invokers) {
    this.metas = metas;
    this.invokers = invokers;
  }

  /** How many functions run compiled. */
  int compiledCount() {
    int n = 0;
    for (FunctionMeta m : metas) {
      if (m != null) {
        n++;
      }
    }
    return n;
  }
}
