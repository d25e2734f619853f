package dev.coroner.interpreter;

import dev.coroner.interpreter.semantics.Memory;
import dev.coroner.interpreter.semantics.Table;
import dev.coroner.interpreter.semantics.Trap;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;

/**
 * What compiled code calls besides the instructions' semantics: calls that leave the compiled
 * class (imports, interpreted functions, indirect calls), the bulk instructions, and the handler
 * every compiled method runs when a trap leaves it ({@link #unwind}).
 */
final class TierRuntime {
  private static final long U32 = 0xFFFFFFFFL;
  private static final byte[] EMPTY_BYTES = new byte[0];
  private static final long[] EMPTY_REFS = new long[0];

  private TierRuntime() {}

  // ---- traps ----

  static TierTrap unreachable() {
    return new TierTrap(TrapException.UNREACHABLE, "", null, false);
  }

  static TierTrap interrupted() {
    return new TierTrap(TrapException.INTERRUPTED, "", "Store.interrupt() was called", false);
  }

  /**
   * Why a call from frame {@code depth} cannot go ahead, in the interpreter's order: interruption,
   * the call depth, then the value stack ({@code needed} slots).
   */
  static TierTrap refuse(Machine m, int depth, long needed) {
    if (m.interrupted) {
      return new TierTrap(TrapException.INTERRUPTED, "", "Store.interrupt() was called", true);
    }
    if (depth + 1 >= m.config.maxCallDepth()) {
      return new TierTrap(TrapException.CALL_STACK_EXHAUSTED, "",
          "more than " + m.config.maxCallDepth() + " frames", true);
    }
    return new TierTrap(TrapException.CALL_STACK_EXHAUSTED, "", "value stack exhausted", true);
  }

  /**
   * The handler of compiled function {@code funcIndex}: a trap leaving it at {@code site} becomes
   * (or stays) a {@link TrapException} with this frame added; anything else leaves unchanged.
   */
  static RuntimeException unwind(
      RuntimeException ex, int site, Instance inst, long[] values, int funcIndex) {
    FunctionMeta meta = ((CompiledCode) inst.functions[funcIndex].tier).meta;
    TrapException t;
    int at = site;
    if (ex instanceof TrapException) {
      t = (TrapException) ex;
    } else if (ex instanceof Trap) {
      Trap trap = (Trap) ex;
      t = trapAt(inst, meta, site, trap.specMessage(), "", trap.detail());
    } else if (ex instanceof TierTrap) {
      TierTrap tt = (TierTrap) ex;
      at = tt.beforeCall ? site + 1 : site;
      t = trapAt(inst, meta, at, tt.specMessage, tt.suffix, tt.detail);
    } else {
      return ex;
    }
    if (inst.store.config.capture()) {
      if (t.unwound == null) {
        t.unwound = new ArrayList<>();
      }
      t.unwind(meta.frame(inst, at, values));
    }
    return t;
  }

  /** A trap at a site, with the message the interpreter gives it. */
  private static TrapException trapAt(
      Instance inst, FunctionMeta meta, int site, String message, String suffix, String detail) {
    CompiledFunction cf = meta.code;
    int codeOffset = meta.sites[site].codeOffset;
    long offset = cf.bodyStart + codeOffset;
    StringBuilder d = new StringBuilder();
    if (detail != null) {
      d.append(detail).append("; ");
    }
    d.append(Disassembly.nameAt(inst.module.bytes, (int) offset))
        .append(" in function ").append(cf.index).append(" of ")
        .append(inst.displayName()).append(" at code offset 0x")
        .append(Integer.toHexString(codeOffset));
    return TrapException.withSuffix(message, suffix, d.toString(), offset);
  }

  // ---- SIMD ----

  /**
   * The bootstrap of a SIMD instruction's pre-decoded code ({@link SimdTranslator}): a dynamic
   * constant of the compiled class, made once from the instruction's ints.
   */
  static int[] simd(MethodHandles.Lookup lookup, String name, Class<?> type, Object... ints) {
    int[] code = new int[ints.length];
    for (int i = 0; i < code.length; i++) {
      code[i] = (Integer) ints[i];
    }
    return code;
  }

  // ---- calls leaving the class ----

  /**
   * Calls function {@code index} of {@code inst} (an import, or a defined function left to the
   * interpreter) from frame {@code depth}; its frame would start at value-stack slot {@code fp}.
   */
  static long[] call(Instance inst, int index, int depth, int fp, long[] args) {
    return callFunction(inst, inst.functions[index], depth, fp, args);
  }

  /** The call part of {@code call_indirect}: the element's checks, then the call. */
  static long[] callIndirect(
      Instance inst, int table, int type, int element, int depth, int fp, long[] args) {
    FunctionInstance callee = indirectCallee(inst, table, type, element);
    return callFunction(inst, callee, depth, fp, args);
  }

  /**
   * The checks of {@code call_indirect} (the interpreter's traps, in its order); then the index of
   * the callee if it is a compiled function of {@code inst} (the caller's class has its method),
   * or -1 if the call must take the general path ({@link #callIndirect}).
   */
  static int indirectTarget(Instance inst, int table, int type, int element) {
    FunctionInstance callee = indirectCallee(inst, table, type, element);
    if (callee.instance != inst || !(callee.tier instanceof CompiledCode)) {
      return -1;
    }
    return ((CompiledCode) callee.tier).meta.code.index;
  }

  /**
   * The callee of {@code call_indirect} through {@code element} of {@code table}, after its checks
   * (the interpreter's traps, in its order): in bounds, not null, of type {@code type}.
   */
  private static FunctionInstance indirectCallee(Instance inst, int table, int type, int element) {
    long[] elems = inst.tables[table].elems;
    if (Integer.compareUnsigned(element, elems.length) >= 0) {
      throw new TierTrap(TrapException.UNDEFINED_ELEMENT,
          " " + Integer.toUnsignedString(element), null, true);
    }
    long ref = elems[element];
    if (ref == Store.NULL_REF) {
      throw new TierTrap(TrapException.UNINITIALIZED_ELEMENT, " " + element, null, true);
    }
    FunctionInstance callee = inst.store.function(ref);
    if (callee.typeId != inst.typeIds[type]) {
      throw new TierTrap(TrapException.INDIRECT_CALL_TYPE_MISMATCH, "", "element " + element,
          true);
    }
    return callee;
  }

  private static long[] callFunction(
      Instance inst, FunctionInstance f, int depth, int fp, long[] args) {
    Machine m = inst.store.machine;
    if (f.host == null) {
      int maxHeight = f.tier != null ? f.tier.maxHeight : f.code.maxHeight;
      long needed = (long) fp + maxHeight;
      if (depth + 1 >= m.config.maxCallDepth() || m.interrupted
          || needed > m.config.maxValueStackSlots()) {
        throw refuse(m, depth, needed);
      }
      if (f.tier != null) {
        return f.tier.invoke(depth + 1, fp, args);
      }
    }
    return m.callFromTier(f, inst, depth + 1, fp, args);
  }

  // ---- memory and tables ----

  static int memoryGrow(Instance inst, int delta) {
    return (int) inst.memory0.grow(delta & U32);
  }

  static void memoryInit(Instance inst, int segment, int d, int s, int n) {
    byte[] seg = inst.dataSegs[segment];
    Memory.init(inst.memory0.bytes, seg == null ? EMPTY_BYTES : seg, d & U32, s & U32, n & U32);
  }

  static void dataDrop(Instance inst, int segment) {
    inst.dataSegs[segment] = null;
  }

  static void memoryCopy(Instance inst, int d, int s, int n) {
    Memory.copy(inst.memory0.bytes, d & U32, s & U32, n & U32);
  }

  static void memoryFill(Instance inst, int d, int value, int n) {
    Memory.fill(inst.memory0.bytes, d & U32, value, n & U32);
  }

  static void tableInit(Instance inst, int segment, int table, int d, int s, int n) {
    long[] seg = inst.elemSegs[segment];
    Table.init(inst.tables[table].elems, seg == null ? EMPTY_REFS : seg, d & U32, s & U32,
        n & U32);
  }

  static void elemDrop(Instance inst, int segment) {
    inst.elemSegs[segment] = null;
  }

  static void tableCopy(Instance inst, int dst, int src, int d, int s, int n) {
    Table.copy(inst.tables[dst].elems, inst.tables[src].elems, d & U32, s & U32, n & U32);
  }

  static int tableGrow(Instance inst, int table, long init, int delta) {
    return inst.tables[table].grow(delta & U32, init);
  }

  static int tableSize(Instance inst, int table) {
    return inst.tables[table].elems.length;
  }

  static void tableFill(Instance inst, int table, int i, long ref, int n) {
    Table.fill(inst.tables[table].elems, i & U32, ref, n & U32);
  }

  static long tableGet(Instance inst, int table, int i) {
    return Table.get(inst.tables[table].elems, i);
  }

  static void tableSet(Instance inst, int table, int i, long ref) {
    Table.set(inst.tables[table].elems, i, ref);
  }

  static long refFunc(Instance inst, int index) {
    return inst.functions[index].id;
  }
}
