package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The memory section (id 5): {@code vec(limits)}; limits flags bit 0 = has maximum, bit 1 =
 * shared, bit 2 = memory64; then min (and max) as u32, or u64 for memory64.
 */
final class MemorySection {

  /** A memory's type as the memory section states it; contents come from the data section. */
  record MemoryType(long minPages, OptionalLong maxPages, boolean memory64, boolean shared) {
    long byteSize() {
      return minPages * Memory.PAGE_SIZE;
    }
  }

  private MemorySection() {}

  static void encodeTo(ByteSink out, List<Memory> memories) {
    ByteSink.Growable payload = ByteSink.growable();
    Leb128.writeU32(payload, memories.size());
    for (Memory m : memories) {
      int flags =
          (m.maxPages().isPresent() ? 1 : 0) | (m.shared() ? 2 : 0) | (m.memory64() ? 4 : 0);
      payload.writeByte(flags);
      writeLimit(payload, m.minPages(), m.memory64());
      if (m.maxPages().isPresent()) {
        writeLimit(payload, m.maxPages().getAsLong(), m.memory64());
      }
    }
    Sections.writeSection(out, Sections.MEMORY_ID, payload);
  }

  private static void writeLimit(ByteSink out, long pages, boolean memory64) {
    if (memory64) {
      Leb128.writeU64(out, pages);
    } else {
      Checks.checkArgument(
          pages >= 0 && pages <= 0xFFFF_FFFFL, "32-bit memory limit %s is not a u32", pages);
      Leb128.writeU32(out, (int) pages);
    }
  }

  static List<MemoryType> decode(ByteReader r) throws CoreDumpFormatException {
    int count = r.readCount("memory", Limits.MAX_MEMORIES, 2);
    List<MemoryType> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = r.position();
      int flags = r.readByte("memory limits flags");
      if ((flags & ~0x07) != 0) {
        throw CoreDumpFormatException.unknownByte(at, "memory limits flags", flags);
      }
      boolean hasMax = (flags & 1) != 0;
      boolean shared = (flags & 2) != 0;
      boolean memory64 = (flags & 4) != 0;
      long min = readLimit(r, memory64, "memory minimum", Limits.MAX_PAGES_64);
      OptionalLong max = OptionalLong.empty();
      if (hasMax) {
        int maxAt = r.position();
        long m = readLimit(r, memory64, "memory maximum", 1L << 48);
        if (Long.compareUnsigned(min, m) > 0) {
          throw CoreDumpFormatException.malformed(
              maxAt,
              "memory minimum " + min + " pages exceeds its maximum " + Long.toUnsignedString(m));
        }
        max = OptionalLong.of(m);
      }
      out.add(new MemoryType(min, max, memory64, shared));
    }
    r.expectEnd("memory");
    return out;
  }

  private static long readLimit(ByteReader r, boolean memory64, String what, long cap64)
      throws CoreDumpFormatException {
    int at = r.position();
    if (!memory64) {
      long v = Integer.toUnsignedLong(r.readU32(what));
      if (v > Limits.MAX_PAGES_32) {
        throw CoreDumpFormatException.tooLarge(
            at, what, v, "a 32-bit memory has at most 65536 pages");
      }
      return v;
    }
    long v = r.readU64(what);
    if (Long.compareUnsigned(v, cap64) > 0) {
      throw CoreDumpFormatException.tooLarge(at, what, v, "at most " + cap64 + " pages");
    }
    return v;
  }
}
