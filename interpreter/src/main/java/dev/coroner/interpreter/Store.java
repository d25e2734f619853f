package dev.coroner.interpreter;

import dev.coroner.interpreter.model.Export;
import dev.coroner.interpreter.model.ExternKind;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;
import dev.coroner.interpreter.model.Import;
import dev.coroner.interpreter.model.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A WebAssembly store: the instances, functions, tables, memories and globals that can reference
 * each other, plus a registry of names for linking. Not thread-safe: one thread at a time.
 *
 * <p>Values crossing the API are raw bits in a {@code long}: i32 in the low 32 bits, f32 as its raw
 * IEEE bits in the low 32 bits, i64 and f64 bits as they are (NaN payloads are preserved), and
 * references as {@link #NULL_REF}, a function's {@link FunctionInstance#ref()} or a non-negative
 * host-chosen externref value. A v128 takes two consecutive longs: bytes 0..7, then bytes 8..15,
 * each little endian (so arrays of arguments and results have one long per value, two per v128).
 *
 * <p>With {@link StoreConfig#capture()} on, every {@link TrapException} carries a coredump of the
 * whole store at the trap. Capture is free until a trap happens: it reads only state the
 * interpreter keeps anyway (the value stack, the frame records with their pcs, locals living in
 * the value stack) and does no per-instruction or per-call work, whether it is on or off.
 *
 * <p>Limits ({@link StoreConfig}): call depth (default {@value StoreConfig#DEFAULT_MAX_CALL_DEPTH}
 * WebAssembly frames), value-stack slots, memory pages and host re-entry depth. Exhausting the
 * call depth or the value stack is the trap "call stack exhausted", never a JVM stack overflow.
 */
public final class Store {
  /** The null reference (funcref or externref). */
  public static final long NULL_REF = -1L;

  final StoreConfig config;
  final Machine machine;
  private FunctionInstance[] functions = new FunctionInstance[64];
  private int functionCount;
  private final Map<FuncType, Integer> typeIds = new HashMap<>();
  final List<Instance> instances = new ArrayList<>();
  final List<ModuleEntry> modules = new ArrayList<>();
  private final Map<String, Map<String, Extern>> registry = new LinkedHashMap<>();

  /** A module as the store's coredumps list it. */
  static final class ModuleEntry {
    final WasmModule module;
    final String givenName;

    ModuleEntry(WasmModule module, String givenName) {
      this.module = module;
      this.givenName = givenName;
    }
  }

  /** A store with {@link StoreConfig#defaults()}. */
  public Store() {
    this(StoreConfig.defaults());
  }

  public Store(StoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.machine = new Machine(this);
  }

  public StoreConfig config() {
    return config;
  }

  int canonicalType(FuncType t) {
    return typeIds.computeIfAbsent(t, k -> typeIds.size());
  }

  int registerFunction(FunctionInstance f) {
    if (functionCount == functions.length) {
      functions = Arrays.copyOf(functions, functionCount * 2);
    }
    functions[functionCount] = f;
    return functionCount++;
  }

  /** The function denoted by funcref {@code ref}. */
  FunctionInstance function(long ref) {
    return functions[(int) ref];
  }

  /** The function a funcref value denotes, or null for {@link #NULL_REF}. */
  public FunctionInstance functionOf(long ref) {
    if (ref == NULL_REF) {
      return null;
    }
    if (ref < 0 || ref >= functionCount) {
      throw new IllegalArgumentException("not a funcref of this store: " + ref);
    }
    return functions[(int) ref];
  }

  // ---- host objects ----

  /** Creates a host function of type {@code type}. */
  public FunctionInstance hostFunction(FuncType type, HostFunction implementation) {
    return new FunctionInstance(this, type, null, null, -1,
        Objects.requireNonNull(implementation, "implementation"));
  }

  /** Creates a memory (for host modules) with the given limits. */
  public MemoryInstance newMemory(Limits limits) {
    return new MemoryInstance(limits, config.maxMemoryPages());
  }

  /** Creates a table of {@code elemType} filled with null. */
  public TableInstance newTable(int elemType, Limits limits) {
    return new TableInstance(elemType, limits, NULL_REF);
  }

  /** Creates a global. */
  public GlobalInstance newGlobal(GlobalType type, long value) {
    return new GlobalInstance(type, value);
  }

  // ---- registry ----

  /** Makes {@code instance}'s exports importable under module name {@code name}. */
  public void register(String name, Instance instance) {
    registry.put(name, instance.exports);
  }

  /**
   * Makes host objects importable under module name {@code name}. A {@code Map<String, Extern>}
   * is the typed form; any other map must hold only {@link Extern}s ({@link FunctionInstance},
   * {@link TableInstance}, {@link MemoryInstance} or {@link GlobalInstance}).
   *
   * @throws IllegalArgumentException if a value is not an {@link Extern}
   */
  public void register(String name, Map<String, ?> externs) {
    Map<String, Extern> typed = new LinkedHashMap<>();
    externs.forEach((field, value) -> {
      if (!(value instanceof Extern)) {
        throw new IllegalArgumentException("\"" + name + "\" \"" + field + "\" is not a function,"
            + " table, memory or global: " + value);
      }
      typed.put(field, (Extern) value);
    });
    registry.put(name, Collections.unmodifiableMap(typed));
  }

  /** The live instances, in instantiation order. */
  public List<Instance> instances() {
    return Collections.unmodifiableList(instances);
  }

  // ---- invocation ----

  /**
   * Stops the WebAssembly code running in this store, from any thread: it traps with {@value
   * TrapException#INTERRUPTED} (with a coredump when capture is on) at its next backward branch
   * or call. The store stays interrupted: every later loop iteration or call traps the same way,
   * so a runaway program cannot be resumed by accident. Used to enforce time limits.
   */
  public void interrupt() {
    machine.interrupted = true;
  }

  /** Whether {@link #interrupt()} was called. */
  public boolean isInterrupted() {
    return machine.interrupted;
  }

  /**
   * Calls {@code f} with raw-bit arguments and returns its raw-bit results.
   *
   * @throws TrapException if execution traps (with a coredump when capture is on)
   */
  public long[] invoke(FunctionInstance f, long... args) {
    if (f.store != this) {
      throw new IllegalArgumentException("function belongs to another store");
    }
    return machine.invoke(f, args, null);
  }

  // ---- instantiation ----

  /** Instantiates {@code module} without a name. */
  public Instance instantiate(WasmModule module) {
    return instantiate(module, null);
  }

  /**
   * Instantiates {@code module}, resolving its imports through the registry.
   *
   * @param name a name for the instance (used for the module's coredump name when its name section
   *     gives none); may be null
   * @throws UnlinkableException if an import is missing or does not match
   * @throws UninstantiableException if a segment does not fit or the start function traps
   */
  public Instance instantiate(WasmModule module, String name) {
    Instance inst = new Instance(this, module, name);
    inst.functions = new FunctionInstance[module.funcTypes.length];
    inst.tables = new TableInstance[module.tables.size()];
    inst.memories = new MemoryInstance[module.memories.size()];
    inst.globals = new GlobalInstance[module.globals.size()];
    link(module, inst);
    inst.typeIds = new int[module.types.size()];
    for (int i = 0; i < inst.typeIds.length; i++) {
      inst.typeIds[i] = canonicalType(module.types.get(i));
    }
    TierCode[] tiered = machine.tier == null ? null : machine.tier.link(inst);
    for (int i = module.importedFuncs; i < inst.functions.length; i++) {
      TierCode tc = tiered == null ? null : tiered[i];
      FunctionInstance f = new FunctionInstance(
          this, module.functionType(i), tc == null ? module.compiled(i) : null, inst, i, null);
      f.tier = tc;
      inst.functions[i] = f;
    }
    try {
      for (int i = module.importedTables; i < inst.tables.length; i++) {
        var tt = module.tables.get(i);
        inst.tables[i] = new TableInstance(tt.elemType(), tt.limits(), NULL_REF);
      }
      for (int i = module.importedMemories; i < inst.memories.length; i++) {
        inst.memories[i] = new MemoryInstance(module.memories.get(i), config.maxMemoryPages());
      }
    } catch (TrapException e) {
      throw new UninstantiableException(e);
    }
    inst.memory0 = inst.memories.length > 0 ? inst.memories[0] : null;
    for (int i = module.importedGlobals; i < inst.globals.length; i++) {
      GlobalType gt = module.globals.get(i);
      ConstExpr init = module.globalInits.get(i - module.importedGlobals);
      inst.globals[i] = new GlobalInstance(gt, init.evaluate(inst));
      inst.globals[i].high = init.evaluateHigh(inst);
    }
    for (Export e : module.exports) {
      Extern v;
      switch (e.kind()) {
        case ExternKind.FUNC: v = inst.functions[e.index()]; break;
        case ExternKind.TABLE: v = inst.tables[e.index()]; break;
        case ExternKind.MEMORY: v = inst.memories[e.index()]; break;
        default: v = inst.globals[e.index()]; break;
      }
      inst.exports.put(e.name(), v);
    }
    inst.elemSegs = new long[module.elems.size()][];
    for (int i = 0; i < inst.elemSegs.length; i++) {
      List<ConstExpr> items = module.elems.get(i).items();
      long[] refs = new long[items.size()];
      for (int j = 0; j < refs.length; j++) {
        refs[j] = items.get(j).evaluate(inst);
      }
      inst.elemSegs[i] = refs;
    }
    inst.dataSegs = new byte[module.datas.size()][];
    for (int i = 0; i < inst.dataSegs.length; i++) {
      inst.dataSegs[i] = module.datas.get(i).bytes();
    }
    // The instance is live from here on: a trapping start function's dump shows it.
    boolean newModule = moduleIndex(module) < 0;
    if (newModule) {
      modules.add(new ModuleEntry(module, name));
    }
    instances.add(inst);
    try {
      initialize(module, inst);
    } catch (TrapException e) {
      instances.remove(inst);
      if (newModule) {
        modules.remove(modules.size() - 1);
      }
      throw new UninstantiableException(e);
    }
    return inst;
  }

  int moduleIndex(WasmModule module) {
    for (int i = 0; i < modules.size(); i++) {
      if (modules.get(i).module == module) {
        return i;
      }
    }
    return -1;
  }

  private void initialize(WasmModule module, Instance inst) {
    for (int i = 0; i < module.elems.size(); i++) {
      ElemSegment seg = module.elems.get(i);
      if (seg.mode() == ElemSegment.ACTIVE) {
        TableInstance table = inst.tables[seg.table()];
        long offset = seg.offset().evaluate(inst);
        offset = table.is64 ? offset : offset & 0xFFFFFFFFL;
        long[] refs = inst.elemSegs[i];
        if (Long.compareUnsigned(offset, table.elems.length) > 0
            || offset + refs.length > table.elems.length) {
          throw segmentTrap(TrapException.TABLE_OUT_OF_BOUNDS, "element segment " + i);
        }
        System.arraycopy(refs, 0, table.elems, (int) offset, refs.length);
      }
      if (seg.mode() != ElemSegment.PASSIVE) {
        inst.elemSegs[i] = null;
      }
    }
    for (int i = 0; i < module.datas.size(); i++) {
      DataSegment seg = module.datas.get(i);
      if (seg.active()) {
        MemoryInstance mem = inst.memories[seg.memory()];
        long offset = seg.offset().evaluate(inst);
        offset = mem.is64 ? offset : offset & 0xFFFFFFFFL;
        int length = seg.bytes().length;
        if (Long.compareUnsigned(offset, mem.byteSize()) > 0
            || offset + length > mem.byteSize()) {
          throw segmentTrap(TrapException.MEMORY_OUT_OF_BOUNDS, "data segment " + i);
        }
        mem.writeAt(offset, seg.bytes(), 0, length);
        inst.dataSegs[i] = null;
      }
    }
    if (module.start >= 0) {
      machine.invoke(inst.functions[module.start], new long[0], null);
    }
  }

  private TrapException segmentTrap(String message, String detail) {
    TrapException t = new TrapException(message, detail);
    if (config.capture()) {
      t.attach(Capture.capture(this, machine.frames(null, 0, 0, 0)));
    }
    return t;
  }

  private void link(WasmModule module, Instance inst) {
    int fi = 0;
    int ti = 0;
    int mi = 0;
    int gi = 0;
    for (Import imp : module.imports) {
      Map<String, Extern> exports = registry.get(imp.module());
      Extern ext = exports == null ? null : exports.get(imp.name());
      String what = "\"" + imp.module() + "\" \"" + imp.name() + "\"";
      if (ext == null) {
        throw new UnlinkableException("unknown import", what);
      }
      switch (imp.kind()) {
        case ExternKind.FUNC: {
          FuncType want = module.types.get(imp.typeIndex());
          if (!(ext instanceof FunctionInstance)
              || ((FunctionInstance) ext).store != this
              || !((FunctionInstance) ext).type.equals(want)) {
            throw incompatible(what, ext, want);
          }
          inst.functions[fi++] = (FunctionInstance) ext;
          break;
        }
        case ExternKind.TABLE: {
          if (!(ext instanceof TableInstance)) {
            throw incompatible(what, ext, imp.table());
          }
          TableInstance t = (TableInstance) ext;
          if (t.elemType != imp.table().elemType() || !t.limits().matches(imp.table().limits())) {
            throw incompatible(what, ext, imp.table());
          }
          inst.tables[ti++] = t;
          break;
        }
        case ExternKind.MEMORY: {
          if (!(ext instanceof MemoryInstance)
              || !((MemoryInstance) ext).limits().matches(imp.memory())) {
            throw incompatible(what, ext, imp.memory());
          }
          inst.memories[mi++] = (MemoryInstance) ext;
          break;
        }
        default: {
          if (!(ext instanceof GlobalInstance)
              || !((GlobalInstance) ext).type.equals(imp.global())) {
            throw incompatible(what, ext, imp.global());
          }
          inst.globals[gi++] = (GlobalInstance) ext;
          break;
        }
      }
    }
  }

  private static UnlinkableException incompatible(String what, Object ext, Object wanted) {
    return new UnlinkableException("incompatible import type",
        what + ": wanted " + wanted + ", got " + ext);
  }
}
