package dev.coroner.interpreter;

import dev.coroner.interpreter.semantics.Memory;
import dev.coroner.interpreter.semantics.Table;

/**
 * Bulk memory and table instructions ({@link Op#MEMORY_INIT} to {@link Op#TABLE_FILL}), kept out
 * of the main loop. Each moves its operands between the value stack and its semantics ({@link
 * Memory}, {@link Table}), which trap before changing anything, and returns the new stack pointer.
 */
final class Bulk {
  private static final long U32 = 0xFFFFFFFFL;
  private static final byte[] EMPTY_BYTES = new byte[0];
  private static final long[] EMPTY_REFS = new long[0];

  private Bulk() {}

  /** Executes the bulk instruction at {@code pc}; returns the new stack pointer. */
  static int exec(int[] code, int pc, long[] st, int sp, Instance inst) {
    switch (code[pc]) {
      case Op.MEMORY_INIT: {
        byte[] seg = inst.dataSegs[code[pc + 1]];
        Memory.init(inst.memory0.bytes, seg == null ? EMPTY_BYTES : seg,
            st[sp - 3] & U32, st[sp - 2] & U32, st[sp - 1] & U32);
        return sp - 3;
      }
      case Op.DATA_DROP:
        inst.dataSegs[code[pc + 1]] = null;
        return sp;
      case Op.MEMORY_COPY:
        Memory.copy(inst.memory0.bytes, st[sp - 3] & U32, st[sp - 2] & U32, st[sp - 1] & U32);
        return sp - 3;
      case Op.MEMORY_FILL:
        Memory.fill(inst.memory0.bytes, st[sp - 3] & U32, (int) st[sp - 2], st[sp - 1] & U32);
        return sp - 3;
      case Op.TABLE_INIT: {
        long[] seg = inst.elemSegs[code[pc + 1]];
        Table.init(inst.tables[code[pc + 2]].elems, seg == null ? EMPTY_REFS : seg,
            st[sp - 3] & U32, st[sp - 2] & U32, st[sp - 1] & U32);
        return sp - 3;
      }
      case Op.ELEM_DROP:
        inst.elemSegs[code[pc + 1]] = null;
        return sp;
      case Op.TABLE_COPY:
        Table.copy(inst.tables[code[pc + 1]].elems, inst.tables[code[pc + 2]].elems,
            st[sp - 3] & U32, st[sp - 2] & U32, st[sp - 1] & U32);
        return sp - 3;
      case Op.TABLE_GROW:
        st[sp - 2] = inst.tables[code[pc + 1]].grow(st[sp - 1] & U32, st[sp - 2]);
        return sp - 1;
      case Op.TABLE_SIZE:
        st[sp] = inst.tables[code[pc + 1]].elems.length;
        return sp + 1;
      case Op.TABLE_FILL:
        Table.fill(inst.tables[code[pc + 1]].elems, st[sp - 3] & U32, st[sp - 2],
            st[sp - 1] & U32);
        return sp - 3;
      default:
        throw new IllegalStateException("bad internal opcode " + code[pc] + " at " + pc);
    }
  }
}
