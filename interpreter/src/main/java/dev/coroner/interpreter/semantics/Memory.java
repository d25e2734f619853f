package dev.coroner.interpreter.semantics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The meaning of linear-memory access on a memory's bytes: effective addresses, little-endian loads
 * and stores by width (every load and store instruction is one of them, then extended or wrapped to
 * its type: the table's {@code I64_LOAD16_U} is {@link #load16U}, its {@code F32_STORE} {@link
 * #store32}), and the bulk operations. An access that does not fit traps ("out of bounds memory access") before
 * anything changes.
 */
public final class Memory {
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long U32 = 0xFFFFFFFFL;

  private Memory() {}

  /** The effective address of a 32-bit memory access: address plus the memarg's offset, unsigned. */
  public static long effectiveAddress(int address, int offset) {
    return (address & U32) + (offset & U32);
  }

  public static int load8S(byte[] mem, long ea) {
    if (ea + 1 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    return mem[(int) ea];
  }

  public static int load8U(byte[] mem, long ea) {
    if (ea + 1 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    return mem[(int) ea] & 0xFF;
  }

  public static int load16S(byte[] mem, long ea) {
    if (ea + 2 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    return (short) SHORT.get(mem, (int) ea);
  }

  public static int load16U(byte[] mem, long ea) {
    if (ea + 2 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    return (short) SHORT.get(mem, (int) ea) & 0xFFFF;
  }

  public static int load32(byte[] mem, long ea) {
    if (ea + 4 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    return (int) INT.get(mem, (int) ea);
  }

  public static long load64(byte[] mem, long ea) {
    if (ea + 8 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    return (long) LONG.get(mem, (int) ea);
  }

  public static void store8(byte[] mem, long ea, int v) {
    if (ea + 1 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    mem[(int) ea] = (byte) v;
  }

  public static void store16(byte[] mem, long ea, int v) {
    if (ea + 2 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    SHORT.set(mem, (int) ea, (short) v);
  }

  public static void store32(byte[] mem, long ea, int v) {
    if (ea + 4 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    INT.set(mem, (int) ea, v);
  }

  public static void store64(byte[] mem, long ea, long v) {
    if (ea + 8 > mem.length) {
      throw Trap.memoryAccess(ea);
    }
    LONG.set(mem, (int) ea, v);
  }

  /**
   * Copies {@code n} bytes of a data segment from {@code s} to memory at {@code d} (all unsigned);
   * a dropped segment is empty.
   */
  public static void init(byte[] mem, byte[] segment, long d, long s, long n) {
    if (s + n > segment.length || d + n > mem.length) {
      throw Trap.MEMORY_OUT_OF_BOUNDS;
    }
    System.arraycopy(segment, (int) s, mem, (int) d, (int) n);
  }

  /** Copies {@code n} bytes from {@code s} to {@code d} (the ranges may overlap). */
  public static void copy(byte[] mem, long d, long s, long n) {
    if (s + n > mem.length || d + n > mem.length) {
      throw Trap.MEMORY_OUT_OF_BOUNDS;
    }
    System.arraycopy(mem, (int) s, mem, (int) d, (int) n);
  }

  /** Sets {@code n} bytes from {@code d} to {@code value}'s low byte. */
  public static void fill(byte[] mem, long d, int value, long n) {
    if (d + n > mem.length) {
      throw Trap.MEMORY_OUT_OF_BOUNDS;
    }
    Arrays.fill(mem, (int) d, (int) (d + n), (byte) value);
  }
}
