package dev.coroner.interpreter;

import dev.coroner.interpreter.model.Limits;
import java.util.Arrays;

/** A table of references (funcref ids or externref values; {@link Store#NULL_REF} for null). */
public final class TableInstance implements Extern {
  /** The largest table this interpreter allocates. */
  public static final int IMPLEMENTATION_MAX = 10_000_000;

  final int elemType;
  long[] elems;
  final long declaredMax;
  /** Whether the table is 64-bit (WebAssembly 3.0: {@code i64} indices). */
  final boolean is64;

  TableInstance(int elemType, Limits limits, long init) {
    this.is64 = limits.is64();
    if (Long.compareUnsigned(limits.min(), IMPLEMENTATION_MAX) > 0) {
      throw new TrapException("out of memory", "table of " + limits.min() + " elements");
    }
    this.elemType = elemType;
    this.elems = new long[(int) limits.min()];
    Arrays.fill(elems, init);
    this.declaredMax = limits.max();
  }

  public int elemType() {
    return elemType;
  }

  public int size() {
    return elems.length;
  }

  public Limits limits() {
    return new Limits(elems.length, declaredMax, is64);
  }

  public long get(int index) {
    return elems[index];
  }

  public void set(int index, long ref) {
    elems[index] = ref;
  }

  /** Grows by {@code delta} elements set to {@code init}; returns the old size or -1. */
  public int grow(long delta, long init) {
    int old = elems.length;
    long target = old + delta;
    long max = declaredMax >= 0 ? Math.min(declaredMax, IMPLEMENTATION_MAX) : IMPLEMENTATION_MAX;
    if (delta < 0 || delta > IMPLEMENTATION_MAX || target > max) {
      return -1;
    }
    long[] n = Arrays.copyOf(elems, (int) target);
    Arrays.fill(n, old, (int) target, init);
    elems = n;
    return old;
  }
}
