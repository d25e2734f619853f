package dev.coroner.interpreter;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The compiled tier ({@code StoreConfig.engine() == "compiled"}): each WebAssembly function as a
 * JVM method ({@link ModuleTranslator}), translated once per module and shared by its instances;
 * functions it cannot translate run in the interpreter. Invocations from outside start on the
 * calling thread and continue on a thread with a large stack ({@link LargeStack}) where they go
 * deep ({@link CompiledCode}).
 */
public final class CompiledTier implements ExecutionTier {
  /** The engine name. */
  public static final String NAME = "compiled";

  private static final Map<WasmModule, ModuleCode> CACHE = new WeakHashMap<>();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TierCode[] link(Instance instance) {
    ModuleCode code = code(instance.module);
    TierCode[] result = new TierCode[code.metas.length];
    for (int f = 0; f < result.length; f++) {
      if (code.metas[f] != null) {
        result[f] = new CompiledCode(instance, code.metas[f], code.invokers[f]);
      }
    }
    return result;
  }

  /**
   * Runs an invocation from outside on the calling thread: compiled code moves to a large-stack
   * thread only where a call goes deeper than that thread may ({@link CompiledCode#invoke}).
   */
  @Override
  public <T> T enter(Supplier<T> invocation) {
    return invocation.get();
  }

  /** The module's translation (made on first use). */
  static ModuleCode code(WasmModule module) {
    synchronized (CACHE) {
      ModuleCode c = CACHE.get(module);
      if (c == null) {
        c = ModuleTranslator.translate(module);
        CACHE.put(module, c);
      }
      return c;
    }
  }

  /**
   * How many of {@code module}'s defined functions run compiled (the others, which the translator
   * does not support or the JVM refuses, run in the interpreter).
   */
  public static int compiledFunctions(WasmModule module) {
    return code(module).compiledCount();
  }
}
