package dev.coroner.interpreter;

import static dev.coroner.interpreter.Bits.bits;
import static dev.coroner.interpreter.Bits.f64;
import static dev.coroner.interpreter.semantics.Memory.effectiveAddress;

import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.semantics.F64;
import dev.coroner.interpreter.semantics.I32;
import dev.coroner.interpreter.semantics.I64;
import dev.coroner.interpreter.semantics.Memory;
import dev.coroner.interpreter.semantics.Trap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p><b>The loop</b> ({@link #run}) is one {@code switch} over pre-decoded code ({@link Op}), in
 * sections: control flow, calls, variables, memory access, constants, numeric operations. What an
 * instruction computes is a call to its semantics ({@code dev.coroner.interpreter.semantics}); the
 * loop only moves values between the value stack and those calls. Every rare instruction (table,
 * reference and bulk instructions, {@link SlowOps}, {@link Wide}) is one call to {@link RareOps}
 * from the {@code default} case, and SIMD one call to {@link Simd}: the loop must stay below
 * HotSpot's limit for compiling a method (8000 bytes of bytecode), and HotSpot's C2 compiles it
 * better the fewer cases it has and the fewer values it keeps live from one instruction to the
 * next (the loop keeps the function, its code, instance, memory bytes, value stack, frame base, stack
 * pointer and pc; everything else, such as the instance's globals, is read where it is needed). See
 * BENCHMARKS.md, "The readiness refactor (issue 14)".
 *
 * <p><b>Traps.</b> A trapping semantics method throws {@link Trap}; the loop catches it and raises
 * a {@link TrapException} at the instruction, with the operands still on the stack (every handler
 * calls its semantics before it changes the stack pointer).
 *
 * <p><b>Coredumps cost nothing when off.</b> Capture ({@link Capture}) reads the frames through
 * {@link #frames}: views over state the loop keeps anyway (the value stack, the frame arrays, the
 * position of the trapping instruction). The mapping from pre-decoded pc to original byte offset
 * lives in a side array that the loop never reads, and operand types are recomputed at capture time
 * by re-validating the function body up to the instruction. There is no per-instruction or
 * per-call work for capture.
 */
final class Machine {
  private static final byte[] NO_MEMORY = new byte[0];
  private static final long U32 = 0xFFFFFFFFL;

  final Store store;
  final StoreConfig config;
  private long[] st;
  /** Top of the value stack used by callers of the running invocation. */
  private int sp;

  // Saved frames (all but the running one), oldest first.
  private FunctionInstance[] fFunc = new FunctionInstance[64];
  private int[] fFp = new int[64];
  private int[] fPc = new int[64];
  private int[] fEnd = new int[64];
  private int depth;

  /**
   * Set from any thread by {@link Store#interrupt()}; read on taken backward branches and on calls,
   * so a runaway guest stops at its next loop iteration or call.
   */
  volatile boolean interrupted;
  private int reentry;

  /**
   * The store's other execution tier, or null when the interpreter runs everything. With a tier,
   * a trap's frames are collected while it unwinds ({@link TrapException#unwound}, see {@link
   * #unwindSegment}) and the dump is built where the invocation from outside ends.
   */
  final ExecutionTier tier;

  Machine(Store store) {
    this.store = store;
    this.config = store.config;
    this.st = new long[Math.min(4096, config.maxValueStackSlots())];
    this.tier = config.engine().equals(StoreConfig.INTERPRETER)
        ? null : ExecutionTier.named(config.engine());
  }

  // ---- entry ----

  /** Calls {@code f} with {@code args}; used from outside and for host re-entry. */
  long[] invoke(FunctionInstance f, long[] args, Instance caller) {
    if (tier == null) {
      return invokeHere(f, args, caller);
    }
    if (reentry == 0) {
      return tier.enter(() -> invokeHere(f, args, caller));
    }
    return invokeHere(f, args, caller);
  }

  private long[] invokeHere(FunctionInstance f, long[] args, Instance caller) {
    if (args.length != Slots.params(f.type)) {
      throw new IllegalArgumentException(
          "expected " + Slots.params(f.type) + " argument slots (a v128 takes two) for "
              + f.type + ", got " + args.length);
    }
    if (reentry >= config.maxHostReentry()) {
      TrapException t = TrapException.withSuffix(TrapException.CALL_STACK_EXHAUSTED, "",
          "host re-entry deeper than " + config.maxHostReentry(), -1);
      if (config.capture()) {
        if (tier != null) {
          t.unwound = new ArrayList<>();
        } else {
          t.attach(Capture.capture(store, frames(null, 0, 0, 0)));
        }
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
      if (f.tier != null) {
        return enterTier(f, args);
      }
      int base = sp;
      ensureStack(base + f.code.maxHeight + args.length, null, 0, 0, 0);
      System.arraycopy(args, 0, st, base, args.length);
      if (depth >= config.maxCallDepth()) {
        throw TrapException.withSuffix(TrapException.CALL_STACK_EXHAUSTED, "",
            "more than " + config.maxCallDepth() + " frames", -1);
      }
      run(f, base);
      long[] results = Arrays.copyOfRange(st, base, base + f.code.resultCount);
      for (int i = 0, slot = 0; i < f.type.resultCount(); i++) {
        int t = f.type.result(i);
        if (t == ValType.I32 || t == ValType.F32) {
          results[slot] &= U32;
        }
        slot += Slots.width(t);
      }
      return results;
    } catch (TrapException t) {
      if (tier != null && t.unwound != null) {
        // Where an invocation from outside ends, every frame has been added; a re-entry's dump
        // (seen by a host function that catches the trap) has the frames unwound so far.
        t.attach(Capture.capture(store, List.copyOf(t.unwound)));
      }
      throw t;
    } finally {
      depth = savedDepth;
      sp = savedSp;
      reentry--;
    }
  }

  /** Runs tier function {@code f} from outside as frame {@link #depth}. */
  private long[] enterTier(FunctionInstance f, long[] args) {
    if (depth >= config.maxCallDepth()) {
      throw TrapException.withSuffix(TrapException.CALL_STACK_EXHAUSTED, "",
          "more than " + config.maxCallDepth() + " frames", -1);
    }
    long needed = (long) sp + f.tier.maxHeight + args.length;
    if (needed > config.maxValueStackSlots()) {
      throw trap(TrapException.CALL_STACK_EXHAUSTED, "value stack exhausted", null, 0, 0, 0);
    }
    long[] results = f.tier.invoke(depth, sp, args.clone());
    for (int i = 0, slot = 0; i < f.type.resultCount(); i++) {
      int t = f.type.result(i);
      if (t == ValType.I32 || t == ValType.F32) {
        results[slot] &= U32;
      }
      slot += Slots.width(t);
    }
    return results;
  }

  /**
   * Calls {@code f} for a tier's code: an interpreted WebAssembly function as frame {@code
   * callee} (the number of live frames below it), whose slots start at {@code fp}, or a host
   * function called from {@code caller}'s frame {@code callee - 1}. The tier has checked the call
   * depth, the value stack and interruption at its call site, as the interpreter's loop does.
   */
  long[] callFromTier(FunctionInstance f, Instance caller, int callee, int fp, long[] args) {
    int savedDepth = depth;
    int savedSp = sp;
    depth = callee;
    sp = fp;
    while (fFunc.length <= callee + 1) {
      growFrames();
    }
    try {
      if (f.host != null) {
        return checkResults(f, f.host.call(new Context(caller), args));
      }
      if (f.tier != null) {
        return f.tier.invoke(callee, fp, args);
      }
      ensureStack(fp + f.code.maxHeight + args.length, null, 0, 0, 0);
      System.arraycopy(args, 0, st, fp, args.length);
      run(f, fp);
      return Arrays.copyOfRange(st, fp, fp + f.code.resultCount);
    } finally {
      depth = savedDepth;
      sp = savedSp;
    }
  }

  /**
   * Adds the frames of the interpreter's segment that a trap leaves under a tier: the saved
   * frames from the youngest down to {@code entryDepth}, where the segment began.
   */
  private TrapException unwindSegment(TrapException t, int entryDepth) {
    if (tier != null && t.unwound != null) {
      InterpreterFrame.OperandTypes types = new InterpreterFrame.OperandTypes();
      for (int i = depth - 1; i >= entryDepth; i--) {
        t.unwind(new InterpreterFrame(fFunc[i], st, fFp[i], fPc[i] - 3, fEnd[i], types));
      }
    }
    return t;
  }

  private long[] callHostDirect(FunctionInstance f, long[] args, Instance caller) {
    long[] results = f.host.call(new Context(caller), args.clone());
    return checkResults(f, results);
  }

  private static long[] checkResults(FunctionInstance f, long[] results) {
    int n = Slots.results(f.type);
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

    @Override
    public List<FrameView> frames() {
      if (tier != null) {
        throw new UnsupportedOperationException(
            "the frames of a running program are not available under engine " + config.engine());
      }
      return Machine.this.frames(null, 0, 0, 0);
    }
  }

  // ---- frames ----

  /**
   * The live WebAssembly frames, youngest first: {@code fn} (null when the youngest frame is the
   * top saved one, as during a host call) at instruction index {@code pc} with frame base {@code
   * fp} and stack end {@code sp}, then every saved frame at its call instruction.
   */
  List<FrameView> frames(FunctionInstance fn, int fp, int pc, int sp) {
    InterpreterFrame.OperandTypes types = new InterpreterFrame.OperandTypes();
    List<FrameView> frames = new ArrayList<>(depth + 1);
    if (fn != null) {
      frames.add(new InterpreterFrame(fn, st, fp, pc, sp, types));
    }
    for (int i = depth - 1; i >= 0; i--) {
      // A saved pc is the return address, just past the three ints of the call instruction.
      frames.add(new InterpreterFrame(fFunc[i], st, fFp[i], fPc[i] - 3, fEnd[i], types));
    }
    return frames;
  }

  // ---- traps ----

  TrapException trap(String message, String detail, FunctionInstance fn, int fp, int pc, int sp) {
    return trap(message, "", detail, fn, fp, pc, sp);
  }

  /**
   * A trap at the running frame's instruction {@code pc} whose message has {@code suffix} right
   * after the spec text (e.g. an element index), with a coredump if capture is on.
   */
  TrapException trap(
      String message, String suffix, String detail, FunctionInstance fn, int fp, int pc, int sp) {
    StringBuilder d = new StringBuilder();
    if (detail != null) {
      d.append(detail).append("; ");
    }
    long offset = -1;
    if (fn != null) {
      CompiledFunction cf = fn.code;
      offset = cf.bodyStart + cf.codeOffset(pc);
      d.append(Disassembly.nameAt(fn.instance.module.bytes, (int) offset))
          .append(" in function ").append(fn.index).append(" of ")
          .append(fn.instance.displayName()).append(" at code offset 0x")
          .append(Integer.toHexString(cf.codeOffset(pc)));
    }
    TrapException t = TrapException.withSuffix(message, suffix, d.toString(), offset);
    if (config.capture()) {
      if (tier != null) {
        t.unwound = new ArrayList<>();
        if (fn != null) {
          t.unwind(new InterpreterFrame(fn, st, fp, pc, sp, new InterpreterFrame.OperandTypes()));
        }
      } else {
        t.attach(Capture.capture(store, frames(fn, fp, pc, sp)));
      }
    }
    return t;
  }

  /**
   * The target of a taken branch. A backward branch (a loop's next iteration) first honours an
   * {@linkplain Store#interrupt() interruption}: the only per-iteration cost is a compare of two
   * values already at hand and, for backward branches (a target at or before the branch itself, as
   * in a loop that branches straight back to its own start), one volatile read; small enough to
   * inline.
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

  private static byte[] bytesOf(MemoryInstance m) {
    return m == null ? NO_MEMORY : m.bytes;
  }

  // ---- calls ----

  /**
   * The function a {@link Op#CALL_INDIRECT} at {@code pc} calls: table element {@code i} (the
   * operand on top of the stack), checked to exist and to have the instruction's type.
   */
  private FunctionInstance indirectCallee(
      Instance inst, int[] code, FunctionInstance fn, int fp, int pc, int sp) {
    // A 64-bit table's index is written ~table (see FunctionCompiler.indirectCall): its element
    // index is the whole i64 operand.
    int t = code[pc + 2];
    long[] table = inst.tables[t < 0 ? ~t : t].elems;
    long i = t < 0 ? st[sp - 1] : st[sp - 1] & U32;
    if (Long.compareUnsigned(i, table.length) >= 0) {
      throw trap(TrapException.UNDEFINED_ELEMENT, " " + Long.toUnsignedString(i), null, fn,
          fp, pc, sp);
    }
    long ref = table[(int) i];
    if (ref == Store.NULL_REF) {
      throw trap(TrapException.UNINITIALIZED_ELEMENT, " " + i, null, fn, fp, pc, sp);
    }
    FunctionInstance callee = store.function(ref);
    if (callee.typeId != inst.typeIds[code[pc + 1]]) {
      throw trap(TrapException.INDIRECT_CALL_TYPE_MISMATCH, "element " + i, fn, fp, pc, sp);
    }
    return callee;
  }

  /**
   * Calls a host function, or a tier's function, from the loop; returns the new stack pointer.
   * {@code sp} is the stack end at the call, {@code top} the end of the arguments.
   */
  private int callHost(
      FunctionInstance callee, FunctionInstance fn, int fp, int pc, int top, int sp) {
    int np = Slots.params(callee.type);
    if (callee.tier != null) {
      if (depth + 1 >= config.maxCallDepth() || interrupted) {
        throw callRefused(fn, fp, pc, sp);
      }
      if ((long) top - np + callee.tier.maxHeight > config.maxValueStackSlots()) {
        throw trap(TrapException.CALL_STACK_EXHAUSTED, "value stack exhausted", fn, fp, pc, sp);
      }
    }
    sp = top;
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
      results = callee.tier != null ? callee.tier.invoke(depth, argBase, args)
          : checkResults(callee, callee.host.call(new Context(fn.instance), args));
    } catch (TrapException t) {
      if (tier != null) {
        if (config.capture()) {
          if (t.unwound == null) {
            t.unwound = new ArrayList<>();
          }
          t.unwind(new InterpreterFrame(fn, st, fp, pc, argBase,
              new InterpreterFrame.OperandTypes()));
        }
      } else if (config.capture() && t.coreDump().isEmpty()) {
        t.attach(Capture.capture(store, frames(null, 0, 0, 0)));
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

  /** The stack pointer after a tail call to a host function ({@link #tailCall}). */
  private int tailSp;

  /**
   * The work of a {@link Op#RETURN_CALL} or {@link Op#RETURN_CALL_INDIRECT} at {@code pc}, kept
   * out of the loop: finds and checks the callee; for a WebAssembly callee, moves the arguments
   * to the frame base {@code fp}, zeroes its declared locals and returns it (the loop then runs it
   * in this frame); for a host callee, calls it from this frame, leaves its results on top of the
   * stack ending at {@link #tailSp} and returns null.
   */
  private FunctionInstance tailCall(
      int[] code, FunctionInstance fn, int fp, int pc, int sp, Instance inst) {
    FunctionInstance callee;
    int argTop = sp;
    if (code[pc] == Op.RETURN_CALL) {
      callee = inst.functions[code[pc + 1]];
    } else {
      callee = indirectCallee(inst, code, fn, fp, pc, sp);
      argTop = sp - 1;
    }
    if (interrupted) {
      throw interruption(fn, fp, pc, sp);
    }
    CompiledFunction ccf = callee.code;
    if (ccf == null) {
      tailSp = callee.tier != null ? tailCallTier(callee, fn, fp, pc, argTop, sp)
          : callHost(callee, fn, fp, pc, argTop, sp);
      return null;
    }
    if (fp + ccf.maxHeight > st.length) {
      ensureStack(fp + ccf.maxHeight, fn, fp, pc, sp);
    }
    long[] st = this.st;
    System.arraycopy(st, argTop - ccf.paramCount, st, fp, ccf.paramCount);
    Arrays.fill(st, fp + ccf.paramCount, fp + ccf.localCount(), 0L);
    return callee;
  }

  /**
   * A tail call to a tier's function: it replaces the tail-caller's frame (it runs with {@link
   * #depth} frames below it and its slots from {@code fp}), as an interpreted callee would, so a
   * trap in it shows the tail-caller's caller below it. Returns the end of its results, which
   * start at {@code fp}. {@code top} is the end of the arguments, {@code sp} the stack end at the
   * tail call.
   */
  private int tailCallTier(
      FunctionInstance callee, FunctionInstance fn, int fp, int pc, int top, int sp) {
    if ((long) fp + callee.tier.maxHeight > config.maxValueStackSlots()) {
      throw trap(TrapException.CALL_STACK_EXHAUSTED, "value stack exhausted", fn, fp, pc, sp);
    }
    int np = Slots.params(callee.type);
    long[] args = Arrays.copyOfRange(st, top - np, top);
    int savedSp = this.sp;
    this.sp = fp;
    long[] results;
    try {
      results = callee.tier.invoke(depth, fp, args);
    } finally {
      this.sp = savedSp;
    }
    ensureStack(fp + results.length, null, 0, 0, 0);
    System.arraycopy(results, 0, st, fp, results.length);
    return fp + results.length;
  }

  // ---- the loop ----

  /** Runs {@code entry}, whose arguments are at {@code fp0}; its results end up there. */
  private void run(FunctionInstance entry, int fp0) {
    final int entryDepth = depth;
    FunctionInstance fn = entry;
    CompiledFunction entryCode = entry.code;
    int[] code = entryCode.code;
    Instance inst = entry.instance;
    byte[] mb = bytesOf(inst.memory0);
    long[] st = this.st;
    int fp = fp0;
    int sp = fp + entryCode.localCount();
    Arrays.fill(st, fp + entryCode.paramCount, sp, 0L);
    int pc = 0;
    try {
      while (true) {
        switch (code[pc]) {
          // ---- control flow ----
          case Op.IF:
            if ((int) st[--sp] == 0) {
              pc = code[pc + 1];
            } else {
              pc += 2;
            }
            break;
          case Op.BR:
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
          // A comparison fused with the branch that follows it (see Op.BR_IF_I32).
          case Op.BR_IF_I32 + (Op.I32_EQZ - Op.I32_EQZ):
            pc = I32.eqz((int) st[--sp]) != 0 ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_EQ - Op.I32_EQZ):
            sp -= 2;
            pc = I32.eq((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_NE - Op.I32_EQZ):
            sp -= 2;
            pc = I32.ne((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_LT_S - Op.I32_EQZ):
            sp -= 2;
            pc = I32.ltS((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_LT_U - Op.I32_EQZ):
            sp -= 2;
            pc = I32.ltU((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_GT_S - Op.I32_EQZ):
            sp -= 2;
            pc = I32.gtS((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_GT_U - Op.I32_EQZ):
            sp -= 2;
            pc = I32.gtU((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_LE_S - Op.I32_EQZ):
            sp -= 2;
            pc = I32.leS((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_LE_U - Op.I32_EQZ):
            sp -= 2;
            pc = I32.leU((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_GE_S - Op.I32_EQZ):
            sp -= 2;
            pc = I32.geS((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.BR_IF_I32 + (Op.I32_GE_U - Op.I32_EQZ):
            sp -= 2;
            pc = I32.geU((int) st[sp], (int) st[sp + 1]) != 0
                ? branch(code[pc + 1], fn, fp, pc, sp) : pc + 2;
            break;
          case Op.RETURN: {
            int n = code[pc + 1];
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
            code = fn.code.code;
            inst = fn.instance;
            mb = bytesOf(inst.memory0);
            break;
          }

          // ---- calls ----
          case Op.CALL:
          case Op.CALL_INDIRECT: {
            FunctionInstance callee;
            int argTop = sp;
            if (code[pc] == Op.CALL) {
              callee = inst.functions[code[pc + 1]];
            } else {
              callee = indirectCallee(inst, code, fn, fp, pc, sp);
              argTop = sp - 1;
            }
            CompiledFunction ccf = callee.code;
            if (ccf == null) {
              sp = callHost(callee, fn, fp, pc, argTop, sp);
              st = this.st;
              mb = bytesOf(inst.memory0);
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
            code = ccf.code;
            fp = nfp;
            pc = 0;
            sp = nfp + ccf.localCount();
            for (int i = nfp + ccf.paramCount; i < sp; i++) {
              st[i] = 0L;
            }
            if (callee.instance != inst) {
              inst = callee.instance;
              mb = bytesOf(inst.memory0);
            }
            break;
          }

          // ---- tail calls: the callee takes over this frame; the call depth stays ----
          case Op.RETURN_CALL:
          case Op.RETURN_CALL_INDIRECT: {
            FunctionInstance callee = tailCall(code, fn, fp, pc, sp, inst);
            st = this.st;
            if (callee == null) {
              // A host callee ran from this frame; its results are on top: return them through
              // the RETURN that ends every function's code.
              sp = tailSp;
              mb = bytesOf(inst.memory0);
              pc = code.length - 2;
              break;
            }
            fn = callee;
            code = callee.code.code;
            pc = 0;
            sp = fp + callee.code.localCount();
            if (callee.instance != inst) {
              inst = callee.instance;
              mb = bytesOf(inst.memory0);
            }
            break;
          }

          // ---- parametric and variables ----
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
          case Op.LOCAL_GET2:
            st[sp] = st[fp + code[pc + 1]];
            st[sp + 1] = st[fp + code[pc + 2]];
            sp += 2;
            pc += 3;
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
            st[sp++] = inst.globals[code[pc + 1]].value;
            pc += 2;
            break;
          case Op.GLOBAL_SET:
            inst.globals[code[pc + 1]].value = st[--sp];
            pc += 2;
            break;

          // ---- memory: loads (each keeps the bits its type's slot holds) and stores ----
          case Op.I32_LOAD_LOCAL:
            // The local read, then the load itself: pc moves to the entry that holds the load's
            // byte offset, with the load's memarg offset after it (see Op.I32_LOAD_LOCAL).
            st[sp++] = st[fp + code[pc + 1]];
            pc++;
            // fall through
          case Op.I32_LOAD:
          case Op.I64_LOAD32_S:
            st[sp - 1] = Memory.load32(mb, effectiveAddress((int) st[sp - 1], code[pc + 1]));
            pc += 2;
            break;
          case Op.F32_LOAD:
          case Op.I64_LOAD32_U:
            st[sp - 1] =
                Memory.load32(mb, effectiveAddress((int) st[sp - 1], code[pc + 1])) & U32;
            pc += 2;
            break;
          case Op.I64_LOAD:
          case Op.F64_LOAD:
            st[sp - 1] = Memory.load64(mb, effectiveAddress((int) st[sp - 1], code[pc + 1]));
            pc += 2;
            break;
          case Op.I32_LOAD8_S:
          case Op.I64_LOAD8_S:
            st[sp - 1] = Memory.load8S(mb, effectiveAddress((int) st[sp - 1], code[pc + 1]));
            pc += 2;
            break;
          case Op.I32_LOAD8_U:
          case Op.I64_LOAD8_U:
            st[sp - 1] = Memory.load8U(mb, effectiveAddress((int) st[sp - 1], code[pc + 1]));
            pc += 2;
            break;
          case Op.I32_LOAD16_S:
          case Op.I64_LOAD16_S:
            st[sp - 1] = Memory.load16S(mb, effectiveAddress((int) st[sp - 1], code[pc + 1]));
            pc += 2;
            break;
          case Op.I32_LOAD16_U:
          case Op.I64_LOAD16_U:
            st[sp - 1] = Memory.load16U(mb, effectiveAddress((int) st[sp - 1], code[pc + 1]));
            pc += 2;
            break;
          case Op.I32_STORE:
          case Op.F32_STORE:
          case Op.I64_STORE32:
            Memory.store32(mb, effectiveAddress((int) st[sp - 2], code[pc + 1]), (int) st[sp - 1]);
            sp -= 2;
            pc += 2;
            break;
          case Op.I64_STORE:
          case Op.F64_STORE:
            Memory.store64(mb, effectiveAddress((int) st[sp - 2], code[pc + 1]), st[sp - 1]);
            sp -= 2;
            pc += 2;
            break;
          case Op.I32_STORE8:
          case Op.I64_STORE8:
            Memory.store8(mb, effectiveAddress((int) st[sp - 2], code[pc + 1]), (int) st[sp - 1]);
            sp -= 2;
            pc += 2;
            break;
          case Op.I32_STORE16:
          case Op.I64_STORE16:
            Memory.store16(mb, effectiveAddress((int) st[sp - 2], code[pc + 1]), (int) st[sp - 1]);
            sp -= 2;
            pc += 2;
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

          // ---- numeric: i32 ----
          case Op.I32_EQZ: st[sp - 1] = I32.eqz((int) st[sp - 1]); pc++; break;
          case Op.I32_EQ: sp--; st[sp - 1] = I32.eq((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_NE: sp--; st[sp - 1] = I32.ne((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_LT_S: sp--; st[sp - 1] = I32.ltS((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_LT_U: sp--; st[sp - 1] = I32.ltU((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_GT_S: sp--; st[sp - 1] = I32.gtS((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_GT_U: sp--; st[sp - 1] = I32.gtU((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_LE_S: sp--; st[sp - 1] = I32.leS((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_LE_U: sp--; st[sp - 1] = I32.leU((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_GE_S: sp--; st[sp - 1] = I32.geS((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_GE_U: sp--; st[sp - 1] = I32.geU((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_ADD: sp--; st[sp - 1] = I32.add((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_SUB: sp--; st[sp - 1] = I32.sub((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_MUL: sp--; st[sp - 1] = I32.mul((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_DIV_S:
            st[sp - 2] = I32.divS((int) st[sp - 2], (int) st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I32_DIV_U:
            st[sp - 2] = I32.divU((int) st[sp - 2], (int) st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I32_REM_S:
            st[sp - 2] = I32.remS((int) st[sp - 2], (int) st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I32_REM_U:
            st[sp - 2] = I32.remU((int) st[sp - 2], (int) st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I32_AND: sp--; st[sp - 1] = I32.and((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_OR: sp--; st[sp - 1] = I32.or((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_XOR: sp--; st[sp - 1] = I32.xor((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_SHL: sp--; st[sp - 1] = I32.shl((int) st[sp - 1], (int) st[sp]); pc++; break;
          case Op.I32_SHR_S:
            sp--;
            st[sp - 1] = I32.shrS((int) st[sp - 1], (int) st[sp]);
            pc++;
            break;
          case Op.I32_SHR_U:
            sp--;
            st[sp - 1] = I32.shrU((int) st[sp - 1], (int) st[sp]);
            pc++;
            break;
          case Op.I32_ROTL:
            sp--;
            st[sp - 1] = I32.rotl((int) st[sp - 1], (int) st[sp]);
            pc++;
            break;
          case Op.I32_ROTR:
            sp--;
            st[sp - 1] = I32.rotr((int) st[sp - 1], (int) st[sp]);
            pc++;
            break;
          case Op.I32_ADD_CONST:
            st[sp - 1] = I32.add((int) st[sp - 1], code[pc + 1]);
            pc += 2;
            break;
          case Op.I32_BINOP_CONST + (Op.I32_AND - Op.I32_ADD):
            st[sp - 1] = I32.and((int) st[sp - 1], code[pc + 1]);
            pc += 2;
            break;
          case Op.I32_BINOP_CONST + (Op.I32_SHL - Op.I32_ADD):
            st[sp - 1] = I32.shl((int) st[sp - 1], code[pc + 1]);
            pc += 2;
            break;
          case Op.I32_BINOP_CONST + (Op.I32_SHR_U - Op.I32_ADD):
            st[sp - 1] = I32.shrU((int) st[sp - 1], code[pc + 1]);
            pc += 2;
            break;
          case Op.I32_BINOP_CONST + (Op.I32_ROTL - Op.I32_ADD):
            st[sp - 1] = I32.rotl((int) st[sp - 1], code[pc + 1]);
            pc += 2;
            break;
          case Op.I32_ADD_LOCAL_CONST:
            st[sp++] = I32.add((int) st[fp + code[pc + 1]], code[pc + 2]);
            pc += 3;
            break;
          case Op.I32_ADD_LOCAL_CONST_SET:
            st[fp + code[pc + 3]] = I32.add((int) st[fp + code[pc + 1]], code[pc + 2]);
            pc += 4;
            break;
          case Op.I32_WRAP_I64: st[sp - 1] = I32.wrapI64(st[sp - 1]); pc++; break;

          // ---- numeric: i64 ----
          case Op.I64_EQZ: st[sp - 1] = I64.eqz(st[sp - 1]); pc++; break;
          case Op.I64_EQ: sp--; st[sp - 1] = I64.eq(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_NE: sp--; st[sp - 1] = I64.ne(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_LT_S: sp--; st[sp - 1] = I64.ltS(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_LT_U: sp--; st[sp - 1] = I64.ltU(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_GT_S: sp--; st[sp - 1] = I64.gtS(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_GT_U: sp--; st[sp - 1] = I64.gtU(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_LE_S: sp--; st[sp - 1] = I64.leS(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_LE_U: sp--; st[sp - 1] = I64.leU(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_GE_S: sp--; st[sp - 1] = I64.geS(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_GE_U: sp--; st[sp - 1] = I64.geU(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_ADD: sp--; st[sp - 1] = I64.add(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_SUB: sp--; st[sp - 1] = I64.sub(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_MUL: sp--; st[sp - 1] = I64.mul(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_DIV_S:
            st[sp - 2] = I64.divS(st[sp - 2], st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I64_DIV_U:
            st[sp - 2] = I64.divU(st[sp - 2], st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I64_REM_S:
            st[sp - 2] = I64.remS(st[sp - 2], st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I64_REM_U:
            st[sp - 2] = I64.remU(st[sp - 2], st[sp - 1]);
            sp--;
            pc++;
            break;
          case Op.I64_AND: sp--; st[sp - 1] = I64.and(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_OR: sp--; st[sp - 1] = I64.or(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_XOR: sp--; st[sp - 1] = I64.xor(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_SHL: sp--; st[sp - 1] = I64.shl(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_SHR_S: sp--; st[sp - 1] = I64.shrS(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_SHR_U: sp--; st[sp - 1] = I64.shrU(st[sp - 1], st[sp]); pc++; break;
          case Op.I64_EXTEND_I32_S: st[sp - 1] = I64.extendI32S((int) st[sp - 1]); pc++; break;
          case Op.I64_EXTEND_I32_U: st[sp - 1] = I64.extendI32U((int) st[sp - 1]); pc++; break;

          // ---- numeric: f64 (f32 and the rest: SlowOps) ----
          case Op.F64_EQ: sp--; st[sp - 1] = F64.eq(f64(st[sp - 1]), f64(st[sp])); pc++; break;
          case Op.F64_NE: sp--; st[sp - 1] = F64.ne(f64(st[sp - 1]), f64(st[sp])); pc++; break;
          case Op.F64_LT: sp--; st[sp - 1] = F64.lt(f64(st[sp - 1]), f64(st[sp])); pc++; break;
          case Op.F64_GT: sp--; st[sp - 1] = F64.gt(f64(st[sp - 1]), f64(st[sp])); pc++; break;
          case Op.F64_LE: sp--; st[sp - 1] = F64.le(f64(st[sp - 1]), f64(st[sp])); pc++; break;
          case Op.F64_GE: sp--; st[sp - 1] = F64.ge(f64(st[sp - 1]), f64(st[sp])); pc++; break;
          case Op.F64_SQRT: st[sp - 1] = bits(F64.sqrt(f64(st[sp - 1]))); pc++; break;
          case Op.F64_ADD:
            sp--;
            st[sp - 1] = bits(F64.add(f64(st[sp - 1]), f64(st[sp])));
            pc++;
            break;
          case Op.F64_SUB:
            sp--;
            st[sp - 1] = bits(F64.sub(f64(st[sp - 1]), f64(st[sp])));
            pc++;
            break;
          case Op.F64_MUL:
            sp--;
            st[sp - 1] = bits(F64.mul(f64(st[sp - 1]), f64(st[sp])));
            pc++;
            break;
          case Op.F64_DIV:
            sp--;
            st[sp - 1] = bits(F64.div(f64(st[sp - 1]), f64(st[sp])));
            pc++;
            break;

          // ---- everything else, outside the loop ----
          default: {
            if (code[pc] >= Op.FD) {
              // SIMD (0xFD) and the v128 forms of locals, globals, select and drop: one call
              // straight to Simd, as a SIMD loop runs nothing else.
              sp = Simd.exec(code, pc, st, sp, fp, inst);
              pc += SimdInstruction.codeLength(code[pc]);
              break;
            }
            long next = RareOps.exec(code, pc, st, sp, inst);
            sp = (int) next;
            pc = (int) (next >>> 32);
            mb = bytesOf(inst.memory0);
            break;
          }
        }
      }
    } catch (Trap t) {
      throw unwindSegment(trap(t.specMessage(), t.detail(), fn, fp, pc, sp), entryDepth);
    } catch (TrapException t) {
      throw unwindSegment(t, entryDepth);
    }
  }
}
