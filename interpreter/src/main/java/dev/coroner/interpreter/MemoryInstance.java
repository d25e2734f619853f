package dev.coroner.interpreter;

import dev.coroner.coredump.MemoryContents;
import dev.coroner.interpreter.model.Limits;
import java.util.Arrays;

/**
 * A linear memory. Its bytes live in one array of exactly {@code pages * 65536} bytes, replaced on
 * growth.
 */
public final class MemoryInstance implements Extern {
  public static final int PAGE_SIZE = 65536;
  /** The largest memory a Java byte array can hold, in pages. */
  public static final int IMPLEMENTATION_MAX_PAGES = 32767;

  byte[] bytes;
  final long declaredMax;
  final int limitPages;

  MemoryInstance(Limits limits, int limitPages) {
    if (limits.min() > limitPages) {
      throw new TrapException("out of memory", "memory of " + limits.min()
          + " pages exceeds the configured limit of " + limitPages + " pages");
    }
    this.bytes = new byte[(int) limits.min() * PAGE_SIZE];
    this.declaredMax = limits.max();
    this.limitPages = limitPages;
  }

  /** Current size in pages. */
  public int pages() {
    return bytes.length / PAGE_SIZE;
  }

  /** Current limits: minimum = current size, maximum = declared maximum. */
  public Limits limits() {
    return new Limits(pages(), declaredMax);
  }

  /** Grows by {@code delta} pages; returns the old size in pages, or -1 if it cannot grow. */
  public int grow(long delta) {
    int old = pages();
    long target = old + delta;
    long max = declaredMax >= 0 ? Math.min(declaredMax, limitPages) : limitPages;
    if (delta < 0 || target > max) {
      return -1;
    }
    if (delta > 0) {
      bytes = Arrays.copyOf(bytes, (int) target * PAGE_SIZE);
    }
    return old;
  }

  /** The byte at {@code address}. */
  public byte get(int address) {
    return bytes[address];
  }

  /** Copies bytes out of memory. */
  public void read(int address, byte[] dst, int dstOffset, int length) {
    System.arraycopy(bytes, address, dst, dstOffset, length);
  }

  /** Copies bytes into memory. */
  public void write(int address, byte[] src, int srcOffset, int length) {
    System.arraycopy(src, srcOffset, bytes, address, length);
  }

  /** A live, uncopied view of the current contents (invalid after growth). */
  public MemoryContents contents() {
    return MemoryContents.of(bytes);
  }
}
