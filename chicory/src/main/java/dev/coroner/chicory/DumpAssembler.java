package dev.coroner.chicory;

import com.dylibso.chicory.runtime.CoronerFrameAccess;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns the instances of a {@link ChicoryCoredumps} and the frames of one {@link Unwinding} into a
 * {@link CoreDump}, following section B of the coredump format document: modules in order of first
 * instantiation, named from the name section; every live instance in creation order; each memory
 * and global once, in order of first appearance; frames youngest first, each with its own instance.
 */
final class DumpAssembler {

  private final ChicoryCoredumps session;
  private final CoreDump.Builder builder;
  private final Map<WasmModule, Integer> moduleIndex = new IdentityHashMap<>();
  private final Map<Instance, Integer> instanceIndex = new IdentityHashMap<>();
  private final Map<Memory, Integer> memoryIndex = new IdentityHashMap<>();
  private final Map<GlobalInstance, Integer> globalIndex = new IdentityHashMap<>();
  private final Map<Memory, OptionalLong> declaredMax = new IdentityHashMap<>();
  /** Operand kinds per function body and instruction (deep recursions repeat them). */
  private final Map<FunctionBody, Map<Integer, Optional<List<Kind>>>> kindsAt =
      new IdentityHashMap<>();

  /** The frames, youngest first. Not the {@link Unwinding}: it refers to the exception, which
   * is the key this object is filed under (weakly), and must stay collectable. */
  private final List<Unwinding.Recorded> recorded;
  private final boolean stackOverflow;
  /** The part of each operand stack the frames use, copied at the trap. */
  private final Map<MStack, StackCopy> stacks = new IdentityHashMap<>();
  private final Map<CoredumpMachine, Boolean> reentered = new IdentityHashMap<>();
  private CoreDump dump;

  private DumpAssembler(ChicoryCoredumps session, Unwinding unwinding) {
    this.session = session;
    this.recorded = List.copyOf(unwinding.frames());
    this.stackOverflow = unwinding.stackOverflow();
    this.builder = CoreDump.builder(session.processName());
  }

  /**
   * Takes what changes when the program goes on, at the trap: every memory (copied), global and
   * operand stack involved. The frames themselves are read later, by {@link #dump()}: Chicory never
   * touches a frame again once an exception has left it.
   */
  static DumpAssembler capture(ChicoryCoredumps session, Unwinding unwinding) {
    DumpAssembler a = new DumpAssembler(session, unwinding);
    a.takeState();
    return a;
  }

  private void takeState() {
    List<Instance> live = session.instances();
    for (Instance i : live) {
      noteDeclaredMemories(i);
    }
    for (Instance i : live) {
      addInstance(i);
    }
    // Copy only the slots the frames use: Chicory does not clear its operand stack after a trap,
    // so an instance that keeps trapping leaves ever more values below the frames of later calls.
    Map<MStack, int[]> ranges = new IdentityHashMap<>();
    for (Unwinding.Recorded r : recorded) {
      addInstance(r.instance()); // an instance not created through the session (or forgotten)
      reentered.putIfAbsent(r.machine(), r.machine().reentered);
      int size = r.stack().size();
      int base = CoronerFrameAccess.stackBase(r.frame());
      int[] range = ranges.computeIfAbsent(r.stack(), k -> new int[] {size, size});
      range[0] = Math.min(range[0], base >= 0 ? base : size);
    }
    int first = firstFrame();
    if (first < recorded.size()) { // the youngest frame's popped operands lie above the size
      Unwinding.Recorded r = recorded.get(first);
      int funcId = CoronerFrameAccess.functionIndex(r.frame());
      List<Kind> kinds = kindsAt(r, funcId, CoronerFrameAccess.instructionIndex(r.frame()));
      int base = CoronerFrameAccess.stackBase(r.frame());
      if (kinds != null && base >= 0) {
        int[] range = ranges.get(r.stack());
        range[1] = Math.max(range[1], base + Kind.slots(kinds));
      }
    }
    for (Map.Entry<MStack, int[]> e : ranges.entrySet()) {
      long[] array = e.getKey().array();
      int low = e.getValue()[0];
      int high = Math.min(e.getValue()[1], array.length);
      stacks.put(e.getKey(),
          new StackCopy(Arrays.copyOfRange(array, low, Math.max(low, high)), low,
              e.getKey().size()));
    }
  }

  /**
   * Slots {@code offset} to {@code offset + slots.length} of an operand stack, and its size.
   */
  private record StackCopy(long[] slots, int offset, int size) {
    boolean holds(int from, int to) {
      return from >= offset && to <= offset + slots.length;
    }

    long at(int slot) {
      return slots[slot - offset];
    }
  }

  /**
   * The first frame to write: a call whose callee overflowed the Java stack before its first
   * instruction is not a frame yet; its caller, at the call instruction, is the youngest.
   */
  private int firstFrame() {
    int first = 0;
    while (first < recorded.size()
        && CoronerFrameAccess.instructionIndex(recorded.get(first).frame()) < 0) {
      first++;
    }
    return first;
  }

  private List<Kind> kindsAt(Unwinding.Recorded r, int funcId, int pc) {
    return kindsAt
        .computeIfAbsent(r.instance().function(funcId), k -> new HashMap<>())
        .computeIfAbsent(
            pc, k -> Optional.ofNullable(OperandTypes.before(r.instance(), funcId, pc)))
        .orElse(null);
  }

  /** The dump: assembled at the first call, from the state taken at the trap. */
  synchronized CoreDump dump() {
    if (dump == null) {
      dump = assembleFrames();
    }
    return dump;
  }

  private CoreDump assembleFrames() {
    List<Frame> frames = new ArrayList<>();
    int first = firstFrame();
    // Other overflows can happen between two instructions of the youngest frame: its position may
    // be the instruction just completed, so its operand stack cannot be told apart and is left out.
    boolean uncertainTop = stackOverflow && first == 0;
    for (int k = first; k < recorded.size(); k++) {
      frames.add(frame(recorded.get(k), k == first, k == first && uncertainTop));
    }
    builder.addThread(new CoreStack("main", frames));
    return builder.build();
  }

  // ---- modules, instances, memories, globals ----

  private int addModule(WasmModule module) {
    Integer known = moduleIndex.get(module);
    if (known != null) {
      return known;
    }
    String name = null;
    if (module.nameSection() != null) {
      name = module.nameSection().moduleName().orElse(null);
    }
    ChicoryCoredumps.Registered r = session.registered(module);
    if (name == null && r != null) {
      name = r.name().orElse(null);
    }
    if (name == null) {
      name = "<anonymous-module-" + moduleIndex.size() + ">";
    }
    int index = builder.addModule(name);
    moduleIndex.put(module, index);
    return index;
  }

  private int addInstance(Instance instance) {
    Integer known = instanceIndex.get(instance);
    if (known != null) {
      return known;
    }
    int module = addModule(instance.module());
    List<Integer> memories = new ArrayList<>();
    for (int i = 0; i < memoryCount(instance); i++) {
      Memory m = instance.memory(i);
      memories.add(memoryIndex.computeIfAbsent(m, k -> builder.addMemory(memory(k))));
    }
    List<Integer> globals = new ArrayList<>();
    for (int i = 0; i < instance.globalCount(); i++) {
      GlobalInstance g = instance.global(i);
      globals.add(globalIndex.computeIfAbsent(g, k -> builder.addGlobal(global(k))));
    }
    int index = builder.addInstance(new dev.coroner.coredump.Instance(module, memories, globals));
    instanceIndex.put(instance, index);
    return index;
  }

  private static int memoryCount(Instance instance) {
    int own = instance.module().memorySection().map(MemorySection::memoryCount).orElse(0);
    return instance.imports().memoryCount() + own;
  }

  /** Records the declared maximum of every memory {@code instance} defines itself. */
  private void noteDeclaredMemories(Instance instance) {
    ChicoryCoredumps.Registered r = session.registered(instance.module());
    int imported = instance.imports().memoryCount();
    for (int i = imported; i < memoryCount(instance); i++) {
      declaredMax.putIfAbsent(instance.memory(i), r.layout().declaredMax(i - imported));
    }
  }

  private dev.coroner.coredump.Memory memory(Memory m) {
    OptionalLong max = declaredMax.get(m);
    if (max == null) {
      // A host's memory: Chicory reports "no maximum" as the runtime's page limit.
      int declared = m.maximumPages();
      max = declared < Memory.RUNTIME_MAX_PAGES ? OptionalLong.of(declared) : OptionalLong.empty();
    }
    MemorySnapshot contents = MemorySnapshot.of(m);
    return new dev.coroner.coredump.Memory(
        m.pages(), max, false, m.shared(), contents);
  }

  private static Global global(GlobalInstance g) {
    ValType t = g.getType();
    long v = g.getValue();
    switch (Kind.of(t)) {
      case I32:
        return Global.i32((int) v);
      case I64:
        return Global.i64(v);
      case F32:
        return Global.f32Bits((int) v);
      case F64:
        return Global.f64Bits(v);
      case V128:
        return Global.v128(g.getValueLow(), g.getValueHigh());
      default:
        return Global.nullRef(isFunctionReference(t) ? ValueType.FUNCREF : ValueType.EXTERNREF);
    }
  }

  /**
   * Whether a reference type is in the function family. The format writes reference globals as
   * {@code ref.null} of funcref or externref; the other families (Wasm 3.0's GC and exception
   * references) are written as externref.
   */
  private static boolean isFunctionReference(ValType t) {
    int heap = t.typeIdx(); // Chicory writes funcref as (ref null func): the heap type's code
    return heap >= 0 // a defined (function) type
        || heap == ValType.TypeIdxCode.FUNC.code()
        || heap == ValType.TypeIdxCode.NOFUNC.code();
  }

  // ---- frames ----

  private Frame frame(Unwinding.Recorded r, boolean youngest, boolean omitStack) {
    StackFrame f = r.frame();
    Instance instance = r.instance();
    int funcId = CoronerFrameAccess.functionIndex(f);
    int pc = CoronerFrameAccess.instructionIndex(f);
    FunctionBody body = instance.function(funcId);
    if (body == null || pc < 0 || pc >= body.instructions().size()) {
      throw new IllegalStateException(
          "frame of function " + funcId + " is not at an instruction of a Wasm function (pc "
              + pc + ")");
    }
    int definedIndex = funcId - instance.imports().functionCount();
    AnnotatedInstruction ins = body.instructions().get(pc);
    int codeOffset =
        ins.address() - session.registered(instance.module()).layout().bodyStart(definedIndex);

    FunctionType type = instance.type(instance.functionType(funcId));
    List<Kind> localKinds = new ArrayList<>(Kind.of(type.params()));
    localKinds.addAll(Kind.of(body.localTypes()));
    List<Value> locals = new ArrayList<>(localKinds.size());
    for (int i = 0; i < localKinds.size(); i++) {
      Kind k = localKinds.get(i);
      locals.add(value(k, CoronerFrameAccess.localSlot(f, f.localIndexOf(i))));
    }
    int instanceIdx = addInstance(instance);
    List<Value> stack = omitStack ? List.of() : stack(r, funcId, pc, ins, youngest);
    return new Frame(instanceIdx, funcId, codeOffset, locals, stack);
  }

  /**
   * The frame's operand stack, bottom to top, or an empty list where it cannot be recovered.
   *
   * <p>The youngest frame shows the stack just before its instruction ran, operands included.
   * Chicory has popped them when the instruction traps, but popping only lowers the stack's size:
   * the values stay in the slots above it, and no trapping instruction of Chicory's interpreter
   * pushes anything before it throws. They are read back, except after a call into a host function
   * during which the host called back into this instance (the callback's values may lie there).
   * Older frames show their stack without the callee's arguments (and the table index of {@code
   * call_indirect}).
   */
  private List<Value> stack(
      Unwinding.Recorded r, int funcId, int pc, AnnotatedInstruction ins, boolean youngest) {
    List<Kind> kinds = kindsAt(r, funcId, pc);
    int base = CoronerFrameAccess.stackBase(r.frame());
    if (kinds == null || base < 0) {
      return List.of();
    }
    StackCopy copy = stacks.get(r.stack());
    int size = copy.size();
    if (youngest) {
      int total = Kind.slots(kinds);
      int live = size - base;
      if (live < 0 || live > total || !copy.holds(base, base + total)) {
        return List.of();
      }
      boolean stale = !(isCall(ins.opcode()) && reentered.get(r.machine()));
      return values(kinds, copy, base, stale ? base + total : size);
    }
    int consumed = consumedValues(r.instance(), ins);
    if (consumed < 0 || consumed > kinds.size()) {
      return List.of();
    }
    List<Kind> kept = kinds.subList(0, kinds.size() - consumed);
    if (base + Kind.slots(kept) > size || !copy.holds(base, base + Kind.slots(kept))) {
      return List.of();
    }
    return values(kept, copy, base, size);
  }

  /** Values of {@code kinds} from slot {@code base}; slots at or above {@code readable} are missing. */
  private static List<Value> values(List<Kind> kinds, StackCopy copy, int base, int readable) {
    List<Value> out = new ArrayList<>(kinds.size());
    int p = base;
    for (Kind k : kinds) {
      out.add(p + k.slots() <= readable ? value(k, copy.at(p)) : Value.MISSING);
      p += k.slots();
    }
    return out;
  }

  private static boolean isCall(OpCode op) {
    return op == OpCode.CALL || op == OpCode.CALL_INDIRECT || op == OpCode.CALL_REF;
  }

  /** Values a call instruction takes off its frame's stack; -1 if {@code ins} is not a call. */
  private static int consumedValues(Instance instance, AnnotatedInstruction ins) {
    switch (ins.opcode()) {
      case CALL:
        return instance.type(instance.functionType((int) ins.operand(0))).params().size();
      case CALL_INDIRECT:
      case CALL_REF:
        return instance.type((int) ins.operand(0)).params().size() + 1;
      default:
        return -1;
    }
  }

  private static Value value(Kind k, long bits) {
    switch (k) {
      case I32:
        return Value.i32((int) bits);
      case I64:
        return Value.i64(bits);
      case F32:
        return Value.f32Bits((int) bits);
      case F64:
        return Value.f64Bits(bits);
      default:
        return Value.MISSING; // v128 and references: the format has no tag for them
    }
  }
}
