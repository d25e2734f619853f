package dev.coroner.interpreter;

import dev.coroner.coredump.MemoryContents;
import dev.coroner.interpreter.model.Limits;
import dev.coroner.interpreter.semantics.Trap;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * A linear memory. A 32-bit memory keeps its bytes in one array of exactly {@code pages * 65536}
 * bytes, replaced on growth: the interpreter's hot path reads that array directly. A 64-bit memory
 * (WebAssembly 3.0) may be far larger than the JVM could allocate, so it is <b>sparse</b>: its
 * size is a number, and a 64 KiB page gets an array only when it is first written; unwritten pages
 * read as zeros and are never materialised, neither here nor in a coredump ({@link #contents()}
 * skips them).
 */
public final class MemoryInstance implements Extern {
  public static final int PAGE_SIZE = 65536;
  /** The largest 32-bit memory a Java byte array can hold, in pages. */
  public static final int IMPLEMENTATION_MAX_PAGES = 32767;
  /**
   * The largest size of a 64-bit memory, in pages (2^32 pages, 256 TiB; the specification allows
   * 2^48). It costs nothing until written.
   */
  public static final long IMPLEMENTATION_MAX_PAGES_64 = 1L << 32;

  private static final byte[] NONE = new byte[0];
  private static final int PAGE_BITS = 16;

  /** The bytes of a 32-bit memory; empty for a 64-bit one. */
  byte[] bytes;
  final long declaredMax;
  final int limitPages;
  final boolean is64;
  /** Size in pages of a 64-bit memory. */
  private long pages64;
  /** The written pages of a 64-bit memory, by page number; null for a 32-bit memory. */
  private final TreeMap<Long, byte[]> written;

  MemoryInstance(Limits limits, int limitPages) {
    this.declaredMax = limits.max();
    this.limitPages = limitPages;
    this.is64 = limits.is64();
    if (is64) {
      if (Long.compareUnsigned(limits.min(), IMPLEMENTATION_MAX_PAGES_64) > 0) {
        throw new TrapException("out of memory", "64-bit memory of "
            + Long.toUnsignedString(limits.min()) + " pages exceeds the implementation limit of "
            + IMPLEMENTATION_MAX_PAGES_64 + " pages");
      }
      this.bytes = NONE;
      this.pages64 = limits.min();
      this.written = new TreeMap<>();
      return;
    }
    if (limits.min() > limitPages) {
      throw new TrapException("out of memory", "memory of " + limits.min()
          + " pages exceeds the configured limit of " + limitPages + " pages");
    }
    this.bytes = new byte[(int) limits.min() * PAGE_SIZE];
    this.written = null;
  }

  /** Current size in pages (at most {@link Integer#MAX_VALUE}; see {@link #pageCount()}). */
  public int pages() {
    return (int) Math.min(pageCount(), Integer.MAX_VALUE);
  }

  /** Current size in pages. */
  public long pageCount() {
    return is64 ? pages64 : bytes.length / PAGE_SIZE;
  }

  /** Current size in bytes. */
  public long byteSize() {
    return is64 ? pages64 << PAGE_BITS : bytes.length;
  }

  /** Whether this is a 64-bit memory. */
  public boolean is64() {
    return is64;
  }

  /** Current limits: minimum = current size, maximum = declared maximum. */
  public Limits limits() {
    return new Limits(pageCount(), declaredMax, is64);
  }

  /**
   * Grows by {@code delta} pages (unsigned for a 64-bit memory); returns the old size in pages, or
   * -1 if it cannot grow.
   */
  public long grow(long delta) {
    if (is64) {
      long max = declaredMax >= 0 ? Math.min(declaredMax, IMPLEMENTATION_MAX_PAGES_64)
          : IMPLEMENTATION_MAX_PAGES_64;
      if (Long.compareUnsigned(delta, max - pages64) > 0) {
        return -1;
      }
      long old = pages64;
      pages64 += delta;
      return old;
    }
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
    return is64 ? (byte) loadBits(address & 0xFFFFFFFFL, 1) : bytes[address];
  }

  /** Copies bytes out of memory. */
  public void read(int address, byte[] dst, int dstOffset, int length) {
    readAt(address & 0xFFFFFFFFL, dst, dstOffset, length);
  }

  /** Copies bytes into memory. */
  public void write(int address, byte[] src, int srcOffset, int length) {
    writeAt(address & 0xFFFFFFFFL, src, srcOffset, length);
  }

  /** A live, uncopied view of the current contents (invalid after growth). */
  public MemoryContents contents() {
    return is64 ? new SparseContents() : MemoryContents.of(bytes);
  }

  /** How many 64 KiB pages of a 64-bit memory hold written data (0 for a 32-bit memory). */
  public long writtenPages() {
    return is64 ? written.size() : 0;
  }

  // ---- access by 64-bit address; the caller has checked the bounds ----

  /** Copies {@code length} bytes at {@code address} into {@code dst}. */
  void readAt(long address, byte[] dst, int dstOffset, int length) {
    if (!is64) {
      System.arraycopy(bytes, (int) address, dst, dstOffset, length);
      return;
    }
    while (length > 0) {
      int in = (int) (address & (PAGE_SIZE - 1));
      int n = Math.min(length, PAGE_SIZE - in);
      byte[] page = written.get(address >>> PAGE_BITS);
      if (page == null) {
        Arrays.fill(dst, dstOffset, dstOffset + n, (byte) 0);
      } else {
        System.arraycopy(page, in, dst, dstOffset, n);
      }
      address += n;
      dstOffset += n;
      length -= n;
    }
  }

  /** Copies {@code length} bytes of {@code src} to {@code address}. */
  void writeAt(long address, byte[] src, int srcOffset, int length) {
    if (!is64) {
      System.arraycopy(src, srcOffset, bytes, (int) address, length);
      return;
    }
    while (length > 0) {
      int in = (int) (address & (PAGE_SIZE - 1));
      int n = Math.min(length, PAGE_SIZE - in);
      System.arraycopy(src, srcOffset, page(address), in, n);
      address += n;
      srcOffset += n;
      length -= n;
    }
  }

  /** Sets {@code n} bytes from {@code address} to {@code value}. */
  void fillAt(long address, byte value, long n) {
    if (!is64) {
      Arrays.fill(bytes, (int) address, (int) (address + n), value);
      return;
    }
    while (n > 0) {
      int in = (int) (address & (PAGE_SIZE - 1));
      int k = (int) Math.min(n, PAGE_SIZE - in);
      byte[] page = value == 0 ? written.get(address >>> PAGE_BITS) : page(address);
      if (page != null) {
        Arrays.fill(page, in, in + k, value);
      }
      address += k;
      n -= k;
    }
  }

  /** The little-endian value of {@code width} bytes at {@code address}. */
  long loadBits(long address, int width) {
    long v = 0;
    if (!is64) {
      for (int i = width - 1; i >= 0; i--) {
        v = (v << 8) | (bytes[(int) address + i] & 0xFF);
      }
      return v;
    }
    byte[] b = new byte[width];
    readAt(address, b, 0, width);
    for (int i = width - 1; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }

  /** Stores the low {@code width} bytes of {@code v} little-endian at {@code address}. */
  void storeBits(long address, int width, long v) {
    byte[] b = new byte[width];
    for (int i = 0; i < width; i++) {
      b[i] = (byte) (v >>> (8 * i));
    }
    writeAt(address, b, 0, width);
  }

  /**
   * Copies {@code n} bytes from {@code src} at {@code s} to {@code dst} at {@code d}; the ranges
   * may overlap when the memories are the same.
   */
  static void copy(MemoryInstance dst, long d, MemoryInstance src, long s, long n) {
    if (!dst.is64 && !src.is64) {
      System.arraycopy(src.bytes, (int) s, dst.bytes, (int) d, (int) n);
      return;
    }
    byte[] buffer = new byte[(int) Math.min(n, PAGE_SIZE)];
    boolean backwards = dst == src && d > s;
    long done = 0;
    while (done < n) {
      int k = (int) Math.min(buffer.length, n - done);
      long at = backwards ? n - done - k : done;
      src.readAt(s + at, buffer, 0, k);
      dst.writeAt(d + at, buffer, 0, k);
      done += k;
    }
  }

  /** The page of a 64-bit memory holding {@code address}, allocated on first use. */
  private byte[] page(long address) {
    Long number = address >>> PAGE_BITS;
    byte[] page = written.get(number);
    if (page == null) {
      if (written.size() >= limitPages) {
        throw Trap.of("out of memory", "a 64-bit memory may hold data in at most " + limitPages
            + " pages (StoreConfig.maxMemoryPages)");
      }
      page = new byte[PAGE_SIZE];
      written.put(number, page);
    }
    return page;
  }

  /** The contents of a 64-bit memory: unwritten pages are skipped, never materialised. */
  private final class SparseContents extends MemoryContents {
    private final long size = byteSize();

    @Override
    public long size() {
      return size;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      if (offset < 0 || length < 0 || offset > size - length || dstOffset < 0
          || dstOffset > dst.length - length) {
        throw new IndexOutOfBoundsException(
            "range [" + offset + ", " + offset + " + " + length + ") outside memory of " + size);
      }
      readAt(offset, dst, dstOffset, length);
    }

    @Override
    public long skipZeros(long from) {
      super.skipZeros(from);
      long pageNumber = from >>> PAGE_BITS;
      if (written.containsKey(pageNumber)) {
        return from;
      }
      Long next = written.ceilingKey(pageNumber);
      return next == null ? size : Math.min(size, next << PAGE_BITS);
    }
  }
}
