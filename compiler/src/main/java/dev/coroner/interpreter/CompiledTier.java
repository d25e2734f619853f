package dev.coroner.interpreter;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The compiled tier ({@code StoreConfig.engine() == "compiled"}): each WebAssembly function as a
 * JVM method ({@link ModuleTranslator}), translated once per module and shared by its instances;
 * functions it cannot translate run in the interpreter. Invocations from outside run on a thread
 * with a large stack ({@link LargeStack}).
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

  @Override
  public <T> T enter(Supplier<T> invocation) {
    return LargeStack.run(invocation);
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
