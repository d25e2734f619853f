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
 */
final class ByteReader {

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
  private final int limit;
  private final String region;
  private final LebLog lebLog;
  private int pos;

  ByteReader(byte[] data) {
    this(data, 0, data.length, "input", new LebLog());
  }

  private ByteReader(byte[] data, int pos, int limit, String region, LebLog lebLog) {
    this.data = data;
    this.pos = pos;
    this.limit = limit;
    this.region = region;
    this.lebLog = lebLog;
  }

  int position() {
    return pos;
  }

  int limit() {
    return limit;
  }

  int remaining() {
    return limit - pos;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  LebLog lebLog() {
    return lebLog;
  }

  /** Reads one byte, 0..255. */
  int readByte(String what) throws CoreDumpFormatException {
    if (pos >= limit) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    return data[pos++] & 0xFF;
  }

  /** Reads a byte that must be {@code expected}. */
  void expectByte(int expected, String what) throws CoreDumpFormatException {
    int at = pos;
    int b = readByte(what);
    if (b != expected) {
      throw CoreDumpFormatException.badLeadByte(at, b, what, expected);
    }
  }

  /** Copies the next {@code length} bytes. */
  byte[] readBytes(int length, String what) throws CoreDumpFormatException {
    if (length > remaining()) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    byte[] out = Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return out;
  }

  /** Reads {@code width} bytes (1..8) as a little-endian integer. */
  long readFixed(int width, String what) throws CoreDumpFormatException {
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

  void skip(int length, String what) throws CoreDumpFormatException {
    if (length > remaining()) {
      throw CoreDumpFormatException.unexpectedEnd(limit, region, what);
    }
    pos += length;
  }

  /**
   * A reader for the next {@code length} bytes, which this reader then skips. {@code sizeAt} is
   * where the size was read, for the error.
   */
  ByteReader slice(long length, int sizeAt, String newRegion) throws CoreDumpFormatException {
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

  /** Fails unless every byte of this reader's region was consumed. */
  void expectEnd(String section) throws CoreDumpFormatException {
    if (pos < limit) {
      throw CoreDumpFormatException.trailingBytes(pos, section, limit - pos);
    }
  }

  int readU32(String what) throws CoreDumpFormatException {
    return Leb128.readU32(this, what);
  }

  long readU64(String what) throws CoreDumpFormatException {
    return Leb128.readU64(this, what);
  }

  int readS32(String what) throws CoreDumpFormatException {
    return Leb128.readS32(this, what);
  }

  long readS64(String what) throws CoreDumpFormatException {
    return Leb128.readS64(this, what);
  }

  /**
   * Reads a vector count and checks it against {@code max} and against what the remaining bytes can
   * hold at {@code minElementBytes} bytes per element, before anything is allocated.
   */
  int readCount(String what, int max, int minElementBytes) throws CoreDumpFormatException {
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
  String readName(String what) throws CoreDumpFormatException {
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
