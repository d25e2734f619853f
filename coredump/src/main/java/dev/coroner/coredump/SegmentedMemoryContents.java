package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sparse memory contents: a size and a set of non-overlapping byte runs; every byte outside the
 * runs is zero. This is what the decoder produces, so a dump that declares a huge memory but holds
 * little data costs little: nothing of the declared size is allocated.
 *
 * <p>Runs are built from data segments applied in file order; where segments overlap, the later
 * one wins, as when a module is instantiated.
 */
public final class SegmentedMemoryContents extends MemoryContents {

  /** One stored run: {@code bytes} starting at memory offset {@code offset}. */
  public record Run(long offset, byte[] bytes) {
    /** The offset one past the run's last byte. */
    public long end() {
      return offset + bytes.length;
    }
  }

  private final long size;
  private final TreeMap<Long, byte[]> runs;

  private SegmentedMemoryContents(long size, TreeMap<Long, byte[]> runs) {
    this.size = size;
    this.runs = runs;
  }

  /** Contents of {@code size} bytes made of {@code segments} applied in order (later wins). */
  public static SegmentedMemoryContents of(long size, List<Run> segments) {
    Builder b = new Builder(size);
    for (Run r : segments) {
      b.put(r.offset(), r.bytes().clone());
    }
    return b.build();
  }

  /** The stored runs in offset order (copies of their bytes; they never overlap). */
  public List<Run> runs() {
    List<Run> out = new ArrayList<>(runs.size());
    for (Map.Entry<Long, byte[]> e : runs.entrySet()) {
      out.add(new Run(e.getKey(), e.getValue().clone()));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    checkRange(size, offset, dst, dstOffset, length);
    java.util.Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
    long end = offset + length;
    Map.Entry<Long, byte[]> first = runs.floorEntry(offset);
    Long from = first != null ? first.getKey() : offset;
    for (Map.Entry<Long, byte[]> e : runs.subMap(from, true, end, false).entrySet()) {
      long runStart = e.getKey();
      byte[] bytes = e.getValue();
      long lo = Math.max(runStart, offset);
      long hi = Math.min(runStart + bytes.length, end);
      if (lo < hi) {
        System.arraycopy(
            bytes, (int) (lo - runStart), dst, dstOffset + (int) (lo - offset), (int) (hi - lo));
      }
    }
  }

  @Override
  public long skipZeros(long from) {
    super.skipZeros(from);
    Map.Entry<Long, byte[]> e = runs.floorEntry(from);
    if (e != null && e.getKey() + e.getValue().length > from) {
      return from;
    }
    Long next = runs.ceilingKey(from);
    return next == null ? size : next;
  }

  /** Accumulates segments; package-private, used by the decoder. */
  static final class Builder {
    private final long size;
    private final TreeMap<Long, byte[]> runs = new TreeMap<>();

    Builder(long size) {
      this.size = size;
    }

    /** Overlays {@code bytes} at {@code offset}; the caller guarantees it fits in the size. */
    void put(long offset, byte[] bytes) {
      Checks.checkArgument(
          offset >= 0 && offset <= size - bytes.length, "segment outside memory of %s", size);
      if (bytes.length == 0) {
        return;
      }
      long end = offset + bytes.length;
      Map.Entry<Long, byte[]> before = runs.lowerEntry(offset);
      if (before != null) {
        long bStart = before.getKey();
        byte[] b = before.getValue();
        long bEnd = bStart + b.length;
        if (bEnd > offset) {
          runs.put(bStart, java.util.Arrays.copyOfRange(b, 0, (int) (offset - bStart)));
          if (bEnd > end) {
            runs.put(end, java.util.Arrays.copyOfRange(b, (int) (end - bStart), b.length));
          }
        }
      }
      List<Long> covered = new ArrayList<>(runs.subMap(offset, true, end, false).keySet());
      for (Long k : covered) {
        byte[] b = runs.remove(k);
        long bEnd = k + b.length;
        if (bEnd > end) {
          runs.put(end, java.util.Arrays.copyOfRange(b, (int) (end - k), b.length));
        }
      }
      runs.put(offset, bytes);
    }

    SegmentedMemoryContents build() {
      return new SegmentedMemoryContents(size, new TreeMap<>(runs));
    }
  }
}
