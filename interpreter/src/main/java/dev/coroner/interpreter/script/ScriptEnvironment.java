package dev.coroner.interpreter.script;

import dev.coroner.interpreter.Features;
import dev.coroner.interpreter.FunctionInstance;
import dev.coroner.interpreter.GlobalInstance;
import dev.coroner.interpreter.Instance;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes the commands of a spec-style script against one {@link Store}: modules, register,
 * invoke and get. Holds the {@code spectest} host module, the {@code coroner} host module (see
 * {@link HostModules}) and the name → instance registry. Assertions are the caller's business:
 * this class only runs commands, and its exceptions are the interpreter's typed ones.
 */
public final class ScriptEnvironment {
  private final Store store;
  private final Features features;
  private final Map<String, Instance> named = new HashMap<>();
  private Instance current;

  /** A fresh environment with {@code spectest} and {@code coroner} registered. */
  public ScriptEnvironment(StoreConfig config) {
    this(config, Features.WASM_3_0);
  }

  /** A fresh environment whose modules may use only {@code features} of WebAssembly 3.0. */
  public ScriptEnvironment(StoreConfig config, Features features) {
    this.store = new Store(config);
    this.features = features;
    store.register("spectest", HostModules.spectest(store));
    store.register("coroner", HostModules.coroner(store));
  }

  public Store store() {
    return store;
  }

  /** The latest successfully instantiated module's instance, or null. */
  public Instance current() {
    return current;
  }

  /** Decodes and validates a module (no instantiation). */
  public WasmModule parse(byte[] bytes) {
    return WasmModule.parse(bytes, features);
  }

  /**
   * Decodes, validates and instantiates a module; it becomes the current module and, when {@code
   * name} is not null, can be referred to by that name.
   *
   * @param name the script's name for the module (for instance {@code $M}), or null
   * @param instanceName the name given to the instance for coredumps, or null
   */
  public Instance module(byte[] bytes, String name, String instanceName) {
    WasmModule m = WasmModule.parse(bytes, features);
    return module(m, name, instanceName);
  }

  /** Instantiates an already parsed module; see {@link #module(byte[], String, String)}. */
  public Instance module(WasmModule m, String name, String instanceName) {
    Instance inst = store.instantiate(m, instanceName);
    current = inst;
    if (name != null) {
      named.put(name, inst);
    }
    return inst;
  }

  /** Registers module {@code name} (null: the current one) for import under {@code as}. */
  public void register(String as, String name) {
    store.register(as, instance(name));
  }

  /** The instance a script name refers to (null: the current one). */
  public Instance instance(String name) {
    Instance inst = name == null ? current : named.get(name);
    if (inst == null) {
      throw new IllegalArgumentException(
          name == null ? "no module instantiated yet" : "unknown module " + name);
    }
    return inst;
  }

  /** Runs an invoke action and returns its typed results. */
  public List<ScriptValue> invoke(ScriptAction action) {
    FunctionInstance f = instance(action.module()).function(action.field());
    // The store's layout: one long per value, two (bytes 0..7, then 8..15) per v128.
    List<Long> slots = new ArrayList<>();
    for (ScriptValue v : action.args()) {
      slots.add(v.bits());
      if (v.type() == ValType.V128) {
        slots.add(v.high());
      }
    }
    long[] args = new long[slots.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = slots.get(i);
    }
    long[] results = f.call(args);
    FuncType t = f.type();
    List<ScriptValue> out = new ArrayList<>(t.resultCount());
    for (int i = 0, slot = 0; i < t.resultCount(); i++) {
      if (t.result(i) == ValType.V128) {
        out.add(ScriptValue.v128(results[slot], results[slot + 1]));
        slot += 2;
      } else {
        out.add(new ScriptValue(t.result(i), results[slot++]));
      }
    }
    return out;
  }

  /** Runs a get action and returns the global's typed value. */
  public ScriptValue get(ScriptAction action) {
    GlobalInstance g = instance(action.module()).global(action.field());
    return new ScriptValue(g.type().valType(), g.get(), g.getHigh());
  }
}
