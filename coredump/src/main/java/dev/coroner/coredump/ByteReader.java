package dev.coroner.coredump;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded, strict reader over part of an input array. Positions are absolute offsets into the
 * whole input, so every error it raises names the exact byte. A reader for one section is made with
 * {@link #slice}; reading past its end is an "unexpected end of section" error even if the input
 * goes on.
 *
 * <p>The reader also logs where a LEB128 integer used more bytes than needed (shared by all slices),
 * for the canonical check.
 *
 * <p>Public for the other binary formats the project reads (DWARF in the {@code symbols} module):
 * besides Wasm's strict LEB128 and names it reads fixed-width little-endian integers ({@link
 * #readU16Le}, {@link #readU32Le}, {@link #readU64Le}), DWARF's LEB128 ({@link #readUleb128},
 * {@link #readSleb128}: any length, value up to 64 bits), NUL-terminated strings ({@link
 * #readCString}), and moves within its region ({@link #seek}, {@link #sliceAt}). Every error is a
 * {@link CoreDumpFormatException} carrying the absolute offset; other formats wrap it in their own.
 */
public final class ByteReader {

  /** Growable list of the offsets of non-minimal LEB128 integers. */
  static final class LebLog {
    private long[] offsets = new long[8];
    private int size;

    void add(long offset) {
      if (size == offsets.length) {
        offsets = Arrays.copyOf(offsets, size * 2);
      }
      offsets[size++] = offset;
    }

    long[] toArray() {
      return Arrays.copyOf(offsets, size);
    }
  }

  private final byte[] data;
  private final int start;
  private final int limit;
  private final String region;
  private final LebLog lebLog;
  private int pos;

  ByteReader(byte[] data) {
    this(data, 0, data.length, "input", new LebLog());
  }

  /**
   * A reader over {@code data[start..end)}, positioned at {@code start}; {@code region} names it in
   * errors ("unexpected end of {@code region} while reading ..."). Offsets stay those of {@code
   * data}.
   *
   * @throws IndexOutOfBoundsException if the bounds are not within {@code data}
   */
  public ByteReader(byte[] data, int start, int end, String region) {
    this(data, checkBounds(data, start, end), end, region, new LebLog());
  }

  private ByteReader(byte[] data, int pos, int limit, String region, LebLog lebLog) {
    this.data = data;
    this.start = pos;
    this.pos = pos;
    this.limit = limit;
    this.region = region;
    this.lebLog = lebLog;
  }

  private static int checkBounds(byte[] data, int start, int end) {
    if (start < 0 || end < start || end > data.length) {
      throw new IndexOutOfBoundsException(
          "region [" + start + ", " + end + ") of " + data.length + " bytes");
    }
    return start;
  }

  /** The absolute offset of the next byte. */
  public int position() {
    return pos;
  }

  /** The absolute offset of this reader's first byte. */
  public int start() {
    return start;
  }

  /** The absolute offset just past this reader's last byte. */
  public int limit() {
    return limit;
  }

  /** The name of this reader's region, as errors give it. */
  public String region() {
    return region;
  }

  public int remaining() {
    return limit - pos;
  }

  public boolean atEnd() {
    return pos >= limit;
  }

  /**
   * Moves to absolute offset {@code position}, which must lie within this reader's region (its end
   * included); {@code what} names the offset's origin for the error.
   */
  public void seek(long position, String what) throws CoreDumpFormatException {
    if (position < start || position > limit) {
      throw CoreDumpFormatException.malformed(
          pos, what + " " + Checks.hex(position) + " is outside the " + region + " ("
              + Checks.hex(start) + ".." + Checks.hex(limit) + ")");
    }
    pos = (int) position;
  }

  /**
   * A new reader over {@code length} bytes from absolute offset {@code from}, which must lie within
   * this reader's region; this reader does not move.
   */
  public ByteReader sliceAt(long from, long length, String newRegion)
      throws CoreDumpFormatException {
    if (from < start || from > limit || length < 0 || length > limit - from) {
      throw CoreDumpFormatException.malformed(
          from < start || from > limit ? pos : from,
          newRegion + " at " + Checks.hex(from) + " with " + length + " bytes does not fit in the "
              + region + " (" + Checks.hex(start) + ".." + Checks.hex(limit) + ")");
    }
    return new ByteReader(data, (int) from, (int) (from + length), newRegion, lebLog);
  }

  LebLog lebLog() {
    return lebLog;
  }

  /** Reads one byte, 0..255. */
  public int readByte(String what) throws CoreDumpFormatException {
    if (pos >= limit) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    return data[pos++] & 0xFF;
  }

  /** Reads a byte that must be {@code expected}. */
  public void expectByte(int expected, String what) throws CoreDumpFormatException {
    int at = pos;
    int b = readByte(what);
    if (b != expected) {
      throw CoreDumpFormatException.badLeadByte(at, b, what, expected);
    }
  }

  /** Copies the next {@code length} bytes. */
  public byte[] readBytes(int length, String what) throws CoreDumpFormatException {
    if (length > remaining()) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    byte[] out = Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return out;
  }

  /** Reads {@code width} bytes (1..8) as a little-endian integer. */
  public long readFixed(int width, String what) throws CoreDumpFormatException {
    if (width > remaining()) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    long v = 0;
    for (int i = 0; i < width; i++) {
      v |= (data[pos + i] & 0xFFL) << (8 * i);
    }
    pos += width;
    return v;
  }

  public void skip(int length, String what) throws CoreDumpFormatException {
    if (length > remaining()) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    pos += length;
  }

  /**
   * A reader for the next {@code length} bytes, which this reader then skips. {@code sizeAt} is
   * where the size was read, for the error.
   */
  public ByteReader slice(long length, int sizeAt, String newRegion)
      throws CoreDumpFormatException {
    if (length > remaining()) {
      throw CoreDumpFormatException.malformed(
          sizeAt,
          newRegion + " size " + length + " extends past the end of the " + region + " ("
              + remaining() + " bytes left)");
    }
    ByteReader r = new ByteReader(data, pos, pos + (int) length, newRegion, lebLog);
    pos += (int) length;
    return r;
  }

  /** Reads a little-endian u16. */
  public int readU16Le(String what) throws CoreDumpFormatException {
    return (int) readFixed(2, what);
  }

  /** Reads a little-endian u32, zero-extended. */
  public long readU32Le(String what) throws CoreDumpFormatException {
    return readFixed(4, what);
  }

  /** Reads a little-endian u64 (bit for bit in a {@code long}). */
  public long readU64Le(String what) throws CoreDumpFormatException {
    return readFixed(8, what);
  }

  /**
   * Reads an unsigned LEB128 integer as DWARF uses it: any number of bytes (bounded by the region),
   * but a value that needs more than 64 bits is an error.
   */
  public long readUleb128(String what) throws CoreDumpFormatException {
    int at = pos;
    long result = 0;
    int shift = 0;
    while (true) {
      if (pos >= limit) {
        throw CoreDumpFormatException.unexpectedEnd(limit, region, "ULEB128 for " + what);
      }
      int b = data[pos++] & 0xFF;
      long slice = b & 0x7F;
      if (shift >= 64 ? slice != 0 : shift == 63 && slice > 1) {
        throw CoreDumpFormatException.malformed(at, "ULEB128 for " + what + " exceeds 64 bits");
      }
      if (shift < 64) {
        result |= slice << shift;
      }
      shift += 7;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
  }

  /**
   * Reads a signed LEB128 integer as DWARF uses it: any number of bytes (bounded by the region);
   * bits beyond 64 must repeat the sign, else it is an error.
   */
  public long readSleb128(String what) throws CoreDumpFormatException {
    int at = pos;
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (pos >= limit) {
        throw CoreDumpFormatException.unexpectedEnd(limit, region, "SLEB128 for " + what);
      }
      b = data[pos++] & 0xFF;
      long slice = b & 0x7F;
      if (shift < 64) {
        result |= slice << shift;
      }
      if (shift >= 63) {
        // Bits at and above 64 (all of them once shift >= 64) must copy bit 63.
        long expected = result < 0 ? 0x7F : 0;
        long high = shift >= 64 ? slice : slice >> 1;
        long mask = shift >= 64 ? 0x7F : 0x3F;
        if (high != (expected & mask)) {
          throw CoreDumpFormatException.malformed(at, "SLEB128 for " + what + " exceeds 64 bits");
        }
      }
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  /**
   * Reads a NUL-terminated string and consumes its terminator. The bytes are decoded as UTF-8;
   * malformed sequences become U+FFFD (debug strings are not required to be UTF-8).
   */
  public String readCString(String what) throws CoreDumpFormatException {
    int end = pos;
    while (end < limit && data[end] != 0) {
      end++;
    }
    if (end >= limit) {
      throw CoreDumpFormatException.malformed(
          pos, "unterminated string for " + what + " (no NUL before the end of the " + region
              + ")");
    }
    String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
    pos = end + 1;
    return s;
  }

  /** Fails unless every byte of this reader's region was consumed. */
  public void expectEnd(String section) throws CoreDumpFormatException {
    if (pos < limit) {
      throw CoreDumpFormatException.trailingBytes(pos, section, limit - pos);
    }
  }

  public int readU32(String what) throws CoreDumpFormatException {
    return Leb128.readU32(this, what);
  }

  public long readU64(String what) throws CoreDumpFormatException {
    return Leb128.readU64(this, what);
  }

  public int readS32(String what) throws CoreDumpFormatException {
    return Leb128.readS32(this, what);
  }

  public long readS64(String what) throws CoreDumpFormatException {
    return Leb128.readS64(this, what);
  }

  /**
   * Reads a vector count and checks it against {@code max} and against what the remaining bytes can
   * hold at {@code minElementBytes} bytes per element, before anything is allocated.
   */
  public int readCount(String what, int max, int minElementBytes) throws CoreDumpFormatException {
    int at = pos;
    long count = Integer.toUnsignedLong(readU32(what + " count"));
    if (count > max) {
      throw CoreDumpFormatException.tooLarge(at, what + " count", count, "limit " + max);
    }
    if (count * minElementBytes > remaining()) {
      throw CoreDumpFormatException.tooLarge(
          at, what + " count", count, "only " + remaining() + " bytes left in the " + region);
    }
    return (int) count;
  }

  /** Reads a Wasm {@code name}: a u32 byte length, then that many bytes of valid UTF-8. */
  public String readName(String what) throws CoreDumpFormatException {
    int at = pos;
    long length = Integer.toUnsignedLong(readU32(what + " length"));
    if (length > Limits.MAX_NAME_BYTES) {
      throw CoreDumpFormatException.tooLarge(
          at, what + " length", length, "limit " + Limits.MAX_NAME_BYTES);
    }
    if (length > remaining()) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    int start = pos;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(data, start, (int) length);
    CharBuffer out = CharBuffer.allocate((int) length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw CoreDumpFormatException.malformed(
          in.position(), "invalid UTF-8 in " + what);
    }
    if (result.isOverflow()) {
      // Cannot happen: UTF-8 never yields more chars than bytes.
      throw new IllegalStateException(new CharacterCodingException());
    }
    pos = start + (int) length;
    out.flip();
    return out.toString();
  }

  /** Logs a LEB128 that started at {@code start} if it used more than {@code minimalSize} bytes. */
  void noteLeb(long start, int minimalSize) {
    if (pos - start > minimalSize) {
      lebLog.add(start);
    }
  }
}
