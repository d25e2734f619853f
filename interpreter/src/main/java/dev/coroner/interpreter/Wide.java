package dev.coroner.interpreter;

import dev.coroner.interpreter.semantics.Table;
import dev.coroner.interpreter.semantics.Trap;

/**
 * The wide forms ({@link Op#WIDE}) of memory and table instructions: loads, stores, size, growth and
 * bulk operations on a memory other than memory 0 or on a 64-bit memory, and table instructions on
 * a 64-bit table (WebAssembly 3.0). They run outside the interpreter loop, which keeps its 32-bit
 * memory-0 forms unchanged. Every instruction checks its bounds before it changes anything, so a
 * trap leaves memory and the operand stack as they were.
 *
 * <p>Addresses of 64-bit memories and tables are unsigned 64-bit values; a value that cannot be in
 * bounds is clamped to {@link #FAR} before any sum, so that sums never overflow.
 */
final class Wide {
  private static final long U32 = 0xFFFFFFFFL;
  /** Beyond every memory ({@link MemoryInstance#IMPLEMENTATION_MAX_PAGES_64}) and table. */
  private static final long FAR = 1L << 50;

  private Wide() {}

  /** Executes the wide instruction at {@code pc}; returns the new stack pointer. */
  static int exec(int[] code, int pc, long[] st, int sp, Instance inst) {
    int op = code[pc + 1];
    int x = code[pc + 2];
    int y = code[pc + 3];
    int z = code[pc + 4];
    switch (op) {
      case Op.I32_LOAD: case Op.I64_LOAD32_S:
        st[sp - 1] = (int) load(inst.memories[x], st[sp - 1], y, z, 4);
        return sp;
      case Op.F32_LOAD: case Op.I64_LOAD32_U:
        st[sp - 1] = load(inst.memories[x], st[sp - 1], y, z, 4);
        return sp;
      case Op.I64_LOAD: case Op.F64_LOAD:
        st[sp - 1] = load(inst.memories[x], st[sp - 1], y, z, 8);
        return sp;
      case Op.I32_LOAD8_S: case Op.I64_LOAD8_S:
        st[sp - 1] = (byte) load(inst.memories[x], st[sp - 1], y, z, 1);
        return sp;
      case Op.I32_LOAD8_U: case Op.I64_LOAD8_U:
        st[sp - 1] = load(inst.memories[x], st[sp - 1], y, z, 1);
        return sp;
      case Op.I32_LOAD16_S: case Op.I64_LOAD16_S:
        st[sp - 1] = (short) load(inst.memories[x], st[sp - 1], y, z, 2);
        return sp;
      case Op.I32_LOAD16_U: case Op.I64_LOAD16_U:
        st[sp - 1] = load(inst.memories[x], st[sp - 1], y, z, 2);
        return sp;
      case Op.I32_STORE8: case Op.I64_STORE8:
        store(inst.memories[x], st[sp - 2], y, z, 1, st[sp - 1]);
        return sp - 2;
      case Op.I32_STORE16: case Op.I64_STORE16:
        store(inst.memories[x], st[sp - 2], y, z, 2, st[sp - 1]);
        return sp - 2;
      case Op.I32_STORE: case Op.F32_STORE: case Op.I64_STORE32:
        store(inst.memories[x], st[sp - 2], y, z, 4, st[sp - 1]);
        return sp - 2;
      case Op.I64_STORE: case Op.F64_STORE:
        store(inst.memories[x], st[sp - 2], y, z, 8, st[sp - 1]);
        return sp - 2;
      case Op.MEMORY_SIZE:
        st[sp] = inst.memories[x].pageCount();
        return sp + 1;
      case Op.MEMORY_GROW: {
        MemoryInstance m = inst.memories[x];
        long old = m.grow(m.is64 ? st[sp - 1] : st[sp - 1] & U32);
        st[sp - 1] = m.is64 ? old : (int) old;
        return sp;
      }
      case Op.MEMORY_FILL: {
        MemoryInstance m = inst.memories[x];
        long d = address(m, st[sp - 3]);
        long n = address(m, st[sp - 1]);
        checkRange(m, d, n);
        m.fillAt(d, (byte) st[sp - 2], n);
        return sp - 3;
      }
      case Op.MEMORY_COPY: {
        MemoryInstance dst = inst.memories[x];
        MemoryInstance src = inst.memories[y];
        long d = address(dst, st[sp - 3]);
        long s = address(src, st[sp - 2]);
        long n = dst.is64 && src.is64 ? clamp(st[sp - 1]) : st[sp - 1] & U32;
        checkRange(src, s, n);
        checkRange(dst, d, n);
        MemoryInstance.copy(dst, d, src, s, n);
        return sp - 3;
      }
      case Op.MEMORY_INIT: {
        byte[] seg = inst.dataSegs[x];
        MemoryInstance m = inst.memories[y];
        long d = address(m, st[sp - 3]);
        long s = st[sp - 2] & U32;
        long n = st[sp - 1] & U32;
        int length = seg == null ? 0 : seg.length;
        if (s + n > length) {
          throw Trap.memoryOutOfBounds();
        }
        checkRange(m, d, n);
        if (n > 0) {
          m.writeAt(d, seg, (int) s, (int) n);
        }
        return sp - 3;
      }
      case Op.TABLE_GET:
        st[sp - 1] = Table.get(inst.tables[x].elems, index(st[sp - 1]));
        return sp;
      case Op.TABLE_SET:
        Table.set(inst.tables[x].elems, index(st[sp - 2]), st[sp - 1]);
        return sp - 2;
      case Op.TABLE_SIZE:
        st[sp] = inst.tables[x].elems.length;
        return sp + 1;
      case Op.TABLE_GROW: {
        TableInstance t = inst.tables[x];
        long delta = st[sp - 1];
        st[sp - 2] = delta < 0 || delta > TableInstance.IMPLEMENTATION_MAX ? -1
            : t.grow(delta, st[sp - 2]);
        return sp - 1;
      }
      case Op.TABLE_FILL:
        Table.fill(inst.tables[x].elems, clamp(st[sp - 3]), st[sp - 2], clamp(st[sp - 1]));
        return sp - 3;
      case Op.TABLE_COPY: {
        TableInstance dst = inst.tables[x];
        TableInstance src = inst.tables[y];
        long d = dst.is64 ? clamp(st[sp - 3]) : st[sp - 3] & U32;
        long s = src.is64 ? clamp(st[sp - 2]) : st[sp - 2] & U32;
        long n = dst.is64 && src.is64 ? clamp(st[sp - 1]) : st[sp - 1] & U32;
        Table.copy(dst.elems, src.elems, d, s, n);
        return sp - 3;
      }
      case Op.TABLE_INIT: {
        long[] seg = inst.elemSegs[x];
        Table.init(inst.tables[y].elems, seg == null ? new long[0] : seg, clamp(st[sp - 3]),
            st[sp - 2] & U32, st[sp - 1] & U32);
        return sp - 3;
      }
      default:
        throw new IllegalStateException("bad wide instruction " + op + " at " + pc);
    }
  }

  /** An address operand of memory {@code m}: unsigned 32 or 64 bits, clamped. */
  private static long address(MemoryInstance m, long operand) {
    return m.is64 ? clamp(operand) : operand & U32;
  }

  private static long clamp(long v) {
    return v < 0 || v > FAR ? FAR : v;
  }

  /** A 64-bit table index as an int that is out of bounds when the index is. */
  private static int index(long v) {
    return v < 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  private static void checkRange(MemoryInstance m, long at, long n) {
    if (at + n > m.byteSize()) {
      throw Trap.memoryOutOfBounds();
    }
  }

  /** The effective address of an access of {@code width} bytes, checked. */
  private static long effective(MemoryInstance m, long operand, int lo, int hi, int width) {
    long offset = (lo & U32) | ((long) hi << 32);
    long base = address(m, operand);
    long ea = base + clamp(offset);
    if (ea + width > m.byteSize()) {
      throw Trap.memoryAccess(m.is64 ? operand + offset : base + offset);
    }
    return ea;
  }

  private static long load(MemoryInstance m, long operand, int lo, int hi, int width) {
    return m.loadBits(effective(m, operand, lo, hi, width), width);
  }

  private static void store(MemoryInstance m, long operand, int lo, int hi, int width, long v) {
    m.storeBits(effective(m, operand, lo, hi, width), width, v);
  }
}
