package dev.coroner.coredump;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only view of a linear memory's bytes. Implementations do not copy: an interpreter hands
 * its own memory over (subclass this for a representation of your own, for instance one larger than
 * 2 GiB), and the encoder reads it in chunks.
 *
 * <p>A view of live memory changes when the memory does: encode a dump before the program that owns
 * the memory runs again, or take a {@link #snapshot()}.
 *
 * <p>Two contents are equal when they have the same size and the same bytes.
 */
public abstract class MemoryContents {

  /** Size of the blocks in which {@link #equals} and {@link #hashCode} compare contents. */
  private static final int COMPARE_BLOCK = 1 << 16;

  protected MemoryContents() {}

  /** The number of bytes. */
  public abstract long size();

  /**
   * Copies {@code length} bytes starting at {@code offset} into {@code dst} at {@code dstOffset}.
   *
   * @throws IndexOutOfBoundsException if the range is not inside this memory or {@code dst}
   */
  public abstract void read(long offset, byte[] dst, int dstOffset, int length);

  /** The byte at {@code offset}. */
  public byte get(long offset) {
    byte[] one = new byte[1];
    read(offset, one, 0, 1);
    return one[0];
  }

  /** A copy of {@code length} bytes starting at {@code offset}. */
  public byte[] bytes(long offset, int length) {
    byte[] out = new byte[length];
    read(offset, out, 0, length);
    return out;
  }

  /**
   * A hint for scanners such as the encoder: an offset {@code p} with {@code from <= p <= size()}
   * such that every byte in {@code [from, p)} is zero. The default returns {@code from} (no
   * knowledge); sparse representations override it so that long zero runs are skipped without
   * being read.
   *
   * @throws IndexOutOfBoundsException if {@code from} is not in {@code [0, size()]}
   */
  public long skipZeros(long from) {
    if (from < 0 || from > size()) {
      throw new IndexOutOfBoundsException("offset " + from + " outside memory of " + size());
    }
    return from;
  }

  /** An independent copy of these bytes, which later changes to the source do not affect. */
  public MemoryContents snapshot() {
    if (size() > Integer.MAX_VALUE - 8) {
      throw new UnsupportedOperationException(
          "snapshot of a memory larger than 2 GiB; subclass MemoryContents instead");
    }
    return of(bytes(0, (int) size()));
  }

  /** A view of {@code bytes}, not a copy. */
  public static MemoryContents of(byte[] bytes) {
    return new ArrayContents(Objects.requireNonNull(bytes, "bytes"));
  }

  /**
   * A view of {@code buffer}'s bytes from index 0 to its limit (position ignored), not a copy.
   */
  public static MemoryContents of(ByteBuffer buffer) {
    return new BufferContents(buffer.duplicate());
  }

  /** {@code size} zero bytes, without allocating them. */
  public static MemoryContents zeros(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    return new ZeroContents(size);
  }

  static void checkRange(long size, long offset, byte[] dst, int dstOffset, int length) {
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", " + offset + " + " + length + ") outside memory of " + size);
    }
  }

  @Override
  public final boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MemoryContents)) {
      return false;
    }
    MemoryContents other = (MemoryContents) o;
    long size = size();
    if (size != other.size()) {
      return false;
    }
    byte[] a = new byte[(int) Math.min(COMPARE_BLOCK, size)];
    byte[] b = new byte[a.length];
    for (long pos = 0; pos < size; ) {
      long skip = Math.min(skipZeros(pos), other.skipZeros(pos));
      if (skip > pos) {
        pos = skip; // both are all zeros up to there
        continue;
      }
      int n = (int) Math.min(a.length, size - pos);
      read(pos, a, 0, n);
      other.read(pos, b, 0, n);
      pos += n;
      if (!Arrays.equals(a, 0, n, b, 0, n)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public final int hashCode() {
    long size = size();
    int h = Long.hashCode(size);
    byte[] a = new byte[(int) Math.min(COMPARE_BLOCK, size)];
    for (long pos = skipZeros(0); pos < size; pos = skipZeros(pos)) {
      int n = (int) Math.min(a.length, size - pos);
      read(pos, a, 0, n);
      for (int i = 0; i < n; i++) {
        if (a[i] != 0) {
          h = 31 * h + (int) ((pos + i) ^ a[i]);
        }
      }
      pos += n;
    }
    return h;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + size() + " bytes]";
  }

  private static final class ArrayContents extends MemoryContents {
    private final byte[] bytes;

    ArrayContents(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      checkRange(bytes.length, offset, dst, dstOffset, length);
      System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
    }

    @Override
    public byte get(long offset) {
      return bytes[Math.toIntExact(offset)];
    }
  }

  private static final class BufferContents extends MemoryContents {
    private final ByteBuffer buffer;

    BufferContents(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public long size() {
      return buffer.limit();
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      checkRange(buffer.limit(), offset, dst, dstOffset, length);
      buffer.get((int) offset, dst, dstOffset, length);
    }
  }

  private static final class ZeroContents extends MemoryContents {
    private final long size;

    ZeroContents(long size) {
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOffset, int length) {
      checkRange(size, offset, dst, dstOffset, length);
      Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
    }

    @Override
    public long skipZeros(long from) {
      super.skipZeros(from);
      return size;
    }
  }
}
