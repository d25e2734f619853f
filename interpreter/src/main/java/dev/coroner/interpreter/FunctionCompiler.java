package dev.coroner.interpreter;

import static dev.coroner.interpreter.model.ValType.FUNCREF;
import static dev.coroner.interpreter.model.ValType.I32;
import static dev.coroner.interpreter.model.ValType.I64;
import static dev.coroner.interpreter.model.ValType.UNKNOWN;

import dev.coroner.coredump.BinaryReader;
import dev.coroner.interpreter.Instruction.Immediates;
import dev.coroner.interpreter.Instruction.Sig;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;
import dev.coroner.interpreter.model.ValType;
import java.util.Arrays;

/**
 * Validates one function body (the algorithm of the spec's validation appendix) and, in the same
 * pass, compiles it to pre-decoded code ({@link Op}): branch targets resolved, stack heights
 * computed, the original byte offset of each instruction kept in a side array.
 *
 * <p>Instructions come from the {@link Instruction} table: a typed entry is checked from the table
 * alone ({@link #typed}: immediates, then operands and results), the others by their own rule
 * here ({@link #special}: control, calls, locals, globals and the polymorphic ones).
 *
 * <p>Every value takes one slot of the interpreter's value stack, a v128 two ({@link Slots}); a
 * frame's slots are its locals (parameters first) followed by its operands, so the slots of the
 * locals plus those of the validator's operand stack are the slot height the interpreter will have
 * at run time. Local instructions name a local's first slot. The {@code 0xFD} (SIMD) instructions
 * are validated and emitted by {@link SimdCompiler}.
 */
final class FunctionCompiler {
  private static final byte[] NONE = new byte[0];

  private final ModuleContext ctx;
  private final BinaryReader<MalformedException> r;
  private final int funcIndex;
  private final FuncType type;
  private final byte[] localTypes;
  private final int nLocals;
  private final int bodyStart;

  // Operand type stack.
  private int[] vals = new int[16];
  private int nVals;
  private int maxVals;
  /** {@code slotsBelow[i]}: value-stack slots of {@code vals[0..i)} (a v128 takes two). */
  private int[] slotsBelow = new int[17];
  private int maxSlots;
  /** Whether a v128 was ever pushed. */
  private boolean sawV128;
  /** The first slot of each local, and the slots all locals take. */
  private final int[] localSlot;
  private final int localSlots;
  /** The SIMD instruction being validated, for error messages (null otherwise). */
  SimdInstruction currentSimd;

  // Control stack.
  private Ctrl[] ctrls = new Ctrl[8];
  private int nCtrls;

  // Output.
  private int[] code = new int[64];
  private int[] offsets = new int[64];
  private int pc;
  private int instrStart;
  /** The instruction being validated (for error messages), or null while decoding its opcode. */
  private Instruction current;
  // Starts of the last three emitted instructions (-1: none) and the last jump-target position;
  // instructions are fused only when no jump target lies inside the fused sequence.
  private int s1 = -1;
  private int s2 = -1;
  private int s3 = -1;
  private int barrier;
  /** Body offset at which {@link #operandTypesAt} stops, or -1. */
  private int stopAt = -1;

  private static final class Ctrl {
    Instruction kind; // BLOCK, LOOP, IF, or null for the function's own block
    byte[] params;
    byte[] results;
    int height;
    boolean unreachable;
    int startPc;
    int elseFixup = -1;
    boolean sawElse;
    int[] fixups = new int[4];
    int nFixups;

    void addFixup(int at) {
      if (nFixups == fixups.length) {
        fixups = Arrays.copyOf(fixups, nFixups * 2);
      }
      fixups[nFixups++] = at;
    }
  }

  private FunctionCompiler(
      ModuleContext ctx, BinaryReader<MalformedException> r, int funcIndex, FuncType type,
      byte[] localTypes, int bodyStart) {
    this.ctx = ctx;
    this.r = r;
    this.funcIndex = funcIndex;
    this.type = type;
    this.localTypes = localTypes;
    this.nLocals = localTypes.length;
    this.bodyStart = bodyStart;
    this.localSlot = new int[nLocals];
    int slot = 0;
    for (int i = 0; i < nLocals; i++) {
      localSlot[i] = slot;
      slot += Slots.width(localTypes[i] & 0xFF);
    }
    this.localSlots = slot;
  }

  /**
   * Validates and compiles the instructions of a body; {@code r} is the body's reader, positioned
   * after the local declarations.
   *
   * @param bodyStart absolute offset of the first byte after the body-size LEB
   */
  static CompiledFunction compile(
      ModuleContext ctx, BinaryReader<MalformedException> r, int funcIndex, FuncType type,
      byte[] localTypes, int bodyStart) {
    return new FunctionCompiler(ctx, r, funcIndex, type, localTypes, bodyStart).run();
  }

  /**
   * Re-validates a body that is known to be valid, up to the instruction at body offset {@code
   * offset}, and returns the operand stack's value types just before that instruction. Coredump
   * capture uses this so the interpreter never has to track types at run time.
   *
   * @param r positioned at the body's first instruction and limited to its end
   */
  static int[] operandTypesAt(
      ModuleContext ctx, BinaryReader<MalformedException> r, CompiledFunction f, int offset) {
    FunctionCompiler c =
        new FunctionCompiler(ctx, r, f.index, f.type, f.localTypes, f.bodyStart);
    c.stopAt = offset;
    c.run();
    if (c.instrStart - c.bodyStart != offset) {
      throw new IllegalStateException("no instruction at body offset " + offset);
    }
    return Arrays.copyOf(c.vals, c.nVals);
  }

  // ---- errors ----

  InvalidException invalid(String message) {
    String name =
        currentSimd != null ? currentSimd.text() : current != null ? current.text() : null;
    return InvalidException.at(message, "in function " + funcIndex + " at offset 0x"
        + Integer.toHexString(instrStart) + " (body offset " + (instrStart - bodyStart)
        + (name == null ? "" : ", " + name) + ")", instrStart);
  }

  MalformedException malformed(String message) {
    return new MalformedException(message, "in function " + funcIndex + " at offset 0x"
        + Integer.toHexString(instrStart), instrStart);
  }

  // ---- operand stack ----

  void push(int t) {
    if (nVals == vals.length) {
      vals = Arrays.copyOf(vals, nVals * 2);
      slotsBelow = Arrays.copyOf(slotsBelow, nVals * 2 + 1);
    }
    int slots = slotsBelow[nVals] + Slots.width(t);
    sawV128 |= t == ValType.V128;
    vals[nVals++] = t;
    slotsBelow[nVals] = slots;
    if (nVals > maxVals) {
      maxVals = nVals;
    }
    if (slots > maxSlots) {
      maxSlots = slots;
    }
  }

  int pop() {
    Ctrl c = ctrls[nCtrls - 1];
    if (nVals == c.height) {
      if (c.unreachable) {
        return UNKNOWN;
      }
      throw invalid("type mismatch");
    }
    return vals[--nVals];
  }

  int pop(int expect) {
    int actual = pop();
    if (actual != expect && actual != UNKNOWN && expect != UNKNOWN) {
      throw invalid("type mismatch");
    }
    return actual == UNKNOWN ? expect : actual;
  }

  private void pushAll(byte[] ts) {
    for (byte t : ts) {
      push(t & 0xFF);
    }
  }

  private void popAll(byte[] ts) {
    for (int i = ts.length - 1; i >= 0; i--) {
      pop(ts[i] & 0xFF);
    }
  }

  private void pushCtrl(Instruction kind, byte[] params, byte[] results) {
    if (nCtrls == ctrls.length) {
      ctrls = Arrays.copyOf(ctrls, nCtrls * 2);
    }
    Ctrl c = new Ctrl();
    c.kind = kind;
    c.params = params;
    c.results = results;
    c.height = nVals;
    c.startPc = pc;
    if (kind == Instruction.LOOP) {
      barrier = pc;
    }
    ctrls[nCtrls++] = c;
    pushAll(params);
  }

  private Ctrl popCtrl() {
    if (nCtrls == 0) {
      throw invalid("type mismatch");
    }
    Ctrl c = ctrls[nCtrls - 1];
    popAll(c.results);
    if (nVals != c.height) {
      throw invalid("type mismatch");
    }
    nCtrls--;
    return c;
  }

  private static byte[] labelTypes(Ctrl c) {
    return c.kind == Instruction.LOOP ? c.params : c.results;
  }

  private void setUnreachable() {
    Ctrl c = ctrls[nCtrls - 1];
    nVals = c.height;
    c.unreachable = true;
  }

  // ---- output ----

  void emitOp(int op) {
    s3 = s2;
    s2 = s1;
    s1 = pc;
    ensure(1);
    offsets[pc] = instrStart - bodyStart;
    code[pc++] = op;
  }

  /** A {@link Op#RETURN} with its immediate: the number of result slots it moves. */
  private void emitReturn() {
    emitOp(Op.RETURN);
    emit(Slots.results(type));
  }

  void emit(int v) {
    ensure(1);
    code[pc++] = v;
  }

  private void ensure(int n) {
    if (pc + n > code.length) {
      int size = Math.max(code.length * 2, pc + n);
      code = Arrays.copyOf(code, size);
      offsets = Arrays.copyOf(offsets, size);
    }
  }

  private int slotHeight() {
    return localSlots + slotsBelow[nVals];
  }

  /** The value-stack slot, from the frame base, of operand-stack height {@code height}. */
  private int slotAt(int height) {
    return localSlots + slotsBelow[height];
  }

  /** Emits the branch part for label {@code depth}; {@code cond} selects the conditional forms. */
  private void emitBranch(int depth, boolean cond) {
    Ctrl target = ctrls[nCtrls - 1 - depth];
    int arity = Slots.of(labelTypes(target));
    int base = slotAt(target.height);
    boolean simple = slotHeight() == base + arity;
    if (simple) {
      emitOp(cond ? Op.BR_IF : Op.BR);
      emitTarget(target);
    } else {
      emitOp(cond ? Op.BR_IF_MOVE : Op.BR_MOVE);
      emitTarget(target);
      emit(base);
      emit(arity);
    }
  }

  private void emitTarget(Ctrl target) {
    if (target.kind == Instruction.LOOP) {
      emit(target.startPc);
    } else {
      target.addFixup(pc);
      emit(-1);
    }
  }

  // ---- super-instructions ----

  /** Whether the instructions starting at {@code first} up to the end contain no jump target. */
  private boolean fusible(int first) {
    return first >= 0 && first >= barrier;
  }

  /** Replaces the instructions from {@code at} to the end with {@code ints}. */
  private void rewrite(int at, int... ints) {
    System.arraycopy(ints, 0, code, at, ints.length);
    pc = at + ints.length;
    s1 = at;
    s2 = -1;
    s3 = -1;
  }

  /** Fuses the last emitted instructions into a super-instruction where a pattern matches. */
  private void peephole() {
    if (s1 < 0 || s2 < 0 || !fusible(s2)) {
      return;
    }
    int op1 = code[s1];
    int op2 = code[s2];
    switch (op1) {
      case Op.LOCAL_GET:
        if (op2 == Op.LOCAL_GET) {
          int savedS3 = s3;
          rewrite(s2, Op.LOCAL_GET2, code[s2 + 1], code[s1 + 1]);
          s2 = savedS3;
        } else if (op2 == Op.LOCAL_SET && code[s2 + 1] == code[s1 + 1]) {
          int savedS3 = s3;
          rewrite(s2, Op.LOCAL_TEE, code[s2 + 1]);
          s2 = savedS3;
        }
        break;
      case Op.I32_ADD:
        if (op2 == Op.I32_CONST) {
          int c = code[s2 + 1];
          if (s3 >= 0 && fusible(s3) && code[s3] == Op.LOCAL_GET) {
            rewrite(s3, Op.I32_ADD_LOCAL_CONST, code[s3 + 1], c);
          } else if (s3 >= 0 && fusible(s3) && code[s3] == Op.LOCAL_GET2) {
            // LOCAL_GET2 a b, I32_CONST c, I32_ADD -> LOCAL_GET a, I32_ADD_LOCAL_CONST b c
            int a = code[s3 + 1];
            int b = code[s3 + 2];
            rewrite(s3, Op.LOCAL_GET, a, Op.I32_ADD_LOCAL_CONST, b, c);
            s2 = s3;
            s1 = s3 + 2;
          } else {
            int savedS3 = s3;
            rewrite(s2, Op.I32_ADD_CONST, c);
            s2 = savedS3;
          }
        }
        break;
      case Op.I32_AND:
      case Op.I32_SHL:
      case Op.I32_SHR_U:
      case Op.I32_ROTL:
        if (op2 == Op.I32_CONST) {
          int savedS3 = s3;
          rewrite(s2, Op.I32_BINOP_CONST + (op1 - Op.I32_ADD), code[s2 + 1]);
          s2 = savedS3;
        }
        break;
      case Op.LOCAL_SET:
        if (op2 == Op.I32_ADD_LOCAL_CONST) {
          int savedS3 = s3;
          rewrite(s2, Op.I32_ADD_LOCAL_CONST_SET, code[s2 + 1], code[s2 + 2], code[s1 + 1]);
          s2 = savedS3;
        }
        break;
      case Op.I32_LOAD:
        if (op2 == Op.LOCAL_GET) {
          int loadOffset = offsets[s1];
          int savedS3 = s3;
          int at = s2;
          rewrite(at, Op.I32_LOAD_LOCAL, code[s2 + 1], code[s1 + 1]);
          offsets[at + 1] = loadOffset;
          s2 = savedS3;
        }
        break;
      case Op.BR_IF:
        if (op2 >= Op.I32_EQZ && op2 <= Op.I32_GE_U) {
          fuseCompareBranch(op2 - Op.I32_EQZ);
        }
        break;
      default:
        break;
    }
  }

  private void fuseCompareBranch(int k) {
    int oldTargetAt = s1 + 1;
    int target = code[oldTargetAt];
    int savedS3 = s3;
    int at = s2;
    rewrite(at, Op.BR_IF_I32 + k, target);
    s2 = savedS3;
    // A forward branch's target is patched later: move its fixup along.
    for (int i = 0; i < nCtrls; i++) {
      Ctrl c = ctrls[i];
      for (int j = 0; j < c.nFixups; j++) {
        if (c.fixups[j] == oldTargetAt) {
          c.fixups[j] = at + 1;
        }
      }
    }
  }

  // ---- decoding helpers ----

  private int label() {
    int l = r.readU32("label");
    if (l < 0 || l >= nCtrls) {
      throw invalid("unknown label");
    }
    return l;
  }

  private byte[][] blockType() {
    int b = r.peekByte("block type");
    if (b == 0x40) {
      r.readByte("block type");
      return new byte[][] {NONE, NONE};
    }
    if (ValType.isSupported(b)) {
      r.readByte("block type");
      return new byte[][] {NONE, new byte[] {(byte) b}};
    }
    long idx = r.readS33("block type");
    if (idx < 0) {
      throw malformed("malformed value type");
    }
    if (idx >= ctx.typeCount()) {
      throw invalid("unknown type");
    }
    FuncType t = ctx.type((int) idx);
    byte[] params = new byte[t.paramCount()];
    for (int i = 0; i < params.length; i++) {
      params[i] = (byte) t.param(i);
    }
    byte[] results = new byte[t.resultCount()];
    for (int i = 0; i < results.length; i++) {
      results[i] = (byte) t.result(i);
    }
    return new byte[][] {params, results};
  }

  private int localIndex() {
    int i = r.readU32("local index");
    if (i < 0 || i >= nLocals) {
      throw invalid("unknown local " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int globalIndex() {
    int i = r.readU32("global index");
    if (i < 0 || i >= ctx.globalCount()) {
      throw invalid("unknown global " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int tableIndex() {
    return checkTable(r.readU32("table index"));
  }

  private int checkTable(int i) {
    if (i < 0 || i >= ctx.tableCount()) {
      throw invalid("unknown table " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int funcIdx() {
    int i = r.readU32("function index");
    if (i < 0 || i >= ctx.functionCount()) {
      throw invalid("unknown function " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int checkElem(int i) {
    if (i < 0 || i >= ctx.elemCount()) {
      throw invalid("unknown elem segment " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int dataIndex() {
    int i = r.readU32("data index");
    if (ctx.dataCount() < 0) {
      ctx.dataIndexWithoutCount(i);
      return i;
    }
    if (i < 0 || i >= ctx.dataCount()) {
      throw invalid("unknown data segment " + Integer.toUnsignedString(i));
    }
    return i;
  }

  /** A memory index: in WebAssembly 2.0 a zero byte, for memory 0; a u32 with multiple memories. */
  private int memoryIndex() {
    if (ctx.features().multiMemory()) {
      return r.readU32("memory index");
    }
    if (r.readByte("memory index") != 0) {
      throw malformed("zero byte expected");
    }
    return 0;
  }

  private void checkMemory(int mem) {
    if (mem < 0 || mem >= ctx.memoryCount()) {
      throw invalid("unknown memory " + Integer.toUnsignedString(mem));
    }
  }

  /** The address type of memory {@code mem}. */
  int addressType(int mem) {
    return ctx.memory64(mem) ? I64 : I32;
  }

  /** The memory index of the last {@link #memarg}. */
  int memargMemory;

  /**
   * Reads a load's or store's memarg and checks it; returns the offset. With multiple memories,
   * flag bit 6 announces a memory index (kept in {@link #memargMemory}); with 64-bit memories the
   * offset is a u64, below 2^32 for a 32-bit memory.
   */
  long memarg(int width) {
    int align = r.readU32("alignment");
    int mem = 0;
    if (ctx.features().multiMemory() && align >= 0x40 && align < 0x80) {
      align -= 0x40;
      mem = r.readU32("memory index");
    }
    long offset = ctx.features().memory64() ? r.readU64("offset")
        : r.readU32("offset") & 0xFFFFFFFFL;
    if (align < 0 || align >= 32) {
      throw malformed("malformed memop flags");
    }
    checkMemory(mem);
    if (1L << align > width) {
      throw invalid("alignment must not be larger than natural");
    }
    if (!ctx.memory64(mem) && offset >>> 32 != 0) {
      throw invalid("offset out of range");
    }
    memargMemory = mem;
    return offset;
  }

  // ---- main loop ----

  private CompiledFunction run() {
    byte[] results = new byte[type.resultCount()];
    for (int i = 0; i < results.length; i++) {
      results[i] = (byte) type.result(i);
    }
    pushCtrl(null, NONE, results);
    int firstInstr = r.position();
    while (nCtrls > 0) {
      instrStart = r.position();
      current = null;
      currentSimd = null;
      if (instrStart - bodyStart == stopAt) {
        return null;
      }
      if (r.atEnd()) {
        throw malformed("unexpected end of section or function");
      }
      if (r.peekByte("opcode") == 0xFD) {
        r.readByte("opcode");
        SimdCompiler.instruction(this, r);
        continue;
      }
      current = decode();
      if (current.typed()) {
        typed(current);
      } else {
        special(current);
      }
      peephole();
    }
    if (!r.atEnd()) {
      instrStart = r.position();
      current = null;
      throw malformed("section size mismatch: bytes after the function's final end");
    }
    return new CompiledFunction(
        // Two more slots where v128 values occur: Simd computes results above the stack top.
        funcIndex, type, localTypes, localSlots + maxSlots + (sawV128 ? 3 : 1),
        Arrays.copyOf(code, pc),
        Arrays.copyOf(offsets, pc), bodyStart, firstInstr, r.limit(), sawV128);
  }

  /** Reads an opcode (with its subopcode after a prefix) and finds it in the table. */
  private Instruction decode() {
    int op = r.readByte("opcode");
    if (op == 0xFC) {
      int sub = r.readU32("subopcode");
      Instruction in = Instruction.decode(0xFC, sub);
      if (in == null) {
        throw malformed("illegal opcode 0xfc " + Integer.toUnsignedString(sub));
      }
      return in;
    }
    Instruction in = Instruction.decode(0, op);
    if (in == null) {
      throw malformed("illegal opcode 0x" + Integer.toHexString(op));
    }
    return in;
  }

  /**
   * Validates and emits an instruction typed by the table: its immediates (indices checked), then
   * its operands popped and results pushed, {@link Sig#ADDRESS} and {@link Sig#ELEMENT} resolved
   * from the immediates.
   */
  private void typed(Instruction in) {
    int a = 0;
    int b = 0;
    int element = UNKNOWN;
    // The instruction's memories or tables (for the wide form) and their address types.
    int x = 0;
    int y = 0;
    int z = 0;
    int address = I32;
    int address2 = I32;
    boolean wide = false;
    switch (in.immediates()) {
      case NONE:
        break;
      case I32:
        a = r.readS32("i32 constant");
        break;
      case F32:
        a = (int) r.readFixed(4, "f32 constant");
        break;
      case I64: {
        long v = r.readS64("i64 constant");
        a = (int) v;
        b = (int) (v >>> 32);
        break;
      }
      case F64: {
        long v = r.readFixed(8, "f64 constant");
        a = (int) v;
        b = (int) (v >>> 32);
        break;
      }
      case MEMARG: {
        long offset = memarg(in.width());
        a = (int) offset;
        x = memargMemory;
        y = a;
        z = (int) (offset >>> 32);
        address = addressType(x);
        wide = x != 0 || address == I64;
        break;
      }
      case MEMORY:
        x = memoryIndex();
        checkMemory(x);
        address = addressType(x);
        wide = x != 0 || address == I64;
        break;
      case MEMORY_MEMORY:
        x = memoryIndex();
        y = memoryIndex();
        checkMemory(x);
        checkMemory(y);
        address = addressType(x);
        address2 = addressType(y);
        wide = x != 0 || y != 0 || address == I64 || address2 == I64;
        break;
      case DATA_MEMORY:
        a = dataIndex();
        y = memoryIndex();
        checkMemory(y);
        x = a;
        address = addressType(y);
        wide = y != 0 || address == I64;
        break;
      case DATA:
        a = dataIndex();
        break;
      case ELEM:
        a = checkElem(r.readU32("elem index"));
        break;
      case FUNC:
        a = funcIdx();
        if (!ctx.isDeclaredRef(a)) {
          throw invalid("undeclared function reference");
        }
        break;
      case TABLE:
        a = tableIndex();
        element = ctx.tableElemType(a);
        x = a;
        address = ctx.table64(a) ? I64 : I32;
        wide = address == I64;
        break;
      case TABLE_TABLE:
        a = tableIndex();
        b = tableIndex();
        if (ctx.tableElemType(a) != ctx.tableElemType(b)) {
          throw invalid("type mismatch");
        }
        x = a;
        y = b;
        address = ctx.table64(a) ? I64 : I32;
        address2 = ctx.table64(b) ? I64 : I32;
        wide = address == I64 || address2 == I64;
        break;
      case ELEM_TABLE: {
        // The table index is checked before the segment index, as the reference interpreter does.
        int elem = r.readU32("elem index");
        b = tableIndex();
        a = checkElem(elem);
        if (ctx.elemType(a) != ctx.tableElemType(b)) {
          throw invalid("type mismatch");
        }
        x = a;
        y = b;
        address = ctx.table64(b) ? I64 : I32;
        wide = address == I64;
        break;
      }
      default:
        throw new AssertionError(in + " has untyped immediates " + in.immediates());
    }
    byte[] params = in.params();
    boolean copy = in == Instruction.MEMORY_COPY || in == Instruction.TABLE_COPY;
    for (int i = params.length - 1; i >= 0; i--) {
      int t = resolve(params[i], element, address);
      if (copy) {
        // Destination, source, and a length that is 64-bit only when both are.
        t = i == 0 ? address : i == 1 ? address2 : address == I64 && address2 == I64 ? I64 : I32;
      }
      pop(t);
    }
    for (byte t : in.results()) {
      push(resolve(t, element, address));
    }
    if (wide) {
      emitOp(Op.WIDE);
      emit(in.code());
      emit(x);
      emit(y);
      emit(z);
      return;
    }
    emitOp(in.code());
    int ints = in.immediates().ints();
    if (ints > 0) {
      emit(a);
    }
    if (ints > 1) {
      emit(b);
    }
  }

  /**
   * A table type with its placeholders resolved: {@code address} is the address type of the
   * instruction's memory, or the index type of its table.
   */
  private static int resolve(byte t, int element, int address) {
    switch (t) {
      case Sig.ADDRESS:
      case Sig.INDEX:
        return address;
      case Sig.ELEMENT:
        return element;
      default:
        return t & 0xFF;
    }
  }

  /** Validates and emits an instruction with its own rule. */
  private void special(Instruction in) {
    switch (in) {
      case UNREACHABLE:
        emitOp(Op.UNREACHABLE);
        setUnreachable();
        break;
      case NOP:
        break;
      case BLOCK:
      case LOOP: {
        byte[][] bt = blockType();
        popAll(bt[0]);
        pushCtrl(in, bt[0], bt[1]);
        break;
      }
      case IF: {
        byte[][] bt = blockType();
        pop(I32);
        popAll(bt[0]);
        emitOp(Op.IF);
        int fix = pc;
        emit(-1);
        pushCtrl(Instruction.IF, bt[0], bt[1]);
        ctrls[nCtrls - 1].elseFixup = fix;
        break;
      }
      case ELSE: {
        Ctrl c = ctrls[nCtrls - 1];
        if (c.kind != Instruction.IF || c.sawElse) {
          throw malformed("unexpected token: else without if");
        }
        popCtrl();
        nCtrls++;
        emitOp(Op.BR);
        c.addFixup(pc);
        emit(-1);
        code[c.elseFixup] = pc;
        barrier = pc;
        c.sawElse = true;
        c.unreachable = false;
        nVals = c.height;
        pushAll(c.params);
        break;
      }
      case END: {
        Ctrl c = popCtrl();
        if (c.kind == Instruction.IF && !c.sawElse) {
          // The implicit else passes the parameters through: they must match the results.
          nCtrls++;
          c.unreachable = false;
          nVals = c.height;
          pushAll(c.params);
          popCtrl();
          code[c.elseFixup] = pc;
        }
        for (int i = 0; i < c.nFixups; i++) {
          code[c.fixups[i]] = pc;
        }
        barrier = pc;
        if (c.kind == null) {
          emitReturn();
        }
        pushAll(c.results);
        break;
      }
      case BR: {
        int l = label();
        popAll(labelTypes(ctrls[nCtrls - 1 - l]));
        pushAll(labelTypes(ctrls[nCtrls - 1 - l]));
        emitBranch(l, false);
        setUnreachable();
        break;
      }
      case BR_IF: {
        int l = label();
        pop(I32);
        byte[] lt = labelTypes(ctrls[nCtrls - 1 - l]);
        popAll(lt);
        pushAll(lt);
        emitBranch(l, true);
        break;
      }
      case BR_TABLE:
        branchTable();
        break;
      case RETURN:
        popAll(ctrls[0].results);
        emitReturn();
        setUnreachable();
        break;
      case CALL: {
        int f = funcIdx();
        FuncType t = ctx.functionType(f);
        popCallArgs(t);
        emitOp(Op.CALL);
        emit(f);
        emit(0);
        pushResults(t);
        break;
      }
      case CALL_INDIRECT: {
        FuncType t = indirectCall(Op.CALL_INDIRECT);
        pushResults(t);
        break;
      }
      case RETURN_CALL: {
        tailCalls();
        int f = funcIdx();
        FuncType t = ctx.functionType(f);
        popCallArgs(t);
        checkTailResults(t);
        emitOp(Op.RETURN_CALL);
        emit(f);
        emit(0);
        setUnreachable();
        break;
      }
      case RETURN_CALL_INDIRECT: {
        tailCalls();
        FuncType t = indirectCall(Op.RETURN_CALL_INDIRECT);
        checkTailResults(t);
        setUnreachable();
        break;
      }
      case DROP:
        emitOp(pop() == ValType.V128 ? SimdInstruction.DROP : Op.DROP);
        break;
      case SELECT: {
        pop(I32);
        int t1 = pop();
        int t2 = pop();
        if (ValType.isRef(t1) || ValType.isRef(t2)) {
          throw invalid("type mismatch");
        }
        if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
          throw invalid("type mismatch");
        }
        int t = t1 == UNKNOWN ? t2 : t1;
        push(t);
        emitOp(t == ValType.V128 ? SimdInstruction.SELECT : Op.SELECT);
        break;
      }
      case SELECT_T: {
        int n = r.readU32("type count");
        if (n != 1) {
          throw invalid("invalid result arity");
        }
        int t = r.readByte("value type");
        if (!ValType.isSupported(t)) {
          throw malformed("malformed value type");
        }
        pop(I32);
        pop(t);
        pop(t);
        push(t);
        emitOp(t == ValType.V128 ? SimdInstruction.SELECT : Op.SELECT);
        break;
      }
      case LOCAL_GET: {
        int i = localIndex();
        push(localTypes[i] & 0xFF);
        emitOp(localOp(i, Op.LOCAL_GET, SimdInstruction.LOCAL_GET));
        emit(localSlot[i]);
        break;
      }
      case LOCAL_SET: {
        int i = localIndex();
        pop(localTypes[i] & 0xFF);
        emitOp(localOp(i, Op.LOCAL_SET, SimdInstruction.LOCAL_SET));
        emit(localSlot[i]);
        break;
      }
      case LOCAL_TEE: {
        int i = localIndex();
        int t = localTypes[i] & 0xFF;
        pop(t);
        push(t);
        emitOp(localOp(i, Op.LOCAL_TEE, SimdInstruction.LOCAL_TEE));
        emit(localSlot[i]);
        break;
      }
      case GLOBAL_GET: {
        int g = globalIndex();
        push(ctx.global(g).valType());
        emitOp(ctx.global(g).valType() == ValType.V128 ? SimdInstruction.GLOBAL_GET
            : Op.GLOBAL_GET);
        emit(g);
        break;
      }
      case GLOBAL_SET: {
        int g = globalIndex();
        GlobalType gt = ctx.global(g);
        if (!gt.mutable()) {
          throw invalid("global is immutable");
        }
        pop(gt.valType());
        emitOp(gt.valType() == ValType.V128 ? SimdInstruction.GLOBAL_SET : Op.GLOBAL_SET);
        emit(g);
        break;
      }
      case REF_NULL: {
        int t = r.readByte("reference type");
        if (!ValType.isRef(t)) {
          throw malformed("malformed reference type");
        }
        push(t);
        emitOp(Op.REF_NULL);
        break;
      }
      case REF_IS_NULL: {
        int t = pop();
        if (t != UNKNOWN && !ValType.isRef(t)) {
          throw invalid("type mismatch");
        }
        push(I32);
        emitOp(Op.REF_IS_NULL);
        break;
      }
      default:
        throw new AssertionError(in + " has no validation rule");
    }
  }

  private void branchTable() {
    int n = r.readCount("label", Integer.MAX_VALUE, 1);
    int[] labels = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      labels[i] = label();
    }
    pop(I32);
    int arity = labelTypes(ctrls[nCtrls - 1 - labels[n]]).length;
    for (int i = 0; i <= n; i++) {
      byte[] lt = labelTypes(ctrls[nCtrls - 1 - labels[i]]);
      if (lt.length != arity) {
        throw invalid("type mismatch");
      }
      // Check the operands against each label's types without consuming them.
      int save = nVals;
      int[] saved = Arrays.copyOfRange(vals, 0, nVals);
      popAll(lt);
      nVals = save;
      System.arraycopy(saved, 0, vals, 0, save);
    }
    popAll(labelTypes(ctrls[nCtrls - 1 - labels[n]]));
    pushAll(labelTypes(ctrls[nCtrls - 1 - labels[n]]));
    emitOp(Op.BR_TABLE);
    emit(n);
    for (int i = 0; i <= n; i++) {
      Ctrl target = ctrls[nCtrls - 1 - labels[i]];
      emitTarget(target);
      emit(slotAt(target.height));
      emit(Slots.of(labelTypes(target)));
    }
    setUnreachable();
  }

  /** The number of a local instruction: {@code scalar}, or {@code v128} for a v128 local. */
  private int localOp(int local, int scalar, int v128) {
    return localTypes[local] == (byte) ValType.V128 ? v128 : scalar;
  }

  /**
   * Validates and emits {@link Op#CALL_INDIRECT} or {@link Op#RETURN_CALL_INDIRECT}: type, table (its
   * index written as {@code ~table} for a 64-bit table, whose element index is an i64), then the
   * element index and the arguments popped.
   */
  private FuncType indirectCall(int op) {
    int typeIdx = r.readU32("type index");
    int table = tableIndex();
    if (typeIdx < 0 || typeIdx >= ctx.typeCount()) {
      throw invalid("unknown type");
    }
    if (ctx.tableElemType(table) != FUNCREF) {
      throw invalid("type mismatch");
    }
    boolean table64 = ctx.table64(table);
    pop(table64 ? I64 : I32);
    FuncType t = ctx.type(typeIdx);
    popCallArgs(t);
    emitOp(op);
    emit(typeIdx);
    emit(table64 ? ~table : table);
    return t;
  }

  private void tailCalls() {
    if (!ctx.features().tailCalls()) {
      throw malformed("illegal opcode 0x" + Integer.toHexString(current.opcode())
          + ": tail calls are a WebAssembly 3.0 feature");
    }
  }

  /** A tail call returns the callee's results as the caller's own: the types must match. */
  private void checkTailResults(FuncType callee) {
    byte[] own = ctrls[0].results;
    if (callee.resultCount() != own.length) {
      throw invalid("type mismatch");
    }
    for (int i = 0; i < own.length; i++) {
      if (callee.result(i) != (own[i] & 0xFF)) {
        throw invalid("type mismatch");
      }
    }
  }

  private void popCallArgs(FuncType t) {
    for (int i = t.paramCount() - 1; i >= 0; i--) {
      pop(t.param(i));
    }
  }

  private void pushResults(FuncType t) {
    for (int i = 0; i < t.resultCount(); i++) {
      push(t.result(i));
    }
  }
}
