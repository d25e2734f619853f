package dev.coroner.interpreter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An instance of a {@link WasmModule} in a {@link Store}: its functions, tables, memories, globals
 * (imported ones shared by identity with their owners) and exports.
 */
public final class Instance {
  final Store store;
  final WasmModule module;
  final String name;
  FunctionInstance[] functions;
  TableInstance[] tables;
  MemoryInstance[] memories;
  MemoryInstance memory0;
  GlobalInstance[] globals;
  /** Store-wide canonical ids of the module's types. */
  int[] typeIds;
  /** Element segments as resolved references; null once dropped. */
  long[][] elemSegs;
  /** Data segments; null once dropped. */
  byte[][] dataSegs;
  final Map<String, Extern> exports = new LinkedHashMap<>();

  Instance(Store store, WasmModule module, String name) {
    this.store = store;
    this.module = module;
    this.name = name;
  }

  public WasmModule module() {
    return module;
  }

  /** The name given at instantiation, if any. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  String displayName() {
    if (name != null) {
      return "instance " + name;
    }
    return module.name != null ? "instance of module " + module.name : "anonymous instance";
  }

  /** All exports by name, in the module's export order. */
  public Map<String, Extern> exports() {
    return Collections.unmodifiableMap(exports);
  }

  /** The export called {@code name}, if there is one. */
  public Optional<Extern> export(String name) {
    return Optional.ofNullable(exports.get(name));
  }

  /**
   * The exported function called {@code name}.
   *
   * @throws IllegalArgumentException if there is no such export or it is not a function
   */
  public FunctionInstance function(String name) {
    return typed(name, FunctionInstance.class);
  }

  /**
   * The exported memory called {@code name}.
   *
   * @throws IllegalArgumentException if there is no such export or it is not a memory
   */
  public MemoryInstance memory(String name) {
    return typed(name, MemoryInstance.class);
  }

  /**
   * The exported global called {@code name}.
   *
   * @throws IllegalArgumentException if there is no such export or it is not a global
   */
  public GlobalInstance global(String name) {
    return typed(name, GlobalInstance.class);
  }

  /**
   * The exported table called {@code name}.
   *
   * @throws IllegalArgumentException if there is no such export or it is not a table
   */
  public TableInstance table(String name) {
    return typed(name, TableInstance.class);
  }

  private <T extends Extern> T typed(String name, Class<T> type) {
    Extern o = exports.get(name);
    if (!type.isInstance(o)) {
      throw new IllegalArgumentException(
          "no exported " + type.getSimpleName() + " called \"" + name + "\" in " + displayName());
    }
    return type.cast(o);
  }

  /** The instance's memory {@code index} (imported ones included). */
  public MemoryInstance memory(int index) {
    return memories[index];
  }

  /** The instance's table {@code index}. */
  public TableInstance table(int index) {
    return tables[index];
  }

  /** The instance's function {@code index} (imports included). */
  public FunctionInstance function(int index) {
    return functions[index];
  }

  /** Invokes the exported function {@code name}; see {@link Store#invoke}. */
  public long[] invoke(String name, long... args) {
    return store.invoke(function(name), args);
  }

  @Override
  public String toString() {
    return displayName();
  }
}
