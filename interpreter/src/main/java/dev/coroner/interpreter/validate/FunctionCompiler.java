package dev.coroner.interpreter.validate;

import static dev.coroner.interpreter.model.ValType.EXTERNREF;
import static dev.coroner.interpreter.model.ValType.F32;
import static dev.coroner.interpreter.model.ValType.F64;
import static dev.coroner.interpreter.model.ValType.FUNCREF;
import static dev.coroner.interpreter.model.ValType.I32;
import static dev.coroner.interpreter.model.ValType.I64;
import static dev.coroner.interpreter.model.ValType.UNKNOWN;

import dev.coroner.interpreter.InvalidException;
import dev.coroner.interpreter.MalformedException;
import dev.coroner.interpreter.binary.ByteReader;
import dev.coroner.interpreter.model.CompiledFunction;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.GlobalType;
import dev.coroner.interpreter.model.ValType;
import java.util.Arrays;

/**
 * Validates one function body (the algorithm of the spec's validation appendix) and, in the same
 * pass, compiles it to pre-decoded code: branch targets resolved, stack heights computed, the
 * original byte offset of each instruction kept in a side array.
 *
 * <p>Every value takes one slot of the interpreter's value stack; a frame's slots are its locals
 * (parameters first) followed by its operands, so the validator's operand-stack height plus the
 * local count is the slot height the interpreter will have at run time.
 */
public final class FunctionCompiler {
  private static final byte[] NONE = new byte[0];

  private final ModuleContext ctx;
  private final ByteReader r;
  private final int funcIndex;
  private final FuncType type;
  private final byte[] localTypes;
  private final int nLocals;
  private final int bodyStart;

  // Operand type stack.
  private int[] vals = new int[16];
  private int nVals;
  private int maxVals;

  // Control stack.
  private Ctrl[] ctrls = new Ctrl[8];
  private int nCtrls;

  // Output.
  private int[] code = new int[64];
  private int[] offsets = new int[64];
  private int pc;
  private int instrStart;
  // Starts of the last three emitted instructions (-1: none) and the last jump-target position;
  // instructions are fused only when no jump target lies inside the fused sequence.
  private int s1 = -1;
  private int s2 = -1;
  private int s3 = -1;
  private int barrier;
  /** Body offset at which {@link #operandTypesAt} stops, or -1. */
  private int stopAt = -1;

  private static final class Ctrl {
    int opcode; // 0x02 block, 0x03 loop, 0x04 if, 0 function
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
      ModuleContext ctx, ByteReader r, int funcIndex, FuncType type, byte[] localTypes,
      int bodyStart) {
    this.ctx = ctx;
    this.r = r;
    this.funcIndex = funcIndex;
    this.type = type;
    this.localTypes = localTypes;
    this.nLocals = localTypes.length;
    this.bodyStart = bodyStart;
  }

  /**
   * Validates and compiles the instructions of a body; {@code r} is positioned after the local
   * declarations and limited to the body's end.
   *
   * @param bodyStart absolute offset of the first byte after the body-size LEB
   */
  public static CompiledFunction compile(
      ModuleContext ctx, ByteReader r, int funcIndex, FuncType type, byte[] localTypes,
      int bodyStart) {
    return new FunctionCompiler(ctx, r, funcIndex, type, localTypes, bodyStart).run();
  }

  /**
   * Re-validates a body that is known to be valid, up to the instruction at body offset {@code
   * offset}, and returns the operand stack's value types just before that instruction. Coredump
   * capture uses this so the interpreter never has to track types at run time.
   *
   * @param r positioned at the body's first instruction and limited to its end
   */
  public static int[] operandTypesAt(
      ModuleContext ctx, ByteReader r, CompiledFunction f, int offset) {
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

  private InvalidException invalid(String message) {
    return new InvalidException(message, "in function " + funcIndex + " at offset 0x"
        + Integer.toHexString(instrStart) + " (body offset " + (instrStart - bodyStart) + ")");
  }

  private MalformedException malformed(String message) {
    return new MalformedException(message, "in function " + funcIndex + " at offset 0x"
        + Integer.toHexString(instrStart));
  }

  // ---- operand stack ----

  private void push(int t) {
    if (nVals == vals.length) {
      vals = Arrays.copyOf(vals, nVals * 2);
    }
    vals[nVals++] = t;
    if (nVals > maxVals) {
      maxVals = nVals;
    }
  }

  private int pop() {
    Ctrl c = ctrls[nCtrls - 1];
    if (nVals == c.height) {
      if (c.unreachable) {
        return UNKNOWN;
      }
      throw invalid("type mismatch");
    }
    return vals[--nVals];
  }

  private int pop(int expect) {
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

  private void pushCtrl(int opcode, byte[] params, byte[] results) {
    if (nCtrls == ctrls.length) {
      ctrls = Arrays.copyOf(ctrls, nCtrls * 2);
    }
    Ctrl c = new Ctrl();
    c.opcode = opcode;
    c.params = params;
    c.results = results;
    c.height = nVals;
    c.startPc = pc;
    if (opcode == 0x03) {
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
    return c.opcode == 0x03 ? c.params : c.results;
  }

  private void setUnreachable() {
    Ctrl c = ctrls[nCtrls - 1];
    nVals = c.height;
    c.unreachable = true;
  }

  // ---- output ----

  private void emitOp(int op) {
    s3 = s2;
    s2 = s1;
    s1 = pc;
    ensure(1);
    offsets[pc] = instrStart - bodyStart;
    code[pc++] = op;
  }

  private void emit(int v) {
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
    return nLocals + nVals;
  }

  /** Emits the branch part for label {@code depth}; {@code cond} selects br_if forms. */
  private void emitBranch(int depth, boolean cond) {
    Ctrl target = ctrls[nCtrls - 1 - depth];
    int arity = labelTypes(target).length;
    int base = nLocals + target.height;
    boolean simple = slotHeight() == base + arity;
    if (simple) {
      emitOp(cond ? Op.BR_IF : Op.JUMP);
      emitTarget(target);
    } else {
      emitOp(cond ? Op.BR_IF_MOVE : Op.BR_MOVE);
      emitTarget(target);
      emit(base);
      emit(arity);
    }
  }

  private void emitTarget(Ctrl target) {
    if (target.opcode == 0x03) {
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
      case 0x6A: // i32.add
        if (op2 == Op.I32_CONST) {
          int c = code[s2 + 1];
          if (s3 >= 0 && fusible(s3) && code[s3] == Op.LOCAL_GET) {
            rewrite(s3, Op.I32_ADD_LOCAL_CONST, code[s3 + 1], c);
          } else if (s3 >= 0 && fusible(s3) && code[s3] == Op.LOCAL_GET2) {
            // local.get a; local.get b; i32.const c; i32.add -> local.get a; (b + c)
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
      case Op.LOCAL_SET:
        if (op2 == Op.I32_ADD_LOCAL_CONST) {
          int savedS3 = s3;
          rewrite(s2, Op.I32_ADD_LOCAL_CONST_SET, code[s2 + 1], code[s2 + 2], code[s1 + 1]);
          s2 = savedS3;
        }
        break;
      case 0x28: // i32.load
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
        if (op2 >= 0x45 && op2 <= 0x4F) { // i32.eqz .. i32.ge_u
          fuseCompareBranch(op2 - 0x45);
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
    int l = r.u32();
    if (l < 0 || l >= nCtrls) {
      throw invalid("unknown label");
    }
    return l;
  }

  private byte[][] blockType() {
    int b = r.peek();
    if (b == 0x40) {
      r.u8();
      return new byte[][] {NONE, NONE};
    }
    if (b == ValType.V128) {
      throw malformed("illegal opcode: SIMD (v128) is not supported");
    }
    if (ValType.isSupported(b)) {
      r.u8();
      return new byte[][] {NONE, new byte[] {(byte) b}};
    }
    long idx = r.sleb(33);
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
    int i = r.u32();
    if (i < 0 || i >= nLocals) {
      throw invalid("unknown local " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int globalIndex() {
    int i = r.u32();
    if (i < 0 || i >= ctx.globalCount()) {
      throw invalid("unknown global " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int tableIndex() {
    int i = r.u32();
    if (i < 0 || i >= ctx.tableCount()) {
      throw invalid("unknown table " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int funcIdx() {
    int i = r.u32();
    if (i < 0 || i >= ctx.functionCount()) {
      throw invalid("unknown function " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int elemIndex() {
    int i = r.u32();
    if (i < 0 || i >= ctx.elemCount()) {
      throw invalid("unknown elem segment " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private int dataIndex() {
    int i = r.u32();
    if (ctx.dataCount() < 0) {
      ctx.dataIndexWithoutCount(i);
      return i;
    }
    if (i < 0 || i >= ctx.dataCount()) {
      throw invalid("unknown data segment " + Integer.toUnsignedString(i));
    }
    return i;
  }

  private void zeroByte() {
    if (r.u8() != 0) {
      throw malformed("zero byte expected");
    }
  }

  private void checkMemory() {
    if (ctx.memoryCount() == 0) {
      throw invalid("unknown memory 0");
    }
  }

  /** Reads a memarg, checks it, emits the opcode and offset. */
  private void memOp(int op, int maxAlign) {
    int align = r.u32();
    int offset = r.u32();
    if (align < 0 || align >= 32) {
      throw malformed("malformed memop flags");
    }
    checkMemory();
    if (align > maxAlign) {
      throw invalid("alignment must not be larger than natural");
    }
    emitOp(op);
    emit(offset);
  }

  private void load(int op, int maxAlign, int result) {
    memOp(op, maxAlign);
    pop(I32);
    push(result);
  }

  private void store(int op, int maxAlign, int value) {
    memOp(op, maxAlign);
    pop(value);
    pop(I32);
  }

  private void unary(int op, int in, int out) {
    pop(in);
    push(out);
    emitOp(op);
  }

  private void binary(int op, int in, int out) {
    pop(in);
    pop(in);
    push(out);
    emitOp(op);
  }

  // ---- main loop ----

  private CompiledFunction run() {
    byte[] results = new byte[type.resultCount()];
    for (int i = 0; i < results.length; i++) {
      results[i] = (byte) type.result(i);
    }
    pushCtrl(0, NONE, results);
    int firstInstr = r.pos();
    while (nCtrls > 0) {
      instrStart = r.pos();
      if (instrStart - bodyStart == stopAt) {
        return null;
      }
      if (r.atEnd()) {
        throw malformed("unexpected end of section or function");
      }
      int op = r.u8();
      instruction(op);
      peephole();
    }
    if (!r.atEnd()) {
      instrStart = r.pos();
      throw malformed("section size mismatch: bytes after the function's final end");
    }
    return new CompiledFunction(
        funcIndex, type, localTypes, nLocals + maxVals + 1, Arrays.copyOf(code, pc),
        Arrays.copyOf(offsets, pc), bodyStart, firstInstr, r.end());
  }

  private void instruction(int op) {
    switch (op) {
      case 0x00: // unreachable
        emitOp(Op.UNREACHABLE);
        setUnreachable();
        break;
      case 0x01: // nop
        break;
      case 0x02: // block
      case 0x03: { // loop
        byte[][] bt = blockType();
        popAll(bt[0]);
        pushCtrl(op, bt[0], bt[1]);
        break;
      }
      case 0x04: { // if
        byte[][] bt = blockType();
        pop(I32);
        popAll(bt[0]);
        emitOp(Op.IF_FALSE);
        int fix = pc;
        emit(-1);
        pushCtrl(0x04, bt[0], bt[1]);
        ctrls[nCtrls - 1].elseFixup = fix;
        break;
      }
      case 0x05: { // else
        Ctrl c = ctrls[nCtrls - 1];
        if (c.opcode != 0x04 || c.sawElse) {
          throw malformed("unexpected token: else without if");
        }
        popCtrl();
        nCtrls++;
        emitOp(Op.JUMP);
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
      case 0x0B: { // end
        Ctrl c = popCtrl();
        if (c.opcode == 0x04 && !c.sawElse) {
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
        if (c.opcode == 0) {
          emitOp(Op.RETURN);
        }
        pushAll(c.results);
        break;
      }
      case 0x0C: { // br
        int l = label();
        popAll(labelTypes(ctrls[nCtrls - 1 - l]));
        pushAll(labelTypes(ctrls[nCtrls - 1 - l]));
        emitBranch(l, false);
        setUnreachable();
        break;
      }
      case 0x0D: { // br_if
        int l = label();
        pop(I32);
        byte[] lt = labelTypes(ctrls[nCtrls - 1 - l]);
        popAll(lt);
        pushAll(lt);
        emitBranch(l, true);
        break;
      }
      case 0x0E: { // br_table
        int n = r.count(1);
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
          emit(nLocals + target.height);
          emit(arity);
        }
        setUnreachable();
        break;
      }
      case 0x0F: { // return
        popAll(ctrls[0].results);
        emitOp(Op.RETURN);
        setUnreachable();
        break;
      }
      case 0x10: { // call
        int f = funcIdx();
        FuncType t = ctx.functionType(f);
        popCallArgs(t);
        emitOp(Op.CALL);
        emit(f);
        emit(0);
        pushResults(t);
        break;
      }
      case 0x11: { // call_indirect
        int typeIdx = r.u32();
        int table = tableIndex();
        if (typeIdx < 0 || typeIdx >= ctx.typeCount()) {
          throw invalid("unknown type");
        }
        if (ctx.tableElemType(table) != FUNCREF) {
          throw invalid("type mismatch");
        }
        pop(I32);
        FuncType t = ctx.type(typeIdx);
        popCallArgs(t);
        emitOp(Op.CALL_INDIRECT);
        emit(typeIdx);
        emit(table);
        pushResults(t);
        break;
      }
      case 0x1A: // drop
        pop();
        emitOp(Op.DROP);
        break;
      case 0x1B: { // select
        pop(I32);
        int t1 = pop();
        int t2 = pop();
        if (ValType.isRef(t1) || ValType.isRef(t2)) {
          throw invalid("type mismatch");
        }
        if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
          throw invalid("type mismatch");
        }
        push(t1 == UNKNOWN ? t2 : t1);
        emitOp(Op.SELECT);
        break;
      }
      case 0x1C: { // select t*
        int n = r.u32();
        if (n != 1) {
          throw invalid("invalid result arity");
        }
        int at = r.pos();
        int t = r.u8();
        if (t == ValType.V128) {
          throw malformed("malformed value type: SIMD (v128) is not supported");
        }
        if (!ValType.isSupported(t)) {
          r.seek(at);
          throw malformed("malformed value type");
        }
        pop(I32);
        pop(t);
        pop(t);
        push(t);
        emitOp(Op.SELECT);
        break;
      }
      case 0x20: { // local.get
        int i = localIndex();
        push(localTypes[i] & 0xFF);
        emitOp(Op.LOCAL_GET);
        emit(i);
        break;
      }
      case 0x21: { // local.set
        int i = localIndex();
        pop(localTypes[i] & 0xFF);
        emitOp(Op.LOCAL_SET);
        emit(i);
        break;
      }
      case 0x22: { // local.tee
        int i = localIndex();
        int t = localTypes[i] & 0xFF;
        pop(t);
        push(t);
        emitOp(Op.LOCAL_TEE);
        emit(i);
        break;
      }
      case 0x23: { // global.get
        int g = globalIndex();
        push(ctx.global(g).valType());
        emitOp(Op.GLOBAL_GET);
        emit(g);
        break;
      }
      case 0x24: { // global.set
        int g = globalIndex();
        GlobalType gt = ctx.global(g);
        if (!gt.mutable()) {
          throw invalid("global is immutable");
        }
        pop(gt.valType());
        emitOp(Op.GLOBAL_SET);
        emit(g);
        break;
      }
      case 0x25: { // table.get
        int t = tableIndex();
        pop(I32);
        push(ctx.tableElemType(t));
        emitOp(Op.TABLE_GET);
        emit(t);
        break;
      }
      case 0x26: { // table.set
        int t = tableIndex();
        pop(ctx.tableElemType(t));
        pop(I32);
        emitOp(Op.TABLE_SET);
        emit(t);
        break;
      }
      case 0x28: load(op, 2, I32); break;
      case 0x29: load(op, 3, I64); break;
      case 0x2A: load(op, 2, F32); break;
      case 0x2B: load(op, 3, F64); break;
      case 0x2C: case 0x2D: load(op, 0, I32); break;
      case 0x2E: case 0x2F: load(op, 1, I32); break;
      case 0x30: case 0x31: load(op, 0, I64); break;
      case 0x32: case 0x33: load(op, 1, I64); break;
      case 0x34: case 0x35: load(op, 2, I64); break;
      case 0x36: store(op, 2, I32); break;
      case 0x37: store(op, 3, I64); break;
      case 0x38: store(op, 2, F32); break;
      case 0x39: store(op, 3, F64); break;
      case 0x3A: store(op, 0, I32); break;
      case 0x3B: store(op, 1, I32); break;
      case 0x3C: store(op, 0, I64); break;
      case 0x3D: store(op, 1, I64); break;
      case 0x3E: store(op, 2, I64); break;
      case 0x3F: // memory.size
        zeroByte();
        checkMemory();
        push(I32);
        emitOp(Op.MEMORY_SIZE);
        break;
      case 0x40: // memory.grow
        zeroByte();
        checkMemory();
        pop(I32);
        push(I32);
        emitOp(Op.MEMORY_GROW);
        break;
      case 0x41:
        emitOp(Op.I32_CONST);
        emit(r.s32());
        push(I32);
        break;
      case 0x42: {
        long v = r.s64();
        emitOp(Op.I64_CONST);
        emit((int) v);
        emit((int) (v >>> 32));
        push(I64);
        break;
      }
      case 0x43:
        emitOp(Op.F32_CONST);
        emit(r.f32Bits());
        push(F32);
        break;
      case 0x44: {
        long v = r.f64Bits();
        emitOp(Op.F64_CONST);
        emit((int) v);
        emit((int) (v >>> 32));
        push(F64);
        break;
      }
      case 0xD0: { // ref.null
        int at = r.pos();
        int t = r.u8();
        if (!ValType.isRef(t)) {
          r.seek(at);
          throw malformed("malformed reference type");
        }
        push(t);
        emitOp(Op.REF_NULL);
        break;
      }
      case 0xD1: { // ref.is_null
        int t = pop();
        if (t != UNKNOWN && !ValType.isRef(t)) {
          throw invalid("type mismatch");
        }
        push(I32);
        emitOp(Op.REF_IS_NULL);
        break;
      }
      case 0xD2: { // ref.func
        int f = funcIdx();
        if (!ctx.isDeclaredRef(f)) {
          throw invalid("undeclared function reference");
        }
        push(FUNCREF);
        emitOp(Op.REF_FUNC);
        emit(f);
        break;
      }
      case 0xFC:
        prefixed(r.u32());
        break;
      case 0xFD:
        throw malformed("illegal opcode 0xfd: SIMD instructions are not supported");
      default:
        if (op >= 0x45 && op <= 0xC4) {
          numeric(op);
          break;
        }
        throw malformed("illegal opcode 0x" + Integer.toHexString(op));
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

  private void numeric(int op) {
    if (op == 0x45) {
      unary(op, I32, I32);
    } else if (op <= 0x4F) {
      binary(op, I32, I32);
    } else if (op == 0x50) {
      unary(op, I64, I32);
    } else if (op <= 0x5A) {
      binary(op, I64, I32);
    } else if (op <= 0x60) {
      binary(op, F32, I32);
    } else if (op <= 0x66) {
      binary(op, F64, I32);
    } else if (op <= 0x69) {
      unary(op, I32, I32);
    } else if (op <= 0x78) {
      binary(op, I32, I32);
    } else if (op <= 0x7B) {
      unary(op, I64, I64);
    } else if (op <= 0x8A) {
      binary(op, I64, I64);
    } else if (op <= 0x91) {
      unary(op, F32, F32);
    } else if (op <= 0x98) {
      binary(op, F32, F32);
    } else if (op <= 0x9F) {
      unary(op, F64, F64);
    } else if (op <= 0xA6) {
      binary(op, F64, F64);
    } else {
      switch (op) {
        case 0xA7: unary(op, I64, I32); break;
        case 0xA8: case 0xA9: unary(op, F32, I32); break;
        case 0xAA: case 0xAB: unary(op, F64, I32); break;
        case 0xAC: case 0xAD: unary(op, I32, I64); break;
        case 0xAE: case 0xAF: unary(op, F32, I64); break;
        case 0xB0: case 0xB1: unary(op, F64, I64); break;
        case 0xB2: case 0xB3: unary(op, I32, F32); break;
        case 0xB4: case 0xB5: unary(op, I64, F32); break;
        case 0xB6: unary(op, F64, F32); break;
        case 0xB7: case 0xB8: unary(op, I32, F64); break;
        case 0xB9: case 0xBA: unary(op, I64, F64); break;
        case 0xBB: unary(op, F32, F64); break;
        case 0xBC: unary(op, F32, I32); break;
        case 0xBD: unary(op, F64, I64); break;
        case 0xBE: unary(op, I32, F32); break;
        case 0xBF: unary(op, I64, F64); break;
        case 0xC0: case 0xC1: unary(op, I32, I32); break;
        default: unary(op, I64, I64); break; // 0xC2..0xC4
      }
    }
  }

  private void prefixed(int sub) {
    int op = Op.PREFIX_FC + sub;
    switch (sub) {
      case 0: case 1: unary(op, F32, I32); break;
      case 2: case 3: unary(op, F64, I32); break;
      case 4: case 5: unary(op, F32, I64); break;
      case 6: case 7: unary(op, F64, I64); break;
      case 8: { // memory.init
        int d = dataIndex();
        zeroByte();
        checkMemory();
        pop(I32);
        pop(I32);
        pop(I32);
        emitOp(op);
        emit(d);
        break;
      }
      case 9: { // data.drop
        int d = dataIndex();
        emitOp(op);
        emit(d);
        break;
      }
      case 10: // memory.copy
        zeroByte();
        zeroByte();
        checkMemory();
        pop(I32);
        pop(I32);
        pop(I32);
        emitOp(op);
        break;
      case 11: // memory.fill
        zeroByte();
        checkMemory();
        pop(I32);
        pop(I32);
        pop(I32);
        emitOp(op);
        break;
      case 12: { // table.init elem table
        int at = r.pos();
        r.u32();
        int t = tableIndex();
        int after = r.pos();
        r.seek(at);
        int e = elemIndex();
        r.seek(after);
        if (ctx.elemType(e) != ctx.tableElemType(t)) {
          throw invalid("type mismatch");
        }
        pop(I32);
        pop(I32);
        pop(I32);
        emitOp(op);
        emit(e);
        emit(t);
        break;
      }
      case 13: { // elem.drop
        int e = elemIndex();
        emitOp(op);
        emit(e);
        break;
      }
      case 14: { // table.copy dst src
        int dst = tableIndex();
        int src = tableIndex();
        if (ctx.tableElemType(dst) != ctx.tableElemType(src)) {
          throw invalid("type mismatch");
        }
        pop(I32);
        pop(I32);
        pop(I32);
        emitOp(op);
        emit(dst);
        emit(src);
        break;
      }
      case 15: { // table.grow
        int t = tableIndex();
        pop(I32);
        pop(ctx.tableElemType(t));
        push(I32);
        emitOp(op);
        emit(t);
        break;
      }
      case 16: { // table.size
        int t = tableIndex();
        push(I32);
        emitOp(op);
        emit(t);
        break;
      }
      case 17: { // table.fill
        int t = tableIndex();
        pop(I32);
        pop(ctx.tableElemType(t));
        pop(I32);
        emitOp(op);
        emit(t);
        break;
      }
      default:
        throw malformed("illegal opcode 0xfc " + Integer.toUnsignedString(sub));
    }
  }
}
