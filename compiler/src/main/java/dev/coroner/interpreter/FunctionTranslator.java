package dev.coroner.interpreter;

import static dev.coroner.interpreter.model.ValType.EXTERNREF;
import static dev.coroner.interpreter.model.ValType.F32;
import static dev.coroner.interpreter.model.ValType.F64;
import static dev.coroner.interpreter.model.ValType.FUNCREF;
import static dev.coroner.interpreter.model.ValType.I32;
import static dev.coroner.interpreter.model.ValType.I64;
import static dev.coroner.interpreter.model.ValType.V128;
import static org.objectweb.asm.Opcodes.*;

import dev.coroner.coredump.BinaryReader;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Translates one WebAssembly function body to one JVM method of a module's class.
 *
 * <p><b>Layout.</b> The method's parameters are the instance, the frame's depth (the number of
 * live frames below it), its value-stack base {@code fp} (where the interpreter would put its
 * slots) and the WebAssembly parameters; declared locals follow, then one JVM local per operand
 * stack position and JVM type. Every operand lives in a local, never only on the JVM operand
 * stack, so when a trap leaves the method, its handler sees the whole WebAssembly operand stack:
 * below a call's arguments (they were passed, the rest stayed) as well as at a trapping
 * instruction (its operands are still in their locals). HotSpot allocates registers for these
 * locals as it does for any other; they cost nothing at run time.
 *
 * <p><b>Sites.</b> Each instruction that can trap, and each call, is a range of the exception
 * table with its own small handler that pushes the site's number and jumps to the method's one
 * handler; that handler collects every local into a {@code long[]} and calls {@link
 * TierRuntime#unwind}, which turns the trap into a {@link TrapException} at the site's code offset
 * and adds this frame (locals and the site's operand stack). So a site costs nothing until a trap
 * leaves through it, and no local has to record where the method is.
 *
 * <p><b>Limits.</b> Before a WebAssembly call the caller checks the call depth, the value stack
 * (the slots the interpreter would use) and interruption, as the interpreter's loop does, so both
 * engines refuse the same call; a taken backward branch checks interruption.
 *
 * <p><b>v128.</b> A v128 local or operand is two JVM {@code long} locals, bytes 0..7 and 8..15,
 * as the interpreter's two value-stack slots ({@link Slots}); a v128 parameter is two {@code long}
 * parameters, and a function with a v128 result returns its results as a {@code long[]} in the
 * slot layout, as one with several results does. The handler collects a v128's low long, which is
 * what the interpreter's frame view gives as its value. SIMD instructions are {@link
 * SimdTranslator}'s.
 *
 * <p>What it does not translate (instructions added after WebAssembly 2.0, 64-bit or multiple
 * memories) throws {@link Unsupported}: that function stays in the interpreter.
 */
final class FunctionTranslator {
  static final String INSTANCE = "dev/coroner/interpreter/Instance";
  static final String RUNTIME = "dev/coroner/interpreter/TierRuntime";
  static final String MACHINE = "dev/coroner/interpreter/Machine";
  static final String MEMORY = "dev/coroner/interpreter/semantics/Memory";
  private static final String INSTANCE_DESC = "L" + INSTANCE + ";";

  /** This function cannot be translated (yet); it runs in the interpreter. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The system property that, set to {@code false}, compiles capture out: no trap sites (no
   * exception handlers) and no zeroing of the operand-stack locals they would read. For measuring
   * what capture costs (CaptureCostBenchmark) only: a trap then leaves compiled code without its
   * frames, code offset or the interpreter's message.
   */
  static final String SITES_PROPERTY = "coroner.compiler.sites";

  private static final boolean SITES = !"false".equals(System.getProperty(SITES_PROPERTY));

  private static final Map<String, Method> SEMANTICS = new HashMap<>();

  static {
    for (Class<?> c : List.of(dev.coroner.interpreter.semantics.I32.class,
        dev.coroner.interpreter.semantics.I64.class, dev.coroner.interpreter.semantics.F32.class,
        dev.coroner.interpreter.semantics.F64.class)) {
      for (Method m : c.getMethods()) {
        if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
          SEMANTICS.put(c.getSimpleName() + "." + m.getName(), m);
        }
      }
    }
  }

  private final ModuleTranslator owner;
  private final WasmModule module;
  private final CompiledFunction cf;
  private final MethodVisitor mv;
  private final BinaryReader<MalformedException> r;
  private final int nLocals;
  /** JVM local index of each WebAssembly local. */
  private final int[] localSlot;
  private final int memSlot;
  private final int machineSlot;
  private final int maxDepthSlot;
  private final int maxSlotsSlot;
  private int nextSlot;

  // Operand stack: types by position; JVM locals by (position, kind), in allocation order.
  private int[] types = new int[16];
  private int h;
  private final Map<Integer, Integer> stackSlots = new LinkedHashMap<>();
  private final List<Integer> stackSlotKinds = new ArrayList<>();
  private final Map<Integer, Integer> stackSlotOrder = new HashMap<>();
  /** The high longs of v128 operands, by position. */
  private final Map<Integer, Integer> highSlots = new LinkedHashMap<>();
  private SimdTranslator simd;

  private final List<Ctrl> ctrls = new ArrayList<>();
  private byte[] funcResults;
  private boolean unreachable;

  private final List<Site> sites = new ArrayList<>();
  private final List<Label> stubLabels = new ArrayList<>();
  private final List<Integer> stubSites = new ArrayList<>();
  private final Label common = new Label();
  private final Label initStack = new Label();
  private final Label body = new Label();

  private int instrOffset;
  // The interpreter fuses an i32 comparison with the br_if after it and then reports the
  // comparison's offset for that branch; these follow its rule (see FunctionCompiler.peephole).
  private Instruction lastEmitted;
  private int lastEmittedOffset;
  private boolean barrierSinceLast;

  private static final class Ctrl {
    Instruction kind; // BLOCK, LOOP, IF, or null for the function
    byte[] params;
    byte[] results;
    int height;
    Label label;
    Label elseLabel;
    boolean dead;
    boolean labelUsed;
    boolean sawElse;
    boolean reachableAtEntry;
  }

  FunctionTranslator(ModuleTranslator owner, WasmModule module, CompiledFunction cf,
      MethodVisitor mv) {
    this.owner = owner;
    this.module = module;
    this.cf = cf;
    this.mv = mv;
    this.r = ModuleErrors.reader(module.bytes)
        .sliceAt(cf.instrStart, cf.bodyEnd - cf.instrStart, "function body");
    this.nLocals = cf.localTypes.length;
    this.localSlot = new int[nLocals];
    int slot = 5;
    for (int i = 0; i < nLocals; i++) {
      int t = cf.localTypes[i] & 0xFF;
      kind(t);
      localSlot[i] = slot;
      slot += size(t);
    }
    memSlot = slot++;
    machineSlot = slot++;
    maxDepthSlot = 3;
    maxSlotsSlot = 4;
    nextSlot = slot;
  }

  /**
   * The method descriptor of a function of type {@code t}: the instance, the frame's depth, its
   * value-stack base, the depth and value-stack limits its calls check (the store's, or lower ones
   * while it runs on a thread of ordinary stack size: see {@link CompiledCode#invoke}), then the
   * WebAssembly parameters.
   */
  static String descriptor(FuncType t) {
    StringBuilder d = new StringBuilder("(" + INSTANCE_DESC + "IIII");
    for (int i = 0; i < t.paramCount(); i++) {
      d.append(desc(t.param(i)));
    }
    d.append(')');
    if (t.resultCount() == 0) {
      d.append('V');
    } else if (!returnsArray(t)) {
      d.append(desc(t.result(0)));
    } else {
      d.append("[J");
    }
    return d.toString();
  }

  /**
   * Whether a function of type {@code t} returns its results as a {@code long[]} in the value
   * stack's slot layout ({@link Slots}): when it has several, or one v128; otherwise it returns its
   * one result as a JVM value, or nothing.
   */
  static boolean returnsArray(FuncType t) {
    return t.resultCount() > 1 || (t.resultCount() == 1 && t.result(0) == V128);
  }

  // ---- types ----

  /**
   * 0: int, 1: long (i64 and references), 2: float, 3: double, 4: v128 (two longs: bytes 0..7,
   * then bytes 8..15, as the interpreter's two value-stack slots; where a single load, store or
   * zero is emitted for a v128 by type, it is its low long, and the caller handles the high one).
   */
  static int kind(int t) {
    switch (t) {
      case I32: return 0;
      case I64: case FUNCREF: case EXTERNREF: return 1;
      case F32: return 2;
      case F64: return 3;
      case V128: return 4;
      default: throw new Unsupported("value type " + ValType.name(t));
    }
  }

  static String desc(int t) {
    return kind(t) == 4 ? "JJ" : "IJFD".substring(kind(t), kind(t) + 1);
  }

  private static int size(int t) {
    int k = kind(t);
    return k == 4 ? 4 : k == 1 || k == 3 ? 2 : 1;
  }

  private static int loadOp(int t) {
    return new int[] {ILOAD, LLOAD, FLOAD, DLOAD, LLOAD}[kind(t)];
  }

  private static int storeOp(int t) {
    return new int[] {ISTORE, LSTORE, FSTORE, DSTORE, LSTORE}[kind(t)];
  }

  // ---- operand stack ----

  /**
   * The JVM local of operand position {@code pos} with type {@code t}; for a v128, the local of its
   * low long (shared with an i64 at that position: the handler collects it as the operand's value,
   * as the interpreter's frame view gives a v128's bytes 0..7), the high long is in {@link
   * #highSlot}.
   */
  private int slot(int pos, int t) {
    int k = kind(t) == 4 ? 1 : kind(t);
    Integer key = pos * 4 + k;
    Integer s = stackSlots.get(key);
    if (s == null) {
      s = nextSlot;
      nextSlot += k == 1 || k == 3 ? 2 : 1;
      if (nextSlot > 65000) {
        throw new Unsupported("too many JVM locals");
      }
      stackSlotOrder.put(s, stackSlots.size());
      stackSlots.put(key, s);
      stackSlotKinds.add(k);
    }
    return s;
  }

  private void push(int t) {
    if (h == types.length) {
      types = Arrays.copyOf(types, h * 2);
    }
    types[h++] = t;
  }

  private int pop() {
    return types[--h];
  }

  /** The JVM local of the high long (bytes 8..15) of a v128 at operand position {@code pos}. */
  private int highSlot(int pos) {
    Integer s = highSlots.get(pos);
    if (s == null) {
      s = nextSlot;
      nextSlot += 2;
      if (nextSlot > 65000) {
        throw new Unsupported("too many JVM locals");
      }
      highSlots.put(pos, s);
    }
    return s;
  }

  /** Pushes operand {@code pos} on the JVM stack (a v128 as two longs: low, then high). */
  void load(int pos) {
    mv.visitVarInsn(loadOp(types[pos]), slot(pos, types[pos]));
    if (types[pos] == V128) {
      mv.visitVarInsn(LLOAD, highSlot(pos));
    }
  }

  /** Stores the JVM stack's top (of type {@code t}) as the new top operand. */
  void pushStore(int t) {
    push(t);
    if (t == V128) {
      mv.visitVarInsn(LSTORE, highSlot(h - 1));
    }
    mv.visitVarInsn(storeOp(t), slot(h - 1, t));
  }

  /** Copies operand {@code from} to position {@code to} (the same type). */
  private void move(int from, int to) {
    int t = types[from];
    mv.visitVarInsn(loadOp(t), slot(from, t));
    mv.visitVarInsn(storeOp(t), slot(to, t));
    if (t == V128) {
      mv.visitVarInsn(LLOAD, highSlot(from));
      mv.visitVarInsn(LSTORE, highSlot(to));
    }
  }

  /** Pushes local {@code i} on the JVM stack (a v128 as two longs: low, then high). */
  private void loadLocal(int i) {
    int t = cf.localTypes[i] & 0xFF;
    mv.visitVarInsn(loadOp(t), localSlot[i]);
    if (t == V128) {
      mv.visitVarInsn(LLOAD, localSlot[i] + 2);
    }
  }

  /** Stores the JVM stack's top in local {@code i}. */
  private void storeLocal(int i) {
    int t = cf.localTypes[i] & 0xFF;
    if (t == V128) {
      mv.visitVarInsn(LSTORE, localSlot[i] + 2);
    }
    mv.visitVarInsn(storeOp(t), localSlot[i]);
  }

  /**
   * The value-stack slot, from the frame base, where the interpreter would keep operand {@code
   * pos}: the locals' slots, then the slots of the operands below (a v128 takes two).
   */
  private int slotOffset(int pos) {
    int n = cf.localCount();
    for (int i = 0; i < pos; i++) {
      n += types[i] == V128 ? 2 : 1;
    }
    return n;
  }

  /** Pushes operand {@code pos}'s value, a v128's low long. */
  void loadLow(int pos) {
    mv.visitVarInsn(loadOp(types[pos]), slot(pos, types[pos]));
  }

  /** Pushes the high long of the v128 operand {@code pos}. */
  void loadHigh(int pos) {
    mv.visitVarInsn(LLOAD, highSlot(pos));
  }

  /** Operand types, for {@link SimdTranslator}. */
  int type(int pos) {
    return types[pos];
  }

  int height() {
    return h;
  }

  void popValue() {
    pop();
  }

  MethodVisitor visitor() {
    return mv;
  }

  BinaryReader<MalformedException> reader() {
    return r;
  }

  int siteHere() {
    return site(h);
  }

  Label startRange() {
    return rangeStart();
  }

  void endRange(Label start, int site) {
    rangeEnd(start, site);
  }

  /** A fresh JVM local of {@code size} slots (not collected by the handler). */
  int newLocal(int size) {
    int s = nextSlot;
    nextSlot += size;
    return s;
  }

  /** After a SIMD instruction: no i32 comparison precedes the next br_if. */
  void noteSimd() {
    lastEmitted = null;
    barrierSinceLast = false;
  }

  // ---- sites ----

  /** A site at the current instruction with the operand stack's bottom {@code height} values. */
  private int site(int height) {
    return site(instrOffset, height);
  }

  private int site(int codeOffset, int height) {
    int[] index = new int[height];
    int[] ts = new int[height];
    for (int i = 0; i < height; i++) {
      ts[i] = types[i];
      index[i] = nLocals + stackSlotOrder.get(slot(i, types[i]));
    }
    sites.add(new Site(codeOffset, index, ts));
    return sites.size() - 1;
  }

  private Label rangeStart() {
    Label l = new Label();
    mv.visitLabel(l);
    return l;
  }

  /** Ends a range begun at {@code start} whose traps are at site {@code site}. */
  private void rangeEnd(Label start, int site) {
    if (!SITES) {
      return;
    }
    Label end = new Label();
    mv.visitLabel(end);
    Label stub = new Label();
    mv.visitTryCatchBlock(start, end, stub, "java/lang/RuntimeException");
    stubLabels.add(stub);
    stubSites.add(site);
  }

  // ---- the method ----

  /** Translates the body; returns the sites (for the function's {@link FunctionMeta}). */
  List<Site> translate() {
    if (module.memories.size() > 1 || module.memories.stream().anyMatch(l -> l.is64())
        || module.tables.stream().anyMatch(t -> t.limits().is64())) {
      throw new Unsupported("multiple memories, a 64-bit memory or a 64-bit table");
    }
    mv.visitCode();
    FuncType ft = cf.type;
    for (int i = ft.paramCount(); i < nLocals; i++) {
      zero(cf.localTypes[i] & 0xFF);
      if ((cf.localTypes[i] & 0xFF) == V128) {
        mv.visitInsn(LCONST_0);
      }
      storeLocal(i);
    }
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, memSlot);
    reloadMemory();
    mv.visitVarInsn(ALOAD, 0);
    mv.visitFieldInsn(GETFIELD, INSTANCE, "store", "Ldev/coroner/interpreter/Store;");
    mv.visitFieldInsn(GETFIELD, "dev/coroner/interpreter/Store", "machine", "L" + MACHINE + ";");
    mv.visitVarInsn(ASTORE, machineSlot);
    mv.visitJumpInsn(GOTO, initStack);
    mv.visitLabel(body);

    Ctrl fn = new Ctrl();
    fn.params = new byte[0];
    fn.results = results(ft);
    funcResults = fn.results;
    fn.height = 0;
    fn.label = new Label();
    fn.reachableAtEntry = true;
    ctrls.add(fn);
    while (!ctrls.isEmpty()) {
      instrOffset = r.position() - cf.bodyStart;
      if (r.peekByte("opcode") == 0xFD) {
        r.readByte("opcode");
        simd().instruction(unreachable);
        continue;
      }
      Instruction in = decode();
      if (unreachable) {
        skip(in);
      } else {
        translate(in);
      }
    }

    // The operand-stack locals start at zero, so the handler may read them all.
    mv.visitLabel(initStack);
    for (Map.Entry<Integer, Integer> e : SITES ? stackSlots.entrySet()
        : Map.<Integer, Integer>of().entrySet()) {
      int k = e.getKey() % 4;
      int t = new int[] {I32, I64, F32, F64}[k];
      zero(t);
      mv.visitVarInsn(storeOp(t), e.getValue());
    }
    initV128();
    mv.visitJumpInsn(GOTO, body);

    // Handlers: each stub pushes its site; the common handler collects the frame.
    for (int i = 0; i < stubLabels.size(); i++) {
      mv.visitLabel(stubLabels.get(i));
      pushInt(stubSites.get(i));
      mv.visitJumpInsn(GOTO, common);
    }
    if (!SITES) {
      mv.visitMaxs(0, 0);
      mv.visitEnd();
      return sites;
    }
    mv.visitLabel(common);
    mv.visitVarInsn(ALOAD, 0);
    pushInt(nLocals + stackSlots.size());
    mv.visitIntInsn(NEWARRAY, T_LONG);
    for (int i = 0; i < nLocals; i++) {
      mv.visitInsn(DUP);
      pushInt(i);
      int t = cf.localTypes[i] & 0xFF;
      mv.visitVarInsn(loadOp(t), localSlot[i]);
      toBits(t);
      mv.visitInsn(LASTORE);
    }
    int j = nLocals;
    for (Map.Entry<Integer, Integer> e : stackSlots.entrySet()) {
      int t = new int[] {I32, I64, F32, F64}[e.getKey() % 4];
      mv.visitInsn(DUP);
      pushInt(j++);
      mv.visitVarInsn(loadOp(t), e.getValue());
      toBits(t);
      mv.visitInsn(LASTORE);
    }
    pushInt(cf.index);
    mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "unwind", "(Ljava/lang/RuntimeException;I"
        + INSTANCE_DESC + "[JI)Ljava/lang/RuntimeException;", false);
    mv.visitInsn(ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    return sites;
  }

  /** At entry: the v128 operands' high longs start at zero too; SIMD's scratch array. */
  private void initV128() {
    for (int s : highSlots.values()) {
      mv.visitInsn(LCONST_0);
      mv.visitVarInsn(LSTORE, s);
    }
    if (simd != null) {
      simd.init();
    }
  }

  private SimdTranslator simd() {
    if (simd == null) {
      simd = new SimdTranslator(this, module);
    }
    return simd;
  }

  private static byte[] results(FuncType t) {
    byte[] b = new byte[t.resultCount()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) t.result(i);
    }
    return b;
  }

  private void reloadMemory() {
    if (!module.memories.isEmpty()) {
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, INSTANCE, "memory0", "Ldev/coroner/interpreter/MemoryInstance;");
      mv.visitFieldInsn(GETFIELD, "dev/coroner/interpreter/MemoryInstance", "bytes", "[B");
      mv.visitVarInsn(ASTORE, memSlot);
    }
  }

  private void zero(int t) {
    mv.visitInsn(new int[] {ICONST_0, LCONST_0, FCONST_0, DCONST_0, LCONST_0}[kind(t)]);
  }

  void pushInt(int v) {
    if (v >= -1 && v <= 5) {
      mv.visitInsn(ICONST_0 + v);
    } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, v);
    } else {
      mv.visitLdcInsn(v);
    }
  }

  /** Converts the JVM stack's top value of type {@code t} to raw bits in a long, as the API has. */
  void toBits(int t) {
    toBits(mv, t);
  }

  /** {@link #toBits(int)} into {@code mv} (also for the invokers). */
  static void toBits(MethodVisitor mv, int t) {
    switch (kind(t)) {
      case 0:
        mv.visitInsn(I2L);
        break;
      case 2:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xFFFFFFFFL);
        mv.visitInsn(LAND);
        break;
      case 3:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
        break;
      default:
        break;
    }
  }

  /** Converts raw bits in a long on the JVM stack to a value of type {@code t}. */
  void fromBits(int t) {
    fromBits(mv, t);
  }

  /** {@link #fromBits(int)} into {@code mv} (also for the invokers); a v128 is left as it is. */
  static void fromBits(MethodVisitor mv, int t) {
    switch (kind(t)) {
      case 0:
        mv.visitInsn(L2I);
        break;
      case 2:
        mv.visitInsn(L2I);
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        break;
      case 3:
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        break;
      default:
        break;
    }
  }

  // ---- decoding ----

  private Instruction decode() {
    int op = r.readByte("opcode");
    Instruction in;
    if (op == 0xFC || op == 0xFD) {
      in = Instruction.decode(op, r.readU32("subopcode"));
    } else {
      in = Instruction.decode(0, op);
    }
    if (in == null) {
      throw new Unsupported("opcode 0x" + Integer.toHexString(op));
    }
    return in;
  }

  private byte[][] blockType() {
    int b = r.peekByte("block type");
    if (b == 0x40) {
      r.readByte("block type");
      return new byte[][] {new byte[0], new byte[0]};
    }
    if (b >= 0x40) {
      r.readByte("block type");
      kind(b);
      return new byte[][] {new byte[0], new byte[] {(byte) b}};
    }
    FuncType t = module.types.get((int) r.readS33("block type"));
    byte[] params = new byte[t.paramCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (byte) t.param(i);
      kind(t.param(i));
    }
    byte[] res = results(t);
    for (byte x : res) {
      kind(x & 0xFF);
    }
    return new byte[][] {params, res};
  }

  /** In unreachable code: follows the block structure only. */
  private void skip(Instruction in) {
    switch (in) {
      case BLOCK:
      case LOOP:
      case IF: {
        byte[][] bt = blockType();
        Ctrl c = new Ctrl();
        c.kind = in;
        c.params = bt[0];
        c.results = bt[1];
        c.dead = true;
        ctrls.add(c);
        break;
      }
      case ELSE: {
        Ctrl c = ctrls.get(ctrls.size() - 1);
        if (!c.dead) {
          elseOf(c);
        }
        barrierSinceLast = true;
        break;
      }
      case END:
        end();
        break;
      default:
        skipImmediates(in);
        break;
    }
  }

  private void skipImmediates(Instruction in) {
    switch (in.immediates()) {
      case LOCAL: case GLOBAL: case LABEL:
        r.readU32("index");
        break;
      default:
        in.immediates().skip(r);
    }
  }

  private void noteEmitted(Instruction in) {
    lastEmitted = in;
    lastEmittedOffset = instrOffset;
    barrierSinceLast = false;
  }

  // ---- control ----

  private Ctrl label(int depth) {
    return ctrls.get(ctrls.size() - 1 - depth);
  }

  private static byte[] labelTypes(Ctrl c) {
    return c.kind == Instruction.LOOP ? c.params : c.results;
  }

  /**
   * The taken part of a branch to {@code c}: the label's values moved into place, interruption
   * checked on a backward branch (with the interpreter's site: the branch's offset, or the fused
   * comparison's, and the stack as the branch leaves it), then the jump.
   */
  private void branch(Ctrl c, int interruptOffset) {
    if (c.kind == null) {
      emitReturn();
      return;
    }
    byte[] lt = labelTypes(c);
    int n = lt.length;
    for (int i = 0; i < n; i++) {
      int from = h - n + i;
      int to = c.height + i;
      if (from != to) {
        move(from, to);
      }
    }
    if (c.kind == Instruction.LOOP) {
      int saved = h;
      int[] savedTypes = Arrays.copyOf(types, h);
      h = c.height;
      for (byte t : lt) {
        push(t & 0xFF);
      }
      int s = site(interruptOffset, h);
      Label start = rangeStart();
      mv.visitVarInsn(ALOAD, machineSlot);
      mv.visitFieldInsn(GETFIELD, MACHINE, "interrupted", "Z");
      Label ok = new Label();
      mv.visitJumpInsn(IFEQ, ok);
      mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "interrupted",
          "()Ldev/coroner/interpreter/TierTrap;", false);
      mv.visitInsn(ATHROW);
      mv.visitLabel(ok);
      rangeEnd(start, s);
      types = Arrays.copyOf(savedTypes, Math.max(savedTypes.length, 16));
      h = saved;
    }
    c.labelUsed = true;
    mv.visitJumpInsn(GOTO, c.label);
  }

  private void emitReturn() {
    byte[] res = funcResults;
    int n = res.length;
    if (n == 0) {
      mv.visitInsn(RETURN);
    } else if (n == 1 && (res[0] & 0xFF) != V128) {
      load(h - 1);
      mv.visitInsn(new int[] {IRETURN, LRETURN, FRETURN, DRETURN}[kind(res[0] & 0xFF)]);
    } else {
      packArgs(h - n, n);
      mv.visitInsn(ARETURN);
    }
  }

  private void setUnreachable() {
    unreachable = true;
  }

  private void elseOf(Ctrl c) {
    if (!unreachable) {
      c.labelUsed = true;
      mv.visitJumpInsn(GOTO, c.label);
    }
    mv.visitLabel(c.elseLabel);
    c.sawElse = true;
    h = c.height;
    for (byte t : c.params) {
      push(t & 0xFF);
    }
    unreachable = !c.reachableAtEntry;
  }

  private void end() {
    Ctrl c = ctrls.remove(ctrls.size() - 1);
    barrierSinceLast = true;
    if (c.dead) {
      return;
    }
    boolean fallthrough = !unreachable;
    if (c.kind == null) {
      if (fallthrough) {
        emitReturn();
      }
      return;
    }
    boolean reachable;
    if (c.kind == Instruction.LOOP) {
      reachable = fallthrough;
    } else if (c.kind == Instruction.IF && !c.sawElse) {
      mv.visitLabel(c.elseLabel);
      mv.visitLabel(c.label);
      reachable = true;
    } else {
      mv.visitLabel(c.label);
      reachable = fallthrough || c.labelUsed;
    }
    h = c.height;
    for (byte t : c.results) {
      push(t & 0xFF);
    }
    unreachable = !reachable;
  }

  // ---- instructions ----

  private void translate(Instruction in) {
    switch (in) {
      case UNREACHABLE: {
        int s = site(h);
        Label start = rangeStart();
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "unreachable",
            "()Ldev/coroner/interpreter/TierTrap;", false);
        mv.visitInsn(ATHROW);
        rangeEnd(start, s);
        noteEmitted(in);
        setUnreachable();
        return;
      }
      case NOP:
        return;
      case BLOCK:
      case LOOP:
      case IF: {
        byte[][] bt = blockType();
        Ctrl c = new Ctrl();
        c.kind = in;
        c.params = bt[0];
        c.results = bt[1];
        c.label = new Label();
        c.reachableAtEntry = true;
        if (in == Instruction.IF) {
          pop();
          mv.visitVarInsn(ILOAD, slot(h, I32));
          c.elseLabel = new Label();
          mv.visitJumpInsn(IFEQ, c.elseLabel);
          noteEmitted(in);
        }
        c.height = h - c.params.length;
        if (in == Instruction.LOOP) {
          mv.visitLabel(c.label);
          barrierSinceLast = true;
        }
        ctrls.add(c);
        return;
      }
      case ELSE: {
        Ctrl c = ctrls.get(ctrls.size() - 1);
        elseOf(c);
        lastEmitted = Instruction.BR;
        barrierSinceLast = true;
        return;
      }
      case END:
        end();
        return;
      case BR: {
        Ctrl c = label(r.readU32("label"));
        branch(c, instrOffset);
        noteEmitted(in);
        setUnreachable();
        return;
      }
      case BR_IF: {
        Ctrl c = label(r.readU32("label"));
        pop();
        int lt = labelTypes(c).length;
        boolean simple = c.kind == null || h == c.height + lt;
        int offset = instrOffset;
        if (simple && !barrierSinceLast && lastEmitted != null
            && lastEmitted.code() >= Op.I32_EQZ && lastEmitted.code() <= Op.I32_GE_U) {
          offset = lastEmittedOffset;
        }
        mv.visitVarInsn(ILOAD, slot(h, I32));
        Label skip = new Label();
        mv.visitJumpInsn(IFEQ, skip);
        branch(c, offset);
        mv.visitLabel(skip);
        noteEmitted(in);
        return;
      }
      case BR_TABLE:
        brTable();
        noteEmitted(in);
        setUnreachable();
        return;
      case RETURN:
        emitReturn();
        noteEmitted(in);
        setUnreachable();
        return;
      case CALL:
        call(r.readU32("function index"));
        noteEmitted(in);
        return;
      case CALL_INDIRECT:
        callIndirect(r.readU32("type index"), r.readU32("table index"));
        noteEmitted(in);
        return;
      case DROP:
        pop();
        noteEmitted(in);
        return;
      case SELECT:
      case SELECT_T: {
        if (in == Instruction.SELECT_T) {
          int n = r.readU32("type count");
          for (int i = 0; i < n; i++) {
            kind(r.readByte("value type"));
          }
        }
        pop();
        int cond = slot(h, I32);
        mv.visitVarInsn(ILOAD, cond);
        Label keep = new Label();
        mv.visitJumpInsn(IFNE, keep);
        move(h - 1, h - 2);
        mv.visitLabel(keep);
        pop();
        noteEmitted(in);
        return;
      }
      case LOCAL_GET: {
        int i = r.readU32("local index");
        int t = cf.localTypes[i] & 0xFF;
        loadLocal(i);
        pushStore(t);
        noteEmitted(in);
        return;
      }
      case LOCAL_SET:
      case LOCAL_TEE: {
        int i = r.readU32("local index");
        load(h - 1);
        storeLocal(i);
        if (in == Instruction.LOCAL_SET) {
          pop();
        }
        noteEmitted(in);
        return;
      }
      case GLOBAL_GET: {
        int g = r.readU32("global index");
        int t = module.context().global(g).valType();
        global(g);
        mv.visitFieldInsn(GETFIELD, "dev/coroner/interpreter/GlobalInstance", "value", "J");
        fromBits(t);
        if (t == V128) {
          global(g);
          mv.visitFieldInsn(GETFIELD, "dev/coroner/interpreter/GlobalInstance", "high", "J");
        }
        pushStore(t);
        noteEmitted(in);
        return;
      }
      case GLOBAL_SET: {
        int g = r.readU32("global index");
        global(g);
        int t = types[h - 1];
        mv.visitVarInsn(loadOp(t), slot(h - 1, t));
        toBits(t);
        mv.visitFieldInsn(PUTFIELD, "dev/coroner/interpreter/GlobalInstance", "value", "J");
        if (t == V128) {
          global(g);
          mv.visitVarInsn(LLOAD, highSlot(h - 1));
          mv.visitFieldInsn(PUTFIELD, "dev/coroner/interpreter/GlobalInstance", "high", "J");
        }
        pop();
        noteEmitted(in);
        return;
      }
      case REF_NULL: {
        int t = r.readByte("reference type");
        mv.visitLdcInsn(Store.NULL_REF);
        pushStore(t);
        noteEmitted(in);
        return;
      }
      case REF_IS_NULL: {
        load(h - 1);
        pop();
        mv.visitLdcInsn(Store.NULL_REF);
        mv.visitInsn(LCMP);
        Label notNull = new Label();
        Label done = new Label();
        mv.visitJumpInsn(IFNE, notNull);
        mv.visitInsn(ICONST_1);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(notNull);
        mv.visitInsn(ICONST_0);
        mv.visitLabel(done);
        pushStore(I32);
        noteEmitted(in);
        return;
      }
      default:
        if (!in.typed()) {
          throw new Unsupported(in.text());
        }
        typed(in);
        noteEmitted(in);
    }
  }

  private void global(int g) {
    mv.visitVarInsn(ALOAD, 0);
    mv.visitFieldInsn(GETFIELD, INSTANCE, "globals", "[Ldev/coroner/interpreter/GlobalInstance;");
    pushInt(g);
    mv.visitInsn(AALOAD);
  }

  private void brTable() {
    int n = r.readCount("label", Integer.MAX_VALUE, 1);
    int[] labels = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      labels[i] = r.readU32("label");
    }
    pop();
    mv.visitVarInsn(ILOAD, slot(h, I32));
    Map<Integer, Label> stubs = new LinkedHashMap<>();
    Label[] cases = new Label[n];
    for (int i = 0; i < n; i++) {
      cases[i] = stubs.computeIfAbsent(labels[i], k -> new Label());
    }
    Label dflt = stubs.computeIfAbsent(labels[n], k -> new Label());
    if (n > 0) {
      mv.visitTableSwitchInsn(0, n - 1, dflt, cases);
    } else {
      mv.visitInsn(POP);
      mv.visitJumpInsn(GOTO, dflt);
    }
    for (Map.Entry<Integer, Label> e : stubs.entrySet()) {
      mv.visitLabel(e.getValue());
      branch(label(e.getKey()), instrOffset);
    }
  }

  // ---- calls ----

  private void call(int f) {
    FuncType t = module.functionType(f);
    int np = t.paramCount();
    int argBase = h - np;
    int below = site(argBase);
    site(h);
    Label start = rangeStart();
    int calleeFp = slotOffset(argBase);
    if (owner.isCompiled(f)) {
      // depth + 1 >= depthLimit || interrupted || fp + calleeFp + maxHeight > slotLimit: the slow
      // path, through TierRuntime.call, which refuses the call at the store's limits (or when
      // interrupted) and otherwise continues it on a large-stack thread (CompiledCode.invoke).
      Label slow = new Label();
      Label go = new Label();
      Label join = new Label();
      jumpUnlessCallFits(calleeFp, module.compiled(f).maxHeight, slow);
      mv.visitJumpInsn(GOTO, go);
      mv.visitLabel(slow);
      int[] savedTypes = Arrays.copyOf(types, types.length);
      int savedH = h;
      mv.visitVarInsn(ALOAD, 0);
      pushInt(f);
      mv.visitVarInsn(ILOAD, 1);
      calleeFp(calleeFp);
      packArgs(argBase, np);
      mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "call", "(" + INSTANCE_DESC + "III[J)[J", false);
      h = argBase;
      storeResults(t, true);
      mv.visitJumpInsn(GOTO, join);
      types = savedTypes;
      h = savedH;
      mv.visitLabel(go);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitVarInsn(ILOAD, 1);
      mv.visitInsn(ICONST_1);
      mv.visitInsn(IADD);
      calleeFp(calleeFp);
      mv.visitVarInsn(ILOAD, maxDepthSlot);
      mv.visitVarInsn(ILOAD, maxSlotsSlot);
      for (int i = argBase; i < h; i++) {
        load(i);
      }
      mv.visitMethodInsn(INVOKESTATIC, owner.className(), ModuleTranslator.methodName(f),
          descriptor(t), false);
      rangeEnd(start, below);
      h = argBase;
      storeResults(t, false);
      mv.visitLabel(join);
    } else {
      mv.visitVarInsn(ALOAD, 0);
      pushInt(f);
      mv.visitVarInsn(ILOAD, 1);
      calleeFp(calleeFp);
      packArgs(argBase, np);
      mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "call", "(" + INSTANCE_DESC + "III[J)[J", false);
      rangeEnd(start, below);
      h = argBase;
      storeResults(t, true);
    }
    reloadMemory();
  }

  private void callIndirect(int typeIdx, int table) {
    FuncType t = module.types.get(typeIdx);
    int np = t.paramCount();
    int argBase = h - 1 - np;
    int below = site(argBase);
    site(h);
    Label start = rangeStart();
    int dispatcher = owner.dispatcher(t);
    Label join = new Label();
    if (dispatcher >= 0) {
      // The element's checks (traps as the interpreter's), then: a compiled function of this
      // instance, within the limits for the largest of its candidates, is called through the
      // type's dispatcher (a switch of direct calls); anything else takes the general path.
      int calleeFp = slotOffset(argBase);
      Label general = new Label();
      mv.visitVarInsn(ALOAD, 0);
      pushInt(table);
      pushInt(typeIdx);
      load(h - 1);
      mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "indirectTarget", "(" + INSTANCE_DESC + "III)I",
          false);
      mv.visitVarInsn(ISTORE, targetSlot());
      mv.visitVarInsn(ILOAD, targetSlot());
      mv.visitJumpInsn(IFLT, general);
      jumpUnlessCallFits(calleeFp, owner.dispatcherMaxHeight(dispatcher), general);
      int[] savedTypes = Arrays.copyOf(types, types.length);
      int savedH = h;
      mv.visitVarInsn(ALOAD, 0);
      mv.visitVarInsn(ILOAD, targetSlot());
      mv.visitVarInsn(ILOAD, 1);
      mv.visitInsn(ICONST_1);
      mv.visitInsn(IADD);
      calleeFp(calleeFp);
      mv.visitVarInsn(ILOAD, maxDepthSlot);
      mv.visitVarInsn(ILOAD, maxSlotsSlot);
      for (int i = argBase; i < h - 1; i++) {
        load(i);
      }
      mv.visitMethodInsn(INVOKESTATIC, owner.className(), ModuleTranslator.dispatcherName(dispatcher),
          dispatcherDescriptor(t), false);
      h = argBase;
      storeResults(t, false);
      mv.visitJumpInsn(GOTO, join);
      types = savedTypes;
      h = savedH;
      mv.visitLabel(general);
    }
    mv.visitVarInsn(ALOAD, 0);
    pushInt(table);
    pushInt(typeIdx);
    load(h - 1);
    mv.visitVarInsn(ILOAD, 1);
    calleeFp(slotOffset(argBase));
    packArgs(argBase, np);
    mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "callIndirect",
        "(" + INSTANCE_DESC + "IIIII[J)[J", false);
    rangeEnd(start, below);
    h = argBase;
    storeResults(t, true);
    mv.visitLabel(join);
    reloadMemory();
  }

  /**
   * Jumps to {@code slow} unless a compiled call may go ahead here: the callee's depth is below
   * this frame's depth limit, the store is not interrupted, and a callee frame at {@code calleeFp}
   * (relative to this frame's base) of {@code maxHeight} slots fits the slot limit.
   */
  private void jumpUnlessCallFits(int calleeFp, int maxHeight, Label slow) {
    mv.visitVarInsn(ILOAD, 1);
    mv.visitInsn(ICONST_1);
    mv.visitInsn(IADD);
    mv.visitVarInsn(ILOAD, maxDepthSlot);
    mv.visitJumpInsn(IF_ICMPGE, slow);
    mv.visitVarInsn(ALOAD, machineSlot);
    mv.visitFieldInsn(GETFIELD, MACHINE, "interrupted", "Z");
    mv.visitJumpInsn(IFNE, slow);
    neededSlots(calleeFp, maxHeight);
    mv.visitVarInsn(ILOAD, maxSlotsSlot);
    mv.visitInsn(I2L);
    mv.visitInsn(LCMP);
    mv.visitJumpInsn(IFGT, slow);
  }

  /**
   * The descriptor of a call_indirect dispatcher for type {@code t}: the instance, the target
   * function's index, then what a function of that type takes.
   */
  static String dispatcherDescriptor(FuncType t) {
    return "(" + INSTANCE_DESC + "I" + descriptor(t).substring(INSTANCE_DESC.length() + 1);
  }

  /** A scratch local for a call_indirect's target (not read by the handler). */
  private int targetSlot = -1;

  private int targetSlot() {
    if (targetSlot < 0) {
      targetSlot = nextSlot++;
    }
    return targetSlot;
  }

  /** Pushes {@code fp + offset} as an int. */
  private void calleeFp(int offset) {
    mv.visitVarInsn(ILOAD, 2);
    pushInt(offset);
    mv.visitInsn(IADD);
  }

  /** Pushes {@code (long) fp + offset + maxHeight}. */
  private void neededSlots(int offset, int maxHeight) {
    mv.visitVarInsn(ILOAD, 2);
    mv.visitInsn(I2L);
    mv.visitLdcInsn((long) offset + maxHeight);
    mv.visitInsn(LADD);
  }

  /** Pushes a long[] of operands {@code base..base+n-1} in the value stack's slot layout. */
  private void packArgs(int base, int n) {
    pushInt(slotOffset(base + n) - slotOffset(base));
    mv.visitIntInsn(NEWARRAY, T_LONG);
    int j = 0;
    for (int i = 0; i < n; i++) {
      int t = types[base + i];
      mv.visitInsn(DUP);
      pushInt(j++);
      mv.visitVarInsn(loadOp(t), slot(base + i, t));
      toBits(t);
      mv.visitInsn(LASTORE);
      if (t == V128) {
        mv.visitInsn(DUP);
        pushInt(j++);
        mv.visitVarInsn(LLOAD, highSlot(base + i));
        mv.visitInsn(LASTORE);
      }
    }
  }

  /** Stores a call's results (a long[] when {@code boxed} or when there are several). */
  private void storeResults(FuncType t, boolean boxed) {
    int n = t.resultCount();
    if (!boxed && !returnsArray(t)) {
      if (n == 1) {
        pushStore(t.result(0));
      }
      return;
    }
    if (n == 0) {
      mv.visitInsn(POP);
      return;
    }
    mv.visitVarInsn(ASTORE, arraySlot());
    int j = 0;
    for (int i = 0; i < n; i++) {
      mv.visitVarInsn(ALOAD, arraySlot());
      pushInt(j++);
      mv.visitInsn(LALOAD);
      fromBits(t.result(i));
      if (t.result(i) == V128) {
        mv.visitVarInsn(ALOAD, arraySlot());
        pushInt(j++);
        mv.visitInsn(LALOAD);
      }
      pushStore(t.result(i));
    }
    mv.visitInsn(ACONST_NULL);
    mv.visitVarInsn(ASTORE, arraySlot());
  }

  /** A scratch local for a call's results array (not read by the handler). */
  private int arraySlot = -1;

  private int arraySlot() {
    if (arraySlot < 0) {
      arraySlot = nextSlot++;
    }
    return arraySlot;
  }

  // ---- typed instructions: memory, tables, constants, numeric ----

  private void typed(Instruction in) {
    switch (in.immediates()) {
      case MEMARG:
        memoryAccess(in);
        return;
      case I32:
        pushInt(r.readS32("i32 constant"));
        pushStore(I32);
        return;
      case I64:
        mv.visitLdcInsn(r.readS64("i64 constant"));
        pushStore(I64);
        return;
      case F32:
        pushInt((int) r.readFixed(4, "f32 constant"));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        pushStore(F32);
        return;
      case F64:
        mv.visitLdcInsn(r.readFixed(8, "f64 constant"));
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        pushStore(F64);
        return;
      case NONE:
        numeric(in);
        return;
      default:
        bulk(in);
    }
  }

  private void memoryAccess(Instruction in) {
    int align = r.readU32("alignment");
    int offset = r.readU32("offset");
    if (align < 0 || align >= 32 || module.memories.size() != 1) {
      throw new Unsupported("memory access beyond one 32-bit memory");
    }
    boolean load = in.results().length == 1;
    int s = site(h);
    Label start = rangeStart();
    int width = in.width();
    if (load) {
      int t = in.results()[0] & 0xFF;
      if (types[h - 1] != I32) {
        throw new Unsupported("64-bit address");
      }
      mv.visitVarInsn(ALOAD, memSlot);
      load(h - 1);
      pushInt(offset);
      mv.visitMethodInsn(INVOKESTATIC, MEMORY, "effectiveAddress", "(II)J", false);
      String name = in.name();
      boolean signed = name.endsWith("_S");
      String method;
      switch (width) {
        case 1: method = signed ? "load8S" : "load8U"; break;
        case 2: method = signed ? "load16S" : "load16U"; break;
        case 4: method = "load32"; break;
        default: method = "load64"; break;
      }
      mv.visitMethodInsn(INVOKESTATIC, MEMORY, method, width == 8 ? "([BJ)J" : "([BJ)I", false);
      rangeEnd(start, s);
      pop();
      switch (t) {
        case I64:
          if (width < 8) {
            mv.visitInsn(I2L);
            if (width == 4 && !signed) {
              mv.visitLdcInsn(0xFFFFFFFFL);
              mv.visitInsn(LAND);
            }
          }
          break;
        case F32:
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
          break;
        case F64:
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D",
              false);
          break;
        default:
          break;
      }
      pushStore(t);
    } else {
      int vt = types[h - 1];
      if (types[h - 2] != I32) {
        throw new Unsupported("64-bit address");
      }
      mv.visitVarInsn(ALOAD, memSlot);
      load(h - 2);
      pushInt(offset);
      mv.visitMethodInsn(INVOKESTATIC, MEMORY, "effectiveAddress", "(II)J", false);
      load(h - 1);
      switch (vt) {
        case F32:
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
          break;
        case F64:
          mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J",
              false);
          break;
        case I64:
          if (width < 8) {
            mv.visitInsn(L2I);
          }
          break;
        default:
          break;
      }
      String method = width == 1 ? "store8" : width == 2 ? "store16" : width == 4 ? "store32"
          : "store64";
      mv.visitMethodInsn(INVOKESTATIC, MEMORY, method, width == 8 ? "([BJJ)V" : "([BJI)V", false);
      rangeEnd(start, s);
      pop();
      pop();
    }
  }

  /** A numeric instruction: a call to its semantics, its operands and result converted. */
  private void numeric(Instruction in) {
    String name = in.name();
    int us = name.indexOf('_');
    String cls = name.substring(0, us);
    StringBuilder m = new StringBuilder();
    boolean upper = false;
    for (char ch : name.substring(us + 1).toCharArray()) {
      if (ch == '_') {
        upper = true;
      } else {
        m.append(upper ? ch : Character.toLowerCase(ch));
        upper = false;
      }
    }
    Method method = SEMANTICS.get(cls + "." + m);
    if (method == null) {
      throw new Unsupported(in.text());
    }
    byte[] params = in.params();
    byte[] res = in.results();
    if (res.length != 1 || method.getParameterCount() != params.length) {
      throw new Unsupported(in.text());
    }
    int s = in.traps() ? site(h) : -1;
    Label start = in.traps() ? rangeStart() : null;
    Class<?>[] pt = method.getParameterTypes();
    for (int i = 0; i < params.length; i++) {
      int pos = h - params.length + i;
      int t = params[i] & 0xFF;
      if (types[pos] != t) {
        throw new Unsupported(in.text() + ": operand type");
      }
      load(pos);
      adapt(t, pt[i]);
    }
    mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(method.getDeclaringClass()),
        method.getName(), Type.getMethodDescriptor(method), false);
    if (in.traps()) {
      rangeEnd(start, s);
    }
    for (int i = 0; i < params.length; i++) {
      pop();
    }
    int rt = res[0] & 0xFF;
    adaptBack(method.getReturnType(), rt);
    pushStore(rt);
  }

  /** Converts a value of WebAssembly type {@code t} on the JVM stack to Java type {@code to}. */
  private void adapt(int t, Class<?> to) {
    if (t == F32 && to == int.class) {
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
    } else if (t == F64 && to == long.class) {
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
    } else if (!desc(t).equals(Type.getDescriptor(to))) {
      throw new Unsupported("operand " + ValType.name(t) + " as " + to);
    }
  }

  private void adaptBack(Class<?> from, int t) {
    if (t == F32 && from == int.class) {
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
    } else if (t == F64 && from == long.class) {
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
    } else if (!desc(t).equals(Type.getDescriptor(from))) {
      throw new Unsupported("result " + from + " as " + ValType.name(t));
    }
  }

  /** Memory size and growth, bulk memory and table instructions, references. */
  private void bulk(Instruction in) {
    switch (in) {
      case MEMORY_SIZE:
        r.readU32("memory index");
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, INSTANCE, "memory0",
            "Ldev/coroner/interpreter/MemoryInstance;");
        mv.visitMethodInsn(INVOKEVIRTUAL, "dev/coroner/interpreter/MemoryInstance", "pages", "()I",
            false);
        pushStore(I32);
        return;
      case MEMORY_GROW:
        r.readU32("memory index");
        mv.visitVarInsn(ALOAD, 0);
        load(h - 1);
        pop();
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "memoryGrow", "(" + INSTANCE_DESC + "I)I",
            false);
        pushStore(I32);
        reloadMemory();
        return;
      case MEMORY_INIT: {
        int seg = r.readU32("data index");
        r.readU32("memory index");
        runtime3(in, "memoryInit", seg, -1);
        return;
      }
      case DATA_DROP: {
        int seg = r.readU32("data index");
        mv.visitVarInsn(ALOAD, 0);
        pushInt(seg);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "dataDrop", "(" + INSTANCE_DESC + "I)V", false);
        return;
      }
      case MEMORY_COPY:
        r.readU32("memory index");
        r.readU32("memory index");
        runtime3(in, "memoryCopy", -1, -1);
        return;
      case MEMORY_FILL:
        r.readU32("memory index");
        runtime3(in, "memoryFill", -1, -1);
        return;
      case TABLE_INIT: {
        int seg = r.readU32("elem index");
        int table = r.readU32("table index");
        runtime3(in, "tableInit", seg, table);
        return;
      }
      case ELEM_DROP: {
        int seg = r.readU32("elem index");
        mv.visitVarInsn(ALOAD, 0);
        pushInt(seg);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "elemDrop", "(" + INSTANCE_DESC + "I)V", false);
        return;
      }
      case TABLE_COPY: {
        int dst = r.readU32("table index");
        int src = r.readU32("table index");
        runtime3(in, "tableCopy", dst, src);
        return;
      }
      case TABLE_GROW: {
        int table = r.readU32("table index");
        mv.visitVarInsn(ALOAD, 0);
        pushInt(table);
        load(h - 2);
        load(h - 1);
        pop();
        pop();
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "tableGrow", "(" + INSTANCE_DESC + "IJI)I",
            false);
        pushStore(I32);
        return;
      }
      case TABLE_SIZE: {
        int table = r.readU32("table index");
        mv.visitVarInsn(ALOAD, 0);
        pushInt(table);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "tableSize", "(" + INSTANCE_DESC + "I)I",
            false);
        pushStore(I32);
        return;
      }
      case TABLE_FILL: {
        int table = r.readU32("table index");
        tableCall(table, 3, "tableFill", "(" + INSTANCE_DESC + "IIJI)V");
        h -= 3;
        return;
      }
      case TABLE_GET: {
        int table = r.readU32("table index");
        int et = module.context().tableElemType(table);
        tableCall(table, 1, "tableGet", "(" + INSTANCE_DESC + "II)J");
        pop();
        pushStore(et);
        return;
      }
      case TABLE_SET: {
        int table = r.readU32("table index");
        tableCall(table, 2, "tableSet", "(" + INSTANCE_DESC + "IIJ)V");
        h -= 2;
        return;
      }
      case REF_FUNC: {
        int f = r.readU32("function index");
        mv.visitVarInsn(ALOAD, 0);
        pushInt(f);
        mv.visitMethodInsn(INVOKESTATIC, RUNTIME, "refFunc", "(" + INSTANCE_DESC + "I)J", false);
        pushStore(FUNCREF);
        return;
      }
      default:
        throw new Unsupported(in.text());
    }
  }

  /**
   * Calls runtime {@code method} (descriptor {@code desc}) with the instance, {@code table} and
   * the top {@code operands} stack values (left on the stack), its traps at a site here.
   */
  private void tableCall(int table, int operands, String method, String desc) {
    int s = site(h);
    Label start = rangeStart();
    mv.visitVarInsn(ALOAD, 0);
    pushInt(table);
    for (int i = h - operands; i < h; i++) {
      load(i);
    }
    mv.visitMethodInsn(INVOKESTATIC, RUNTIME, method, desc, false);
    rangeEnd(start, s);
  }

  /** A bulk instruction with three i32 operands and up to two immediates (-1: none). */
  private void runtime3(Instruction in, String method, int a, int b) {
    int s = site(h);
    Label start = rangeStart();
    mv.visitVarInsn(ALOAD, 0);
    StringBuilder d = new StringBuilder("(" + INSTANCE_DESC);
    if (a >= 0) {
      pushInt(a);
      d.append('I');
    }
    if (b >= 0) {
      pushInt(b);
      d.append('I');
    }
    for (int i = h - 3; i < h; i++) {
      if (types[i] != I32) {
        throw new Unsupported(in.text() + ": 64-bit operands");
      }
      load(i);
      d.append('I');
    }
    mv.visitMethodInsn(INVOKESTATIC, RUNTIME, method, d + ")V", false);
    rangeEnd(start, s);
    h -= 3;
  }
}
