package dev.coroner.interpreter;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import dev.coroner.interpreter.binary.ByteReader;
import dev.coroner.interpreter.model.CompiledFunction;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.validate.FunctionCompiler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Builds a {@link CoreDump} of a store at a trap, following section B of the project's coredump
 * format document: every live instance (in instantiation order), each reachable memory and global
 * once (identity-based, in order of first appearance), and the WebAssembly frames youngest first
 * (host frames are not recorded by the machine, so they are skipped).
 *
 * <p>Capture reads only what the interpreter keeps anyway. Operand value types are not tracked at
 * run time; they are recomputed here by re-validating each frame's function body up to the frame's
 * instruction.
 */
final class Capture {
  private final Store store;
  private final CoreDump.Builder builder;
  private final Map<Instance, Integer> instanceIndex = new IdentityHashMap<>();
  private final Map<MemoryInstance, Integer> memoryIndex = new IdentityHashMap<>();
  private final Map<GlobalInstance, Integer> globalIndex = new IdentityHashMap<>();
  private final Map<CompiledFunction, Map<Integer, int[]>> typeCache = new IdentityHashMap<>();

  private Capture(Store store) {
    this.store = store;
    this.builder = CoreDump.builder(store.config.processName());
  }

  /**
   * Captures the store. {@code fn} is the running (youngest) function with its frame base, pc and
   * stack pointer, or null when the youngest frame is the machine's top saved frame (a host
   * function or a segment initializer trapped).
   */
  static CoreDump capture(Store store, Machine m, FunctionInstance fn, int fp, int pc, int sp) {
    return new Capture(store).run(m, fn, fp, pc, sp);
  }

  private CoreDump run(Machine m, FunctionInstance fn, int fp, int pc, int sp) {
    List<String> moduleNames = new ArrayList<>();
    for (int i = 0; i < store.modules.size(); i++) {
      Store.ModuleEntry e = store.modules.get(i);
      String name = e.module.name != null ? e.module.name
          : e.givenName != null ? e.givenName : "<anonymous-module-" + i + ">";
      moduleNames.add(name);
      builder.addModule(name);
    }
    for (Instance inst : store.instances) {
      addInstance(inst);
    }
    List<Frame> frames = new ArrayList<>();
    long[] st = m.st;
    if (fn != null) {
      CompiledFunction cf = fn.code;
      frames.add(frame(fn, st, fp, cf.offsets[pc], sp));
    }
    for (int i = m.depth - 1; i >= 0; i--) {
      FunctionInstance f = m.fFunc[i];
      frames.add(frame(f, st, m.fFp[i], f.code.offsets[m.fPc[i] - 3], m.fEnd[i]));
    }
    builder.addThread(new CoreStack("main", frames));
    return builder.build();
  }

  private int addInstance(Instance inst) {
    Integer known = instanceIndex.get(inst);
    if (known != null) {
      return known;
    }
    int moduleIdx = store.moduleIndex(inst.module);
    if (moduleIdx < 0) {
      // Only for frames of an instance whose instantiation failed after its functions escaped.
      moduleIdx = builder.addModule(inst.module.name != null ? inst.module.name
          : inst.name != null ? inst.name : "<anonymous-module-" + store.modules.size() + ">");
    }
    List<Integer> mems = new ArrayList<>();
    for (MemoryInstance mem : inst.memories) {
      mems.add(memoryIndex.computeIfAbsent(mem, k -> builder.addMemory(memory(k))));
    }
    List<Integer> globs = new ArrayList<>();
    for (GlobalInstance g : inst.globals) {
      globs.add(globalIndex.computeIfAbsent(g, k -> builder.addGlobal(global(k))));
    }
    int idx = builder.addInstance(new dev.coroner.coredump.Instance(moduleIdx, mems, globs));
    instanceIndex.put(inst, idx);
    return idx;
  }

  private static Memory memory(MemoryInstance m) {
    byte[] bytes = m.bytes;
    return new Memory(bytes.length / MemoryInstance.PAGE_SIZE,
        m.declaredMax >= 0 ? OptionalLong.of(m.declaredMax) : OptionalLong.empty(), false, false,
        MemoryContents.of(bytes));
  }

  private static Global global(GlobalInstance g) {
    long v = g.value;
    switch (g.type.valType()) {
      case ValType.I32: return Global.i32((int) v);
      case ValType.I64: return Global.i64(v);
      case ValType.F32: return Global.f32Bits((int) v);
      case ValType.F64: return Global.f64Bits(v);
      case ValType.FUNCREF: return Global.nullRef(ValueType.FUNCREF);
      default: return Global.nullRef(ValueType.EXTERNREF);
    }
  }

  private static Value value(int type, long bits) {
    switch (type) {
      case ValType.I32: return Value.i32((int) bits);
      case ValType.I64: return Value.i64(bits);
      case ValType.F32: return Value.f32Bits((int) bits);
      case ValType.F64: return Value.f64Bits(bits);
      default: return Value.MISSING;
    }
  }

  private Frame frame(FunctionInstance f, long[] st, int fp, int codeOffset, int stackEnd) {
    CompiledFunction cf = f.code;
    int instIdx = addInstance(f.instance);
    List<Value> locals = new ArrayList<>(cf.localCount());
    for (int i = 0; i < cf.localCount(); i++) {
      locals.add(value(cf.localTypes[i] & 0xFF, st[fp + i]));
    }
    int[] types = operandTypes(f, codeOffset);
    int base = fp + cf.localCount();
    int count = stackEnd - base;
    List<Value> stack = new ArrayList<>(Math.max(count, 0));
    for (int i = 0; i < count; i++) {
      stack.add(value(i < types.length ? types[i] : ValType.UNKNOWN, st[base + i]));
    }
    return new Frame(instIdx, f.index, codeOffset, locals, stack);
  }

  private int[] operandTypes(FunctionInstance f, int codeOffset) {
    CompiledFunction cf = f.code;
    return typeCache.computeIfAbsent(cf, k -> new HashMap<>()).computeIfAbsent(codeOffset, off -> {
      WasmModule module = f.instance.module;
      ByteReader r = new ByteReader(module.bytes, cf.instrStart, cf.bodyEnd);
      return FunctionCompiler.operandTypesAt(module.context(), r, cf, off);
    });
  }
}
