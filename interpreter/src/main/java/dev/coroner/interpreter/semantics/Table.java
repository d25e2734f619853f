package dev.coroner.interpreter.semantics;

import java.util.Arrays;

/**
 * The meaning of table access on a table's elements (references as {@code long}s): get, set and
 * the bulk operations. An access that does not fit traps ("out of bounds table access") before
 * anything changes.
 */
public final class Table {
  private Table() {}

  public static long get(long[] table, int index) {
    if (Integer.compareUnsigned(index, table.length) >= 0) {
      throw Trap.TABLE_OUT_OF_BOUNDS;
    }
    return table[index];
  }

  public static void set(long[] table, int index, long ref) {
    if (Integer.compareUnsigned(index, table.length) >= 0) {
      throw Trap.TABLE_OUT_OF_BOUNDS;
    }
    table[index] = ref;
  }

  /**
   * Copies {@code n} references of an element segment from {@code s} to the table at {@code d}
   * (all unsigned); a dropped segment is empty.
   */
  public static void init(long[] table, long[] segment, long d, long s, long n) {
    if (s + n > segment.length || d + n > table.length) {
      throw Trap.TABLE_OUT_OF_BOUNDS;
    }
    System.arraycopy(segment, (int) s, table, (int) d, (int) n);
  }

  /** Copies {@code n} references from {@code src} at {@code s} to {@code dst} at {@code d}. */
  public static void copy(long[] dst, long[] src, long d, long s, long n) {
    if (s + n > src.length || d + n > dst.length) {
      throw Trap.TABLE_OUT_OF_BOUNDS;
    }
    System.arraycopy(src, (int) s, dst, (int) d, (int) n);
  }

  /** Sets {@code n} elements from {@code i} to {@code ref}. */
  public static void fill(long[] table, long i, long ref, long n) {
    if (i + n > table.length) {
      throw Trap.TABLE_OUT_OF_BOUNDS;
    }
    Arrays.fill(table, (int) i, (int) (i + n), ref);
  }
}
