package dev.coroner.interpreter;

import static dev.coroner.interpreter.Bits.bits;
import static dev.coroner.interpreter.Bits.f32;
import static dev.coroner.interpreter.Bits.f64;

import dev.coroner.interpreter.model.CompiledFunction;
import dev.coroner.interpreter.validate.Op;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The execution engine of a {@link Store}: one value stack, one frame stack, one loop.
 *
 * <p><b>Layout.</b> All values are {@code long} bits in one {@code long[]} value stack. A frame's
 * slots start at its frame base {@code fp}: parameters, declared locals, then its operands. A call
 * does not recurse in Java: the caller's function, frame base, return pc and operand-stack end are
 * saved in parallel frame arrays and the same loop continues with the callee. Only calls into host
 * functions that call back into WebAssembly nest Java calls, and that nesting is bounded ({@link
 * StoreConfig#maxHostReentry()}), so exhausting the WebAssembly call stack is a trap ("call stack
 * exhausted"), never a JVM {@link StackOverflowError}.
 *
 * <p><b>Coredumps cost nothing when off.</b> Capture ({@link Capture}) reads only state the loop
 * keeps anyway: the value stack, the frame arrays and the position of the trapping instruction. The
 * mapping from pre-decoded pc to original byte offset lives in a side array that the loop never
 * reads, and operand types are recomputed at capture time by re-validating the function body up to
 * the instruction. There is no per-instruction or per-call work for capture.
 */
final class Machine {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final byte[] NO_MEMORY = new byte[0];
  private static final long U32 = 0xFFFFFFFFL;

  final Store store;
  final StoreConfig config;
  long[] st;
  /** Top of the value stack used by callers of the running invocation. */
  int sp;

  // Saved frames (all but the running one), oldest first.
  FunctionInstance[] fFunc = new FunctionInstance[64];
  int[] fFp = new int[64];
  int[] fPc = new int[64];
  int[] fEnd = new int[64];
  int depth;

  /**
   * Set from any thread by {@link Store#interrupt()}; read on taken backward branches and on calls,
   * so a runaway guest stops at its next loop iteration or call.
   */
  volatile boolean interrupted;
  private int reentry;

  Machine(Store store) {
    this.store = store;
    this.config = store.config;
    this.st = new long[Math.min(4096, config.maxValueStackSlots())];
  }

  // ---- entry ----

  /** Calls {@code f} with {@code args}; used from outside and for host re-entry. */
  long[] invoke(FunctionInstance f, long[] args, Instance caller) {
    if (args.length != f.type.paramCount()) {
      throw new IllegalArgumentException(
          "expected " + f.type.paramCount() + " arguments, got " + args.length);
    }
    if (reentry >= config.maxHostReentry()) {
      TrapException t = new TrapException(TrapException.CALL_STACK_EXHAUSTED,
          "host re-entry deeper than " + config.maxHostReentry());
      if (config.capture()) {
        t.attach(Capture.capture(store, this, null, 0, 0, 0));
      }
      throw t;
    }
    int savedDepth = depth;
    int savedSp = sp;
    reentry++;
    try {
      if (f.host != null) {
        return callHostDirect(f, args, caller);
      }
      int base = sp;
      ensureStack(base + f.code.maxHeight + args.length, null, 0, 0, 0);
      System.arraycopy(args, 0, st, base, args.length);
      if (depth >= config.maxCallDepth()) {
        throw new TrapException(TrapException.CALL_STACK_EXHAUSTED,
            "more than " + config.maxCallDepth() + " frames");
      }
      run(f, base);
      long[] results = Arrays.copyOfRange(st, base, base + f.type.resultCount());
      for (int i = 0; i < results.length; i++) {
        int t = f.type.result(i);
        if (t == dev.coroner.interpreter.model.ValType.I32
            || t == dev.coroner.interpreter.model.ValType.F32) {
          results[i] &= U32;
        }
      }
      return results;
    } finally {
      depth = savedDepth;
      sp = savedSp;
      reentry--;
    }
  }

  private long[] callHostDirect(FunctionInstance f, long[] args, Instance caller) {
    long[] results = f.host.call(new Context(caller), args.clone());
    return checkResults(f, results);
  }

  private static long[] checkResults(FunctionInstance f, long[] results) {
    int n = f.type.resultCount();
    if (results == null) {
      results = new long[0];
    }
    if (results.length != n) {
      throw new IllegalStateException(
          "host function returned " + results.length + " results, its type " + f.type
              + " has " + n);
    }
    return results;
  }

  private final class Context implements HostFunction.CallContext {
    private final Instance caller;

    Context(Instance caller) {
      this.caller = caller;
    }

    @Override
    public Instance caller() {
      return caller;
    }

    @Override
    public Store store() {
      return store;
    }

    @Override
    public long[] invoke(FunctionInstance function, long... args) {
      return Machine.this.invoke(function, args, caller);
    }
  }

  // ---- stack management ----

  /** Makes the value stack hold at least {@code needed} slots, or traps. */
  private void ensureStack(int needed, FunctionInstance fn, int fp, int pc, int sp) {
    if (needed <= st.length) {
      return;
    }
    if (needed > config.maxValueStackSlots() || needed < 0) {
      throw trap(TrapException.CALL_STACK_EXHAUSTED, "value stack exhausted", fn, fp, pc, sp);
    }
    long size = Math.max((long) st.length * 2, needed);
    st = Arrays.copyOf(st, (int) Math.min(size, config.maxValueStackSlots()));
  }

  private void growFrames() {
    int n = fFunc.length * 2;
    fFunc = Arrays.copyOf(fFunc, n);
    fFp = Arrays.copyOf(fFp, n);
    fPc = Arrays.copyOf(fPc, n);
    fEnd = Arrays.copyOf(fEnd, n);
  }

  /** Builds a trap at the running frame's instruction {@code pc}, with a dump if enabled. */
  /**
   * The target of a taken branch. A backward branch (a loop's next iteration) first honours an
   * {@linkplain Store#interrupt() interruption}: the only per-iteration cost is a compare of two
   * values already at hand and, for backward branches (a target at or before the branch itself, as
   * in {@code (loop (br 0))}), one volatile read; small enough to inline.
   */
  private int branch(int target, FunctionInstance fn, int fp, int pc, int sp) {
    if (target <= pc && interrupted) {
      throw interruption(fn, fp, pc, sp);
    }
    return target;
  }

  /** Why a Wasm call cannot go ahead: the call stack is full, or the store was interrupted. */
  private TrapException callRefused(FunctionInstance fn, int fp, int pc, int sp) {
    if (interrupted) {
      return interruption(fn, fp, pc, sp);
    }
    return trap(TrapException.CALL_STACK_EXHAUSTED,
        "more than " + config.maxCallDepth() + " frames", fn, fp, pc, sp);
  }

  private TrapException interruption(FunctionInstance fn, int fp, int pc, int sp) {
    return trap(TrapException.INTERRUPTED, "Store.interrupt() was called", fn, fp, pc, sp);
  }

  TrapException trap(String message, String detail, FunctionInstance fn, int fp, int pc, int sp) {
    return trap(message, "", detail, fn, fp, pc, sp);
  }

  /** A trap whose message has {@code suffix} right after the spec text (e.g. an element index). */
  TrapException trap(
      String message, String suffix, String detail, FunctionInstance fn, int fp, int pc, int sp) {
    StringBuilder d = new StringBuilder();
    if (detail != null) {
      d.append(detail).append("; ");
    }
    if (fn != null) {
      d.append("in function ").append(fn.index).append(" of ").append(fn.instance.displayName())
          .append(" at code offset ").append(fn.code.offsets[pc]);
    }
    TrapException t = TrapException.withSuffix(message, suffix, d.toString());
    if (config.capture()) {
      t.attach(Capture.capture(store, this, fn, fp, pc, sp));
    }
    return t;
  }

  private static byte[] bytesOf(MemoryInstance m) {
    return m == null ? NO_MEMORY : m.bytes;
  }

  /** Calls a host function from the loop; returns the new stack pointer. */
  private int callHost(FunctionInstance callee, FunctionInstance fn, int fp, int pc, int sp) {
    int np = callee.type.paramCount();
    int argBase = sp - np;
    long[] args = Arrays.copyOfRange(st, argBase, sp);
    if (depth == fFunc.length) {
      growFrames();
    }
    fFunc[depth] = fn;
    fFp[depth] = fp;
    fPc[depth] = pc + 3;
    fEnd[depth] = argBase;
    depth++;
    int savedSp = this.sp;
    this.sp = argBase;
    long[] results;
    try {
      results = checkResults(callee, callee.host.call(new Context(fn.instance), args));
    } catch (TrapException t) {
      if (config.capture() && t.coreDump().isEmpty()) {
        t.attach(Capture.capture(store, this, null, 0, 0, 0));
      }
      throw t;
    } finally {
      depth--;
      this.sp = savedSp;
    }
    ensureStack(argBase + results.length, fn, fp, pc, sp);
    System.arraycopy(results, 0, st, argBase, results.length);
    return argBase + results.length;
  }

  // ---- the loop ----

  /** Runs {@code entry}, whose arguments are at {@code fp0}; its results end up there. */
  private void run(FunctionInstance entry, int fp0) {
    final int entryDepth = depth;
    FunctionInstance fn = entry;
    CompiledFunction cf = entry.code;
    int[] code = cf.code;
    Instance inst = entry.instance;
    GlobalInstance[] globals = inst.globals;
    MemoryInstance mem0 = inst.memory0;
    byte[] mb = bytesOf(mem0);
    long[] st = this.st;
    int fp = fp0;
    int sp = fp + cf.localCount();
    Arrays.fill(st, fp + cf.paramCount, sp, 0L);
    int pc = 0;
    try {
      while (true) {
        switch (code[pc]) {
          case Op.UNREACHABLE:
            throw trap(TrapException.UNREACHABLE, null, fn, fp, pc, sp);
          case Op.IF_FALSE:
            if ((int) st[--sp] == 0) {
              pc = code[pc + 1];
            } else {
              pc += 2;
            }
            break;
          case Op.JUMP:
            pc = branch(code[pc + 1], fn, fp, pc, sp);
            break;
          case Op.BR_IF:
            if ((int) st[--sp] != 0) {
              pc = branch(code[pc + 1], fn, fp, pc, sp);
            } else {
              pc += 2;
            }
            break;
          case Op.BR_MOVE: {
            int arity = code[pc + 3];
            int dst = fp + code[pc + 2];
            System.arraycopy(st, sp - arity, st, dst, arity);
            sp = dst + arity;
            pc = branch(code[pc + 1], fn, fp, pc, sp);
            break;
          }
          case Op.BR_IF_MOVE:
            if ((int) st[--sp] != 0) {
              int arity = code[pc + 3];
              int dst = fp + code[pc + 2];
              System.arraycopy(st, sp - arity, st, dst, arity);
              sp = dst + arity;
              pc = branch(code[pc + 1], fn, fp, pc, sp);
            } else {
              pc += 4;
            }
            break;
          case Op.BR_TABLE: {
            int n = code[pc + 1];
            int idx = (int) st[--sp];
            int at = pc + 2 + 3 * (Integer.compareUnsigned(idx, n) < 0 ? idx : n);
            int arity = code[at + 2];
            int dst = fp + code[at + 1];
            if (dst != sp - arity) {
              System.arraycopy(st, sp - arity, st, dst, arity);
            }
            sp = dst + arity;
            pc = branch(code[at], fn, fp, pc, sp);
            break;
          }
          case Op.RETURN: {
            int n = cf.resultCount;
            if (n == 1) {
              st[fp] = st[sp - 1];
            } else if (n > 0) {
              System.arraycopy(st, sp - n, st, fp, n);
            }
            sp = fp + n;
            if (depth == entryDepth) {
              return;
            }
            depth--;
            fn = fFunc[depth];
            fp = fFp[depth];
            pc = fPc[depth];
            cf = fn.code;
            code = cf.code;
            if (fn.instance != inst) {
              inst = fn.instance;
              globals = inst.globals;
              mem0 = inst.memory0;
            }
            mb = bytesOf(mem0);
            break;
          }
          case Op.CALL:
          case Op.CALL_INDIRECT: {
            FunctionInstance callee;
            int argTop = sp;
            if (code[pc] == Op.CALL) {
              callee = inst.functions[code[pc + 1]];
            } else {
              long[] table = inst.tables[code[pc + 2]].elems;
              int i = (int) st[sp - 1];
              if (Integer.compareUnsigned(i, table.length) >= 0) {
                throw trap(TrapException.UNDEFINED_ELEMENT, " " + Integer.toUnsignedString(i),
                    null, fn, fp, pc, sp);
              }
              long ref = table[i];
              if (ref == Store.NULL_REF) {
                throw trap(TrapException.UNINITIALIZED_ELEMENT, " " + i, null, fn, fp, pc, sp);
              }
              callee = store.function(ref);
              if (callee.typeId != inst.typeIds[code[pc + 1]]) {
                throw trap(TrapException.INDIRECT_CALL_TYPE_MISMATCH, null, "element " + i, fn, fp,
                    pc, sp);
              }
              argTop = sp - 1;
            }
            CompiledFunction ccf = callee.code;
            if (ccf == null) {
              sp = callHost(callee, fn, fp, pc, argTop);
              st = this.st;
              mb = bytesOf(mem0);
              pc += 3;
              break;
            }
            // depth counts the saved callers; with this frame, depth + 1 are live, and the call
            // would make depth + 2.
            if (depth + 1 >= config.maxCallDepth() || interrupted) {
              throw callRefused(fn, fp, pc, sp);
            }
            int nfp = argTop - ccf.paramCount;
            if (nfp + ccf.maxHeight > st.length) {
              ensureStack(nfp + ccf.maxHeight, fn, fp, pc, sp);
              st = this.st;
            }
            if (depth == fFunc.length) {
              growFrames();
            }
            fFunc[depth] = fn;
            fFp[depth] = fp;
            fPc[depth] = pc + 3;
            fEnd[depth] = nfp;
            depth++;
            fn = callee;
            cf = ccf;
            code = ccf.code;
            fp = nfp;
            pc = 0;
            sp = nfp + ccf.localCount();
            for (int i = nfp + ccf.paramCount; i < sp; i++) {
              st[i] = 0L;
            }
            if (callee.instance != inst) {
              inst = callee.instance;
              globals = inst.globals;
              mem0 = inst.memory0;
              mb = bytesOf(mem0);
            }
            break;
          }
          case Op.LOCAL_GET2:
            st[sp] = st[fp + code[pc + 1]];
            st[sp + 1] = st[fp + code[pc + 2]];
            sp += 2;
            pc += 3;
            break;
          case Op.I32_ADD_LOCAL_CONST:
            st[sp++] = (int) st[fp + code[pc + 1]] + code[pc + 2];
            pc += 3;
            break;
          case Op.I32_ADD_LOCAL_CONST_SET:
            st[fp + code[pc + 3]] = (int) st[fp + code[pc + 1]] + code[pc + 2];
            pc += 4;
            break;
          case Op.I32_LOAD_LOCAL: {
            long addr = st[fp + code[pc + 1]];
            long ea = (addr & U32) + (code[pc + 2] & U32);
            if (ea + 4 > mb.length) {
              // Report the load itself, its address operand pushed (see Op.I32_LOAD_LOCAL).
              st[sp] = addr;
              throw oob(fn, fp, pc + 1, sp + 1, ea);
            }
            st[sp++] = (int) INT.get(mb, (int) ea);
            pc += 3;
            break;
          }
          case Op.I32_ADD_CONST:
            st[sp - 1] = (int) st[sp - 1] + code[pc + 1];
            pc += 2;
            break;
          case Op.BR_IF_I32: // eqz
            pc = (int) st[--sp] == 0 ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 1: // eq
            sp -= 2;
            pc = (int) st[sp] == (int) st[sp + 1] ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 2: // ne
            sp -= 2;
            pc = (int) st[sp] != (int) st[sp + 1] ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 3: // lt_s
            sp -= 2;
            pc = (int) st[sp] < (int) st[sp + 1] ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 4: // lt_u
            sp -= 2;
            pc = (int) st[sp] + Integer.MIN_VALUE < (int) st[sp + 1] + Integer.MIN_VALUE
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 5: // gt_s
            sp -= 2;
            pc = (int) st[sp] > (int) st[sp + 1] ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 6: // gt_u
            sp -= 2;
            pc = (int) st[sp] + Integer.MIN_VALUE > (int) st[sp + 1] + Integer.MIN_VALUE
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 7: // le_s
            sp -= 2;
            pc = (int) st[sp] <= (int) st[sp + 1] ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 8: // le_u
            sp -= 2;
            pc = (int) st[sp] + Integer.MIN_VALUE <= (int) st[sp + 1] + Integer.MIN_VALUE
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 9: // ge_s
            sp -= 2;
            pc = (int) st[sp] >= (int) st[sp + 1] ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + 10: // ge_u
            sp -= 2;
            pc = (int) st[sp] + Integer.MIN_VALUE >= (int) st[sp + 1] + Integer.MIN_VALUE
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.DROP:
            sp--;
            pc++;
            break;
          case Op.SELECT:
            if ((int) st[sp - 1] == 0) {
              st[sp - 3] = st[sp - 2];
            }
            sp -= 2;
            pc++;
            break;
          case Op.LOCAL_GET:
            st[sp++] = st[fp + code[pc + 1]];
            pc += 2;
            break;
          case Op.LOCAL_SET:
            st[fp + code[pc + 1]] = st[--sp];
            pc += 2;
            break;
          case Op.LOCAL_TEE:
            st[fp + code[pc + 1]] = st[sp - 1];
            pc += 2;
            break;
          case Op.GLOBAL_GET:
            st[sp++] = globals[code[pc + 1]].value;
            pc += 2;
            break;
          case Op.GLOBAL_SET:
            globals[code[pc + 1]].value = st[--sp];
            pc += 2;
            break;
          case Op.TABLE_GET: {
            long[] table = inst.tables[code[pc + 1]].elems;
            int i = (int) st[sp - 1];
            if (Integer.compareUnsigned(i, table.length) >= 0) {
              throw trap(TrapException.TABLE_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
            }
            st[sp - 1] = table[i];
            pc += 2;
            break;
          }
          case Op.TABLE_SET: {
            long[] table = inst.tables[code[pc + 1]].elems;
            int i = (int) st[sp - 2];
            if (Integer.compareUnsigned(i, table.length) >= 0) {
              throw trap(TrapException.TABLE_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
            }
            table[i] = st[sp - 1];
            sp -= 2;
            pc += 2;
            break;
          }
          // ---- loads ----
          case 0x28: // i32.load
          case 0x34: { // i64.load32_s: the same bits, sign-extended
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 4 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = (int) INT.get(mb, (int) ea);
            pc += 2;
            break;
          }
          case 0x29: { // i64.load
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 8 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = (long) LONG.get(mb, (int) ea);
            pc += 2;
            break;
          }
          case 0x2A: // f32.load
          case 0x35: { // i64.load32_u: the same bits, zero-extended
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 4 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = (int) INT.get(mb, (int) ea) & U32;
            pc += 2;
            break;
          }
          case 0x2B: { // f64.load
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 8 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = (long) LONG.get(mb, (int) ea);
            pc += 2;
            break;
          }
          case 0x2C: // i32.load8_s
          case 0x30: { // i64.load8_s
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 1 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = mb[(int) ea];
            pc += 2;
            break;
          }
          case 0x2D: // i32.load8_u
          case 0x31: { // i64.load8_u
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 1 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = mb[(int) ea] & 0xFF;
            pc += 2;
            break;
          }
          case 0x2E: // i32.load16_s
          case 0x32: { // i64.load16_s
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 2 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = (short) SHORT.get(mb, (int) ea);
            pc += 2;
            break;
          }
          case 0x2F: // i32.load16_u
          case 0x33: { // i64.load16_u
            long ea = (st[sp - 1] & U32) + (code[pc + 1] & U32);
            if (ea + 2 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            st[sp - 1] = (short) SHORT.get(mb, (int) ea) & 0xFFFF;
            pc += 2;
            break;
          }
          // ---- stores ----
          case 0x36: // i32.store
          case 0x38: // f32.store
          case 0x3E: { // i64.store32
            long ea = (st[sp - 2] & U32) + (code[pc + 1] & U32);
            if (ea + 4 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            INT.set(mb, (int) ea, (int) st[sp - 1]);
            sp -= 2;
            pc += 2;
            break;
          }
          case 0x37: // i64.store
          case 0x39: { // f64.store
            long ea = (st[sp - 2] & U32) + (code[pc + 1] & U32);
            if (ea + 8 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            LONG.set(mb, (int) ea, st[sp - 1]);
            sp -= 2;
            pc += 2;
            break;
          }
          case 0x3A: // i32.store8
          case 0x3C: { // i64.store8
            long ea = (st[sp - 2] & U32) + (code[pc + 1] & U32);
            if (ea + 1 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            mb[(int) ea] = (byte) st[sp - 1];
            sp -= 2;
            pc += 2;
            break;
          }
          case 0x3B: // i32.store16
          case 0x3D: { // i64.store16
            long ea = (st[sp - 2] & U32) + (code[pc + 1] & U32);
            if (ea + 2 > mb.length) {
              throw oob(fn, fp, pc, sp, ea);
            }
            SHORT.set(mb, (int) ea, (short) st[sp - 1]);
            sp -= 2;
            pc += 2;
            break;
          }
          case Op.MEMORY_SIZE:
            st[sp++] = mem0.pages();
            pc++;
            break;
          case Op.MEMORY_GROW:
            st[sp - 1] = mem0.grow(st[sp - 1] & U32);
            mb = mem0.bytes;
            pc++;
            break;
          // ---- constants ----
          case Op.I32_CONST:
            st[sp++] = code[pc + 1];
            pc += 2;
            break;
          case Op.I64_CONST:
          case Op.F64_CONST:
            st[sp++] = (code[pc + 1] & U32) | ((long) code[pc + 2] << 32);
            pc += 3;
            break;
          case Op.F32_CONST:
            st[sp++] = code[pc + 1] & U32;
            pc += 2;
            break;
          // ---- i32 comparisons ----
          case 0x45: st[sp - 1] = (int) st[sp - 1] == 0 ? 1 : 0; pc++; break;
          case 0x46: sp--; st[sp - 1] = (int) st[sp - 1] == (int) st[sp] ? 1 : 0; pc++; break;
          case 0x47: sp--; st[sp - 1] = (int) st[sp - 1] != (int) st[sp] ? 1 : 0; pc++; break;
          case 0x48: sp--; st[sp - 1] = (int) st[sp - 1] < (int) st[sp] ? 1 : 0; pc++; break;
          case 0x49:
            sp--;
            st[sp - 1] = Integer.compareUnsigned((int) st[sp - 1], (int) st[sp]) < 0 ? 1 : 0;
            pc++;
            break;
          case 0x4A: sp--; st[sp - 1] = (int) st[sp - 1] > (int) st[sp] ? 1 : 0; pc++; break;
          case 0x4B:
            sp--;
            st[sp - 1] = Integer.compareUnsigned((int) st[sp - 1], (int) st[sp]) > 0 ? 1 : 0;
            pc++;
            break;
          case 0x4C: sp--; st[sp - 1] = (int) st[sp - 1] <= (int) st[sp] ? 1 : 0; pc++; break;
          case 0x4D:
            sp--;
            st[sp - 1] = Integer.compareUnsigned((int) st[sp - 1], (int) st[sp]) <= 0 ? 1 : 0;
            pc++;
            break;
          case 0x4E: sp--; st[sp - 1] = (int) st[sp - 1] >= (int) st[sp] ? 1 : 0; pc++; break;
          case 0x4F:
            sp--;
            st[sp - 1] = Integer.compareUnsigned((int) st[sp - 1], (int) st[sp]) >= 0 ? 1 : 0;
            pc++;
            break;
          // ---- i64 comparisons ----
          case 0x50: st[sp - 1] = st[sp - 1] == 0 ? 1 : 0; pc++; break;
          case 0x51: sp--; st[sp - 1] = st[sp - 1] == st[sp] ? 1 : 0; pc++; break;
          case 0x52: sp--; st[sp - 1] = st[sp - 1] != st[sp] ? 1 : 0; pc++; break;
          case 0x53: sp--; st[sp - 1] = st[sp - 1] < st[sp] ? 1 : 0; pc++; break;
          case 0x54:
            sp--;
            st[sp - 1] = Long.compareUnsigned(st[sp - 1], st[sp]) < 0 ? 1 : 0;
            pc++;
            break;
          case 0x55: sp--; st[sp - 1] = st[sp - 1] > st[sp] ? 1 : 0; pc++; break;
          case 0x56:
            sp--;
            st[sp - 1] = Long.compareUnsigned(st[sp - 1], st[sp]) > 0 ? 1 : 0;
            pc++;
            break;
          case 0x57: sp--; st[sp - 1] = st[sp - 1] <= st[sp] ? 1 : 0; pc++; break;
          case 0x58:
            sp--;
            st[sp - 1] = Long.compareUnsigned(st[sp - 1], st[sp]) <= 0 ? 1 : 0;
            pc++;
            break;
          case 0x59: sp--; st[sp - 1] = st[sp - 1] >= st[sp] ? 1 : 0; pc++; break;
          case 0x5A:
            sp--;
            st[sp - 1] = Long.compareUnsigned(st[sp - 1], st[sp]) >= 0 ? 1 : 0;
            pc++;
            break;
          // ---- f32 comparisons ----
          // ---- f64 comparisons ----
          case 0x61: sp--; st[sp - 1] = f64(st[sp - 1]) == f64(st[sp]) ? 1 : 0; pc++; break;
          case 0x62: sp--; st[sp - 1] = f64(st[sp - 1]) != f64(st[sp]) ? 1 : 0; pc++; break;
          case 0x63: sp--; st[sp - 1] = f64(st[sp - 1]) < f64(st[sp]) ? 1 : 0; pc++; break;
          case 0x64: sp--; st[sp - 1] = f64(st[sp - 1]) > f64(st[sp]) ? 1 : 0; pc++; break;
          case 0x65: sp--; st[sp - 1] = f64(st[sp - 1]) <= f64(st[sp]) ? 1 : 0; pc++; break;
          case 0x66: sp--; st[sp - 1] = f64(st[sp - 1]) >= f64(st[sp]) ? 1 : 0; pc++; break;
          // ---- i32 arithmetic ----
          case 0x6A: sp--; st[sp - 1] = (int) st[sp - 1] + (int) st[sp]; pc++; break;
          case 0x6B: sp--; st[sp - 1] = (int) st[sp - 1] - (int) st[sp]; pc++; break;
          case 0x6C: sp--; st[sp - 1] = (int) st[sp - 1] * (int) st[sp]; pc++; break;
          case 0x6D: { // i32.div_s
            int b = (int) st[sp - 1];
            int a = (int) st[sp - 2];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            if (b == -1 && a == Integer.MIN_VALUE) {
              throw trap(TrapException.INTEGER_OVERFLOW, null, fn, fp, pc, sp);
            }
            st[sp - 2] = a / b;
            sp--;
            pc++;
            break;
          }
          case 0x6E: { // i32.div_u
            int b = (int) st[sp - 1];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            st[sp - 2] = Integer.divideUnsigned((int) st[sp - 2], b);
            sp--;
            pc++;
            break;
          }
          case 0x6F: { // i32.rem_s
            int b = (int) st[sp - 1];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            st[sp - 2] = b == -1 ? 0 : (int) st[sp - 2] % b;
            sp--;
            pc++;
            break;
          }
          case 0x70: { // i32.rem_u
            int b = (int) st[sp - 1];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            st[sp - 2] = Integer.remainderUnsigned((int) st[sp - 2], b);
            sp--;
            pc++;
            break;
          }
          case 0x71: sp--; st[sp - 1] = (int) st[sp - 1] & (int) st[sp]; pc++; break;
          case 0x72: sp--; st[sp - 1] = (int) st[sp - 1] | (int) st[sp]; pc++; break;
          case 0x73: sp--; st[sp - 1] = (int) st[sp - 1] ^ (int) st[sp]; pc++; break;
          case 0x74: sp--; st[sp - 1] = (int) st[sp - 1] << (int) st[sp]; pc++; break;
          case 0x75: sp--; st[sp - 1] = (int) st[sp - 1] >> (int) st[sp]; pc++; break;
          case 0x76: sp--; st[sp - 1] = (int) st[sp - 1] >>> (int) st[sp]; pc++; break;
          // ---- i64 arithmetic ----
          case 0x7C: sp--; st[sp - 1] += st[sp]; pc++; break;
          case 0x7D: sp--; st[sp - 1] -= st[sp]; pc++; break;
          case 0x7E: sp--; st[sp - 1] *= st[sp]; pc++; break;
          case 0x7F: { // i64.div_s
            long b = st[sp - 1];
            long a = st[sp - 2];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            if (b == -1 && a == Long.MIN_VALUE) {
              throw trap(TrapException.INTEGER_OVERFLOW, null, fn, fp, pc, sp);
            }
            st[sp - 2] = a / b;
            sp--;
            pc++;
            break;
          }
          case 0x80: { // i64.div_u
            long b = st[sp - 1];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            st[sp - 2] = Long.divideUnsigned(st[sp - 2], b);
            sp--;
            pc++;
            break;
          }
          case 0x81: { // i64.rem_s
            long b = st[sp - 1];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            st[sp - 2] = b == -1 ? 0 : st[sp - 2] % b;
            sp--;
            pc++;
            break;
          }
          case 0x82: { // i64.rem_u
            long b = st[sp - 1];
            if (b == 0) {
              throw trap(TrapException.DIVIDE_BY_ZERO, null, fn, fp, pc, sp);
            }
            st[sp - 2] = Long.remainderUnsigned(st[sp - 2], b);
            sp--;
            pc++;
            break;
          }
          case 0x83: sp--; st[sp - 1] &= st[sp]; pc++; break;
          case 0x84: sp--; st[sp - 1] |= st[sp]; pc++; break;
          case 0x85: sp--; st[sp - 1] ^= st[sp]; pc++; break;
          case 0x86: sp--; st[sp - 1] <<= st[sp]; pc++; break;
          case 0x87: sp--; st[sp - 1] >>= st[sp]; pc++; break;
          case 0x88: sp--; st[sp - 1] >>>= st[sp]; pc++; break;
          // ---- f32 arithmetic ----
          // ---- f64 arithmetic ----
          case 0x9F: st[sp - 1] = bits(Numerics.sqrt(f64(st[sp - 1]))); pc++; break;
          case 0xA0: sp--; st[sp - 1] = bits(f64(st[sp - 1]) + f64(st[sp])); pc++; break;
          case 0xA1: sp--; st[sp - 1] = bits(f64(st[sp - 1]) - f64(st[sp])); pc++; break;
          case 0xA2: sp--; st[sp - 1] = bits(f64(st[sp - 1]) * f64(st[sp])); pc++; break;
          case 0xA3: sp--; st[sp - 1] = bits(f64(st[sp - 1]) / f64(st[sp])); pc++; break;
          // ---- conversions ----
          case 0xA7: st[sp - 1] = (int) st[sp - 1]; pc++; break; // i32.wrap_i64
          case 0xAC: st[sp - 1] = (long) (int) st[sp - 1]; pc++; break;
          case 0xAD: st[sp - 1] = st[sp - 1] & U32; pc++; break;
          case Op.REF_IS_NULL:
            st[sp - 1] = st[sp - 1] == Store.NULL_REF ? 1 : 0;
            pc++;
            break;
          case Op.REF_FUNC:
            st[sp++] = inst.functions[code[pc + 1]].id;
            pc += 2;
            break;
          // ---- saturating truncation ----
          // ---- bulk memory and tables ----
          default:
            if (code[pc] < Op.PREFIX_FC + 8) {
              int nsp = SlowOps.exec(code[pc], st, sp);
              if (nsp < 0) {
                throw new IllegalStateException("bad internal opcode " + code[pc] + " at " + pc);
              }
              sp = nsp;
              pc++;
              break;
            }
            if (!Bulk.execute(this, code, pc, sp, inst, fn, fp)) {
              throw new IllegalStateException("bad internal opcode " + code[pc] + " at " + pc);
            }
            sp += Bulk.stackEffect(code[pc]);
            mb = bytesOf(mem0);
            pc += Bulk.length(code[pc]);
            break;
        }
      }
    } catch (Numerics.NumericTrap e) {
      throw trap(e.specMessage, null, fn, fp, pc, sp);
    }
  }

  private TrapException oob(FunctionInstance fn, int fp, int pc, int sp, long ea) {
    return trap(TrapException.MEMORY_OUT_OF_BOUNDS, "address " + ea, fn, fp, pc, sp);
  }
}
