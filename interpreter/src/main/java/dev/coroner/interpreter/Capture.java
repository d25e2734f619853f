package dev.coroner.interpreter;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.Value;
import dev.coroner.interpreter.model.ValType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Builds a {@link CoreDump} of a store at a trap, following section B of the project's coredump
 * format document: every live instance (in instantiation order), each reachable
 * memory and global once (identity-based, in order of first appearance), and the WebAssembly frames
 * youngest first (host frames are not recorded by the machine, so they are skipped).
 *
 * <p>The frames come through {@link FrameView}s, so capture does not depend on how an engine keeps
 * its frames.
 */
final class Capture {
  private final Store store;
  private final CoreDump.Builder builder;
  private final Map<Instance, Integer> instanceIndex = new IdentityHashMap<>();
  private final Map<MemoryInstance, Integer> memoryIndex = new IdentityHashMap<>();
  private final Map<GlobalInstance, Integer> globalIndex = new IdentityHashMap<>();

  private Capture(Store store) {
    this.store = store;
    this.builder = CoreDump.builder(store.config.processName());
  }

  /** Captures the store with {@code frames}, youngest first, as its one thread's stack. */
  static CoreDump capture(Store store, List<FrameView> frames) {
    return new Capture(store).run(frames);
  }

  private CoreDump run(List<FrameView> frameViews) {
    for (int i = 0; i < store.modules.size(); i++) {
      Store.ModuleEntry e = store.modules.get(i);
      String name = e.module.name != null ? e.module.name
          : e.givenName != null ? e.givenName : "<anonymous-module-" + i + ">";
      builder.addModule(name);
    }
    for (Instance inst : store.instances) {
      addInstance(inst);
    }
    List<Frame> frames = new ArrayList<>(frameViews.size());
    for (FrameView f : frameViews) {
      frames.add(frame(f));
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

  /**
   * A captured memory: its current size, declared maximum and memory64 flag; a 64-bit memory's
   * contents are sparse (unwritten pages are skipped, not read).
   */
  private static Memory memory(MemoryInstance m) {
    return new Memory(m.pageCount(),
        m.declaredMax >= 0 ? OptionalLong.of(m.declaredMax) : OptionalLong.empty(), m.is64, false,
        m.contents());
  }

  private static Global global(GlobalInstance g) {
    long v = g.value;
    int type = g.type.valType();
    switch (type) {
      case ValType.I32: return Global.i32((int) v);
      case ValType.I64: return Global.i64(v);
      case ValType.F32: return Global.f32Bits((int) v);
      case ValType.F64: return Global.f64Bits(v);
      case ValType.V128: return Global.v128(v, g.high);
      default: return Global.nullRef(ValType.toCoredump(type));
    }
  }

  /**
   * A frame value; v128 and reference values are recorded as missing ({@code 0x01}; the format
   * has no tag for them, see the format document).
   */
  private static Value value(int type, long bits) {
    switch (type) {
      case ValType.I32: return Value.i32((int) bits);
      case ValType.I64: return Value.i64(bits);
      case ValType.F32: return Value.f32Bits((int) bits);
      case ValType.F64: return Value.f64Bits(bits);
      default: return Value.MISSING;
    }
  }

  private Frame frame(FrameView f) {
    int instIdx = addInstance(f.instance());
    List<Value> locals = new ArrayList<>(f.localCount());
    for (int i = 0; i < f.localCount(); i++) {
      locals.add(value(f.localType(i), f.local(i)));
    }
    int height = f.stackHeight();
    List<Value> stack = new ArrayList<>(height);
    for (int i = 0; i < height; i++) {
      stack.add(value(f.operandType(i), f.operand(i)));
    }
    return new Frame(instIdx, f.functionIndex(), f.codeOffset(), locals, stack);
  }
}
