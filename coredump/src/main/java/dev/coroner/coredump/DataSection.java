package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data section (id 11), written in the canonical layout and read in any layout.
 *
 * <p>Canonical layout (format doc, section B.6): each memory is cut into {@link
 * Limits#DATA_CHUNK_BYTES}-byte chunks (the last may be shorter); all-zero chunks are skipped; each
 * other chunk becomes one active segment holding the chunk with its leading and trailing zero bytes
 * trimmed. Header {@code 0x00} for memory 0, {@code 0x02 memidx} otherwise; offset {@code
 * i32.const} for 32-bit memories, {@code i64.const} for memory64; then {@code end}.
 *
 * <p>Encoding runs in two passes so the data never has to be buffered: {@link #plan} scans every
 * memory once and keeps only the bounds of the trimmed chunks (two longs per non-zero chunk), which
 * gives the section size; {@link #writeTo} then streams the bytes chunk by chunk.
 */
final class DataSection {

  private DataSection() {}

  /** The canonical segments of every memory, as {@code [start, end)} pairs, and their size. */
  static final class Plan {
    private final List<Memory> memories;
    private final long[][] bounds; // per memory: start0, end0, start1, end1, ...
    private final int[] pairCounts;
    private final long segments;
    private final long payloadSize;

    private Plan(List<Memory> memories, long[][] bounds, int[] pairCounts) {
      this.memories = memories;
      this.bounds = bounds;
      this.pairCounts = pairCounts;
      long segs = 0;
      long size = 0;
      for (int m = 0; m < memories.size(); m++) {
        boolean m64 = memories.get(m).memory64();
        for (int i = 0; i < pairCounts[m]; i++) {
          long start = bounds[m][2 * i];
          int len = (int) (bounds[m][2 * i + 1] - start);
          size += segmentSize(m, m64, start, len);
          segs++;
        }
      }
      Checks.checkArgument(segs <= 0xFFFF_FFFFL, "too many data segments: %s", segs);
      this.segments = segs;
      this.payloadSize = size + Leb128.sizeU32((int) segs);
      Checks.checkArgument(
          payloadSize <= 0xFFFF_FFFFL,
          "data section of %s bytes does not fit a u32 section size",
          payloadSize);
    }

    /** Calls {@code visitor} with each canonical segment's memory index, start and length. */
    void forEachSegment(SegmentVisitor visitor) {
      for (int m = 0; m < memories.size(); m++) {
        for (int i = 0; i < pairCounts[m]; i++) {
          long start = bounds[m][2 * i];
          visitor.visit(m, start, bounds[m][2 * i + 1] - start);
        }
      }
    }

    /** Number of segments the section will hold. */
    long segmentCount() {
      return segments;
    }

    /** Bytes of the whole section: id, size field and payload. */
    long sectionSize() {
      return 1 + Leb128.sizeU32((int) payloadSize) + payloadSize;
    }
  }

  /** Receives planned segments. */
  interface SegmentVisitor {
    void visit(int memoryIndex, long start, long length);
  }

  /** Bytes one segment takes. */
  static long segmentSize(int memoryIndex, boolean memory64, long start, int length) {
    long header = memoryIndex == 0 ? 1 : 1 + Leb128.sizeU32(memoryIndex);
    long offset = 1 + (memory64 ? Leb128.sizeS64(start) : Leb128.sizeS32((int) start)) + 1;
    return header + offset + Leb128.sizeU32(length) + length;
  }

  /** Scans every memory once and records its canonical segments. */
  static Plan plan(List<Memory> memories) {
    long[][] bounds = new long[memories.size()][];
    int[] pairs = new int[memories.size()];
    byte[] chunk = new byte[Limits.DATA_CHUNK_BYTES];
    for (int m = 0; m < memories.size(); m++) {
      MemoryContents c = memories.get(m).contents();
      long size = c.size();
      long[] b = new long[16];
      int n = 0;
      long pos = 0;
      while (pos < size) {
        long next = c.skipZeros(pos);
        if (next >= size) {
          break;
        }
        long chunkStart = next - next % Limits.DATA_CHUNK_BYTES;
        int len = (int) Math.min(Limits.DATA_CHUNK_BYTES, size - chunkStart);
        c.read(chunkStart, chunk, 0, len);
        int first = 0;
        while (first < len && chunk[first] == 0) {
          first++;
        }
        if (first < len) {
          int last = len - 1;
          while (chunk[last] == 0) {
            last--;
          }
          if (2 * n + 2 > b.length) {
            b = Arrays.copyOf(b, b.length * 2);
          }
          b[2 * n] = chunkStart + first;
          b[2 * n + 1] = chunkStart + last + 1;
          n++;
        }
        pos = chunkStart + len;
      }
      bounds[m] = b;
      pairs[m] = n;
    }
    return new Plan(memories, bounds, pairs);
  }

  /** Streams the section the plan describes; reads each segment's bytes once more. */
  static void writeTo(ByteSink out, Plan plan) {
    out.writeByte(Sections.DATA_ID);
    Leb128.writeU32(out, (int) plan.payloadSize);
    Leb128.writeU32(out, (int) plan.segments);
    byte[] chunk = new byte[Limits.DATA_CHUNK_BYTES];
    for (int m = 0; m < plan.memories.size(); m++) {
      Memory memory = plan.memories.get(m);
      for (int i = 0; i < plan.pairCounts[m]; i++) {
        long start = plan.bounds[m][2 * i];
        int len = (int) (plan.bounds[m][2 * i + 1] - start);
        if (m == 0) {
          out.writeByte(0x00);
        } else {
          out.writeByte(0x02);
          Leb128.writeU32(out, m);
        }
        if (memory.memory64()) {
          out.writeByte(GlobalSection.I64_CONST);
          Leb128.writeS64(out, start);
        } else {
          out.writeByte(GlobalSection.I32_CONST);
          Leb128.writeS32(out, (int) start);
        }
        out.writeByte(Sections.END);
        Leb128.writeU32(out, len);
        memory.contents().read(start, chunk, 0, len);
        out.writeBytes(chunk, 0, len);
      }
    }
  }

  /**
   * One decoded segment: where it is in the file and what it puts where ({@code layout}), and its
   * bytes.
   */
  record Segment(DecodedCoreDump.DataSegment layout, byte[] bytes) {}

  /**
   * Decodes the section payload: every active segment, in file order, each checked against its
   * memory's type and current size. Overlaying them on the memories (later segments win where
   * they overlap, as at instantiation) is the caller's business.
   */
  static List<Segment> decode(ByteReader r, List<MemorySection.MemoryType> types)
      throws CoreDumpFormatException {
    int count = r.readCount("data segment", Limits.MAX_DATA_SEGMENTS, 5);
    List<Segment> segments = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int segAt = r.position();
      int flags = r.readU32("data segment flags");
      int memory;
      int memAt = segAt;
      boolean explicit;
      if (flags == 0) {
        memory = 0;
        explicit = false;
      } else if (flags == 2) {
        memAt = r.position();
        memory = r.readU32("memory index");
        explicit = true;
      } else if (flags == 1) {
        throw CoreDumpFormatException.malformed(
            segAt, "passive data segment (flags 1) cannot hold memory contents in a coredump");
      } else {
        throw CoreDumpFormatException.malformed(
            segAt, "unknown data segment flags " + Integer.toUnsignedString(flags));
      }
      if (Integer.compareUnsigned(memory, types.size()) >= 0) {
        throw CoreDumpFormatException.indexOutOfRange(
            memAt, "memory", "memories", Integer.toUnsignedLong(memory), types.size());
      }
      MemorySection.MemoryType type = types.get(memory);
      int opAt = r.position();
      int op = r.readByte("offset expression");
      int expected = type.memory64() ? GlobalSection.I64_CONST : GlobalSection.I32_CONST;
      if (op != expected) {
        throw CoreDumpFormatException.malformed(
            opAt,
            "invalid offset expression opcode " + Checks.hexByte(op) + " for "
                + (type.memory64() ? "a 64-bit" : "a 32-bit") + " memory, expected "
                + Checks.hexByte(expected));
      }
      long offset =
          type.memory64()
              ? r.readS64("i64.const offset")
              : Integer.toUnsignedLong(r.readS32("i32.const offset"));
      r.expectByte(Sections.END, "end of offset expression");
      int length = r.readU32("data segment length");
      long len = Integer.toUnsignedLong(length);
      if (len > r.remaining()) {
        throw CoreDumpFormatException.unexpectedEnd(r.limit(), "data section", "data segment bytes");
      }
      long size = type.byteSize();
      if (Long.compareUnsigned(offset, size) > 0 || len > size - offset) {
        throw CoreDumpFormatException.malformed(
            segAt,
            "data segment "
                + (Long.compareUnsigned(offset + len, offset) >= 0
                    ? Checks.range(offset, offset + len)
                    : "[" + Checks.hex(offset) + ", 2^64 and beyond)")
                + " ("
                + Checks.count(len, "byte", "bytes") + ") lies outside memory " + memory + " of "
                + size + " bytes");
      }
      byte[] bytes = r.readBytes((int) len, "data segment bytes");
      segments.add(
          new Segment(new DecodedCoreDump.DataSegment(segAt, memory, offset, len, explicit), bytes));
    }
    r.expectEnd("data");
    return segments;
  }
}
