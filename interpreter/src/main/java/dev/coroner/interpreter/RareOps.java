package dev.coroner.interpreter;

import dev.coroner.interpreter.semantics.Table;
import dev.coroner.interpreter.semantics.Trap;

/**
 * Every instruction that {@link Machine}'s loop does not handle itself, behind one call: {@link
 * Op#UNREACHABLE}, table and reference instructions, {@link Op#MEMORY_SIZE} and {@link
 * Op#MEMORY_GROW}, the less frequent numeric instructions ({@link SlowOps}), the 64-bit-index forms
 * ({@link Wide}) and bulk memory and table instructions ({@link Bulk}). SIMD instructions go from
 * the loop to {@link Simd} directly.
 *
 * <p>Why one call: HotSpot compiles the loop as one method, and every case in its {@code switch}
 * adds to the code it compiles and the values it keeps in registers across cases, even when the
 * case never runs. The loop keeps only the frequent instructions and reaches all others through
 * this one call site, which returns the new pc and stack pointer together ({@link #pack}).
 *
 * <p>Traps are thrown as {@link Trap}; the loop turns them into a positioned trap at the
 * instruction, as it does for its own.
 */
final class RareOps {
  private static final long U32 = 0xFFFFFFFFL;

  private RareOps() {}

  /** The new pc and stack pointer as one {@code long}: pc in the high half. */
  static long pack(int pc, int sp) {
    return ((long) pc << 32) | (sp & U32);
  }

  /**
   * Executes the instruction at {@code pc} of {@code code} with stack pointer {@code
   * sp}; returns the next pc and the new stack pointer ({@link #pack}).
   */
  static long exec(int[] code, int pc, long[] st, int sp, Instance inst) {
    int op = code[pc];
    switch (op) {
      case Op.UNREACHABLE:
        throw Trap.of(TrapException.UNREACHABLE, null);
      case Op.TABLE_GET:
        st[sp - 1] = Table.get(inst.tables[code[pc + 1]].elems, (int) st[sp - 1]);
        return pack(pc + 2, sp);
      case Op.TABLE_SET:
        Table.set(inst.tables[code[pc + 1]].elems, (int) st[sp - 2], st[sp - 1]);
        return pack(pc + 2, sp - 2);
      case Op.REF_IS_NULL:
        st[sp - 1] = st[sp - 1] == Store.NULL_REF ? 1 : 0;
        return pack(pc + 1, sp);
      case Op.REF_FUNC:
        st[sp] = inst.functions[code[pc + 1]].id;
        return pack(pc + 2, sp + 1);
      case Op.MEMORY_SIZE:
        st[sp] = inst.memory0.pages();
        return pack(pc + 1, sp + 1);
      case Op.MEMORY_GROW:
        st[sp - 1] = (int) inst.memory0.grow(st[sp - 1] & U32);
        return pack(pc + 1, sp);
      default:
        break;
    }
    if (op < Op.MEMORY_INIT) {
      int nsp = SlowOps.exec(op, st, sp);
      if (nsp < 0) {
        throw new IllegalStateException("bad internal opcode " + op + " at " + pc);
      }
      return pack(pc + 1, nsp);
    }
    if (op == Op.WIDE) {
      return pack(pc + 5, Wide.exec(code, pc, st, sp, inst));
    }
    return pack(pc + Instruction.of(op).codeLength(), Bulk.exec(code, pc, st, sp, inst));
  }
}
