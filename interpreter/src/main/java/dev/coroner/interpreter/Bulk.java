package dev.coroner.interpreter;

import dev.coroner.interpreter.validate.Op;
import java.util.Arrays;

/**
 * Bulk memory and table instructions, kept out of the main loop. Each operates on the machine's
 * value stack in place and traps (via {@link Machine#trap}) before changing anything.
 */
final class Bulk {
  private static final long U32 = 0xFFFFFFFFL;
  private static final byte[] EMPTY_BYTES = new byte[0];
  private static final long[] EMPTY_REFS = new long[0];

  private Bulk() {}

  /** Net change of the stack pointer. */
  static int stackEffect(int op) {
    switch (op) {
      case Op.DATA_DROP:
      case Op.ELEM_DROP:
        return 0;
      case Op.TABLE_GROW:
        return -1;
      case Op.TABLE_SIZE:
        return 1;
      default:
        return -3;
    }
  }

  /** Instruction length in ints. */
  static int length(int op) {
    switch (op) {
      case Op.MEMORY_COPY:
      case Op.MEMORY_FILL:
        return 1;
      case Op.TABLE_INIT:
      case Op.TABLE_COPY:
        return 3;
      default:
        return 2;
    }
  }

  /** Executes the bulk instruction at {@code pc}; false if it is not one. */
  static boolean execute(
      Machine m, int[] code, int pc, int sp, Instance inst, FunctionInstance fn, int fp) {
    long[] st = m.st;
    switch (code[pc]) {
      case Op.MEMORY_INIT: {
        byte[] seg = inst.dataSegs[code[pc + 1]];
        if (seg == null) {
          seg = EMPTY_BYTES;
        }
        long d = st[sp - 3] & U32;
        long s = st[sp - 2] & U32;
        long n = st[sp - 1] & U32;
        byte[] mem = inst.memory0.bytes;
        if (s + n > seg.length || d + n > mem.length) {
          throw m.trap(TrapException.MEMORY_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
        }
        System.arraycopy(seg, (int) s, mem, (int) d, (int) n);
        return true;
      }
      case Op.DATA_DROP:
        inst.dataSegs[code[pc + 1]] = null;
        return true;
      case Op.MEMORY_COPY: {
        long d = st[sp - 3] & U32;
        long s = st[sp - 2] & U32;
        long n = st[sp - 1] & U32;
        byte[] mem = inst.memory0.bytes;
        if (s + n > mem.length || d + n > mem.length) {
          throw m.trap(TrapException.MEMORY_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
        }
        System.arraycopy(mem, (int) s, mem, (int) d, (int) n);
        return true;
      }
      case Op.MEMORY_FILL: {
        long d = st[sp - 3] & U32;
        byte v = (byte) st[sp - 2];
        long n = st[sp - 1] & U32;
        byte[] mem = inst.memory0.bytes;
        if (d + n > mem.length) {
          throw m.trap(TrapException.MEMORY_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
        }
        Arrays.fill(mem, (int) d, (int) (d + n), v);
        return true;
      }
      case Op.TABLE_INIT: {
        long[] seg = inst.elemSegs[code[pc + 1]];
        if (seg == null) {
          seg = EMPTY_REFS;
        }
        long[] table = inst.tables[code[pc + 2]].elems;
        long d = st[sp - 3] & U32;
        long s = st[sp - 2] & U32;
        long n = st[sp - 1] & U32;
        if (s + n > seg.length || d + n > table.length) {
          throw m.trap(TrapException.TABLE_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
        }
        System.arraycopy(seg, (int) s, table, (int) d, (int) n);
        return true;
      }
      case Op.ELEM_DROP:
        inst.elemSegs[code[pc + 1]] = null;
        return true;
      case Op.TABLE_COPY: {
        long[] dst = inst.tables[code[pc + 1]].elems;
        long[] src = inst.tables[code[pc + 2]].elems;
        long d = st[sp - 3] & U32;
        long s = st[sp - 2] & U32;
        long n = st[sp - 1] & U32;
        if (s + n > src.length || d + n > dst.length) {
          throw m.trap(TrapException.TABLE_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
        }
        System.arraycopy(src, (int) s, dst, (int) d, (int) n);
        return true;
      }
      case Op.TABLE_GROW: {
        TableInstance t = inst.tables[code[pc + 1]];
        long init = st[sp - 2];
        long n = st[sp - 1] & U32;
        st[sp - 2] = t.grow(n, init);
        return true;
      }
      case Op.TABLE_SIZE:
        st[sp] = inst.tables[code[pc + 1]].elems.length;
        return true;
      case Op.TABLE_FILL: {
        long[] table = inst.tables[code[pc + 1]].elems;
        long i = st[sp - 3] & U32;
        long v = st[sp - 2];
        long n = st[sp - 1] & U32;
        if (i + n > table.length) {
          throw m.trap(TrapException.TABLE_OUT_OF_BOUNDS, null, fn, fp, pc, sp);
        }
        Arrays.fill(table, (int) i, (int) (i + n), v);
        return true;
      }
      default:
        return false;
    }
  }
}
