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
 * A bounded, strict reader over part of a byte array: the one reader for every binary format the
 * project reads (coredumps, WebAssembly modules, their custom sections). Positions are absolute
 * offsets into the whole array, so every error names the exact byte. A reader for one part (a
 * section, a function body) is made with {@link #slice}; reading past its end is an error even if
 * the array goes on. LEB128 integers are read strictly, as the Wasm binary format requires (see
 * {@link Leb128}).
 *
 * <p>Errors are built by the reader's {@link Errors} factory, so each format keeps its own
 * exception type ({@code X}) and message texts while the reading rules stay in one place: {@link
 * ByteReader} is the coredump decoder's reader ({@link CoreDumpFormatException}); the interpreter's
 * module parser supplies the WebAssembly spec's texts ("unexpected end", "integer representation
 * too long", ...) with an unchecked exception type.
 *
 * @param <X> the exception type of this reader's errors
 */
public class BinaryReader<X extends Exception> {

  /**
   * Builds a reader's errors. Each method receives what the reader knows about the failure
   * (absolute offsets, the region's name and the {@code what} the caller passed) and returns the
   * exception to throw; the implementation picks the offset and text its format uses.
   */
  public interface Errors<X extends Exception> {
    /**
     * Reading {@code what}, which started at {@code at}, needs bytes past the end ({@code limit})
     * of {@code region}.
     */
    X unexpectedEnd(String region, long limit, long at, String what);

    /**
     * The LEB128 integer for {@code what} starting at {@code start} has a continuation bit on its
     * last allowed byte ({@code at}); {@code bits} and {@code signed} give its type.
     */
    X lebTooLong(long start, long at, int bits, boolean signed, String what);

    /**
     * The last byte ({@code at}) of the LEB128 integer starting at {@code start} sets bits beyond
     * its type's width (unsigned) or that are not copies of the sign bit (signed).
     */
    X lebTooLarge(long start, long at, int bits, boolean signed, String what);

    /**
     * A count or length {@code value} read at {@code at} exceeds {@code bound} (a cap, or what the
     * bytes left in {@code region} can hold).
     */
    X tooLarge(String region, long at, String what, long value, String bound);

    /**
     * The bytes of {@code what} starting at {@code start} are not UTF-8; the first bad one is at
     * {@code at}.
     */
    X invalidUtf8(long start, long at, String what);

    /** The byte at {@code at} is {@code found} where {@code what} must be {@code expected}. */
    X badByte(long at, int found, int expected, String what);

    /** {@code count} bytes from {@code at} are left over after {@code region}'s contents. */
    X trailingBytes(long at, String region, long count);

    /** Any other malformation at {@code at}. */
    X malformed(long at, String reason);
  }

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
  private final Errors<X> errors;
  /** Where non-minimal LEB128 integers are logged (shared by all slices), or null. */
  private final LebLog lebLog;
  private int pos;

  /**
   * A reader over all of {@code data} (not copied), whose region is called {@code region} in
   * errors.
   */
  public BinaryReader(byte[] data, String region, Errors<X> errors) {
    this(data, 0, data.length, region, errors, null);
  }

  BinaryReader(byte[] data, int pos, int limit, String region, Errors<X> errors, LebLog lebLog) {
    this.data = data;
    this.start = pos;
    this.pos = pos;
    this.limit = limit;
    this.region = region;
    this.errors = errors;
    this.lebLog = lebLog;
  }

  /** A reader of the same kind over {@code [from, to)} of the same array; see {@link #slice}. */
  BinaryReader<X> child(int from, int to, String childRegion) {
    return new BinaryReader<>(data, from, to, childRegion, errors, lebLog);
  }

  /** The absolute offset of the next byte. */
  public int position() {
    return pos;
  }

  /** The absolute offset of this reader's first byte. */
  public int start() {
    return start;
  }

  /** The absolute offset just past this reader's region. */
  public int limit() {
    return limit;
  }

  /** Bytes left in this reader's region. */
  public int remaining() {
    return limit - pos;
  }

  public boolean atEnd() {
    return pos >= limit;
  }

  /** The region's name, as errors use it ("section", "function body", ...). */
  public String region() {
    return region;
  }

  LebLog lebLog() {
    return lebLog;
  }

  byte[] data() {
    return data;
  }

  /** Reads one byte, 0..255. */
  public int readByte(String what) throws X {
    if (pos >= limit) {
      throw errors.unexpectedEnd(region, limit, pos, what);
    }
    return data[pos++] & 0xFF;
  }

  /** The next byte, 0..255, without consuming it. */
  public int peekByte(String what) throws X {
    if (pos >= limit) {
      throw errors.unexpectedEnd(region, limit, pos, what);
    }
    return data[pos] & 0xFF;
  }

  /** Reads a byte that must be {@code expected}. */
  public void expectByte(int expected, String what) throws X {
    int at = pos;
    int b = readByte(what);
    if (b != expected) {
      throw errors.badByte(at, b, expected, what);
    }
  }

  /** Copies the next {@code length} bytes. */
  public byte[] readBytes(int length, String what) throws X {
    if (length < 0 || length > remaining()) {
      throw errors.unexpectedEnd(region, limit, pos, what);
    }
    byte[] out = Arrays.copyOfRange(data, pos, pos + length);
    pos += length;
    return out;
  }

  /** Reads {@code width} bytes (1..8) as a little-endian integer. */
  public long readFixed(int width, String what) throws X {
    if (width > remaining()) {
      throw errors.unexpectedEnd(region, limit, pos, what);
    }
    long v = 0;
    for (int i = 0; i < width; i++) {
      v |= (data[pos + i] & 0xFFL) << (8 * i);
    }
    pos += width;
    return v;
  }

  public void skip(int length, String what) throws X {
    if (length < 0 || length > remaining()) {
      throw errors.unexpectedEnd(region, limit, pos, what);
    }
    pos += length;
  }

  /**
   * A reader for the next {@code length} bytes, which this reader then skips. {@code sizeAt} is
   * where the size was read, for the error.
   */
  public BinaryReader<X> slice(long length, int sizeAt, String newRegion) throws X {
    if (length < 0 || length > remaining()) {
      throw errors.malformed(
          sizeAt,
          newRegion + " size " + length + " extends past the end of the " + region + " ("
              + remaining() + " bytes left)");
    }
    BinaryReader<X> r = child(pos, pos + (int) length, newRegion);
    pos += (int) length;
    return r;
  }

  /**
   * Moves to absolute offset {@code position}, which must lie within this reader's region (its end
   * included); {@code what} names the offset's origin for the error.
   */
  public void seek(long position, String what) throws X {
    if (position < start || position > limit) {
      throw errors.malformed(
          pos, what + " " + Checks.hex(position) + " is outside the " + region + " (" + Checks.hex(start) + ".."
              + Checks.hex(limit) + ")");
    }
    pos = (int) position;
  }

  /**
   * A new reader over {@code length} bytes from absolute offset {@code from}, which must lie within
   * this reader's region; this reader does not move.
   */
  public BinaryReader<X> sliceAt(long from, long length, String newRegion) throws X {
    if (from < start || from > limit || length < 0 || length > limit - from) {
      throw errors.malformed(
          from < start || from > limit ? pos : from,
          newRegion + " at " + Checks.hex(from) + " with " + length + " bytes does not fit in the "
              + region + " (" + Checks.hex(start) + ".." + Checks.hex(limit) + ")");
    }
    return child((int) from, (int) (from + length), newRegion);
  }

  /** Reads a little-endian u16. */
  public int readU16Le(String what) throws X {
    return (int) readFixed(2, what);
  }

  /** Reads a little-endian u32, zero-extended. */
  public long readU32Le(String what) throws X {
    return readFixed(4, what);
  }

  /** Reads a little-endian u64 (bit for bit in a {@code long}). */
  public long readU64Le(String what) throws X {
    return readFixed(8, what);
  }

  /**
   * Reads an unsigned LEB128 integer as DWARF uses it: any number of bytes (bounded by the region),
   * but a value that needs more than 64 bits is an error.
   */
  public long readUleb128(String what) throws X {
    int at = pos;
    long result = 0;
    int shift = 0;
    while (true) {
      if (pos >= limit) {
        throw errors.unexpectedEnd(region, limit, pos, "ULEB128 for " + what);
      }
      int b = data[pos++] & 0xFF;
      long slice = b & 0x7F;
      if (shift >= 64 ? slice != 0 : shift == 63 && slice > 1) {
        throw errors.malformed(at, "ULEB128 for " + what + " exceeds 64 bits");
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
  public long readSleb128(String what) throws X {
    int at = pos;
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (pos >= limit) {
        throw errors.unexpectedEnd(region, limit, pos, "SLEB128 for " + what);
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
          throw errors.malformed(at, "SLEB128 for " + what + " exceeds 64 bits");
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
  public String readCString(String what) throws X {
    int end = pos;
    while (end < limit && data[end] != 0) {
      end++;
    }
    if (end >= limit) {
      throw errors.malformed(
          pos, "unterminated string for " + what + " (no NUL before the end of the " + region
              + ")");
    }
    String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
    pos = end + 1;
    return s;
  }

  /** Fails unless every byte of this reader's region was consumed. */
  public void expectEnd(String section) throws X {
    if (pos < limit) {
      throw errors.trailingBytes(pos, section, limit - pos);
    }
  }

  /** An unsigned 32-bit LEB128 integer, as {@code int} bits. */
  public int readU32(String what) throws X {
    return (int) readLeb(32, false, what);
  }

  /** An unsigned 64-bit LEB128 integer, as {@code long} bits. */
  public long readU64(String what) throws X {
    return readLeb(64, false, what);
  }

  public int readS32(String what) throws X {
    return (int) readLeb(32, true, what);
  }

  /** A signed 33-bit LEB128 integer (a WebAssembly block type's type index), sign-extended. */
  public long readS33(String what) throws X {
    return readLeb(33, true, what);
  }

  public long readS64(String what) throws X {
    return readLeb(64, true, what);
  }

  /**
   * Reads an integer of {@code bits} bits. Unsigned results are zero-extended and signed results
   * sign-extended to 64 bits. An integer of N bits may use up to ceil(N / 7) bytes; a continuation
   * bit on the last of them is "too long", and unused high bits of the last byte that are not zero
   * (unsigned) or copies of the sign bit (signed) are "too large".
   */
  private long readLeb(int bits, boolean signed, String what) throws X {
    int start = pos;
    int maxBytes = (bits + 6) / 7;
    long result = 0;
    int shift = 0;
    for (int i = 0; ; i++) {
      int at = pos;
      int b = readByte(what);
      if (i == maxBytes - 1) {
        if ((b & 0x80) != 0) {
          throw errors.lebTooLong(start, at, bits, signed, what);
        }
        int valueBits = bits - shift; // payload bits this last byte may use (1..7)
        if (valueBits < 7) {
          int unused = b >> valueBits; // bits above the payload, as a 7-bit-wide field
          int allOnes = (1 << (7 - valueBits)) - 1;
          boolean ok;
          if (signed) {
            int sign = (b >> (valueBits - 1)) & 1;
            ok = unused == (sign == 0 ? 0 : allOnes);
          } else {
            ok = unused == 0;
          }
          if (!ok) {
            throw errors.lebTooLarge(start, at, bits, signed, what);
          }
        }
      }
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (signed) {
      if (shift < 64) {
        // Sign-extend from the last byte's bit 6, then to the type's width.
        result = (result << (64 - shift)) >> (64 - shift);
      }
      if (bits == 32) {
        result = (int) result;
      }
    }
    if (lebLog != null) {
      int minimal = signed ? Leb128.sizeS64(result) : Leb128.sizeU64(result);
      if (pos - start > minimal) {
        lebLog.add(start);
      }
    }
    return result;
  }

  /**
   * Reads a vector count and checks it against {@code max} and against what the remaining bytes can
   * hold at {@code minElementBytes} bytes per element, before anything is allocated.
   */
  public int readCount(String what, int max, int minElementBytes) throws X {
    int at = pos;
    long count = Integer.toUnsignedLong(readU32(what + " count"));
    if (count > max) {
      throw errors.tooLarge(region, at, what + " count", count, "limit " + max);
    }
    if (count * minElementBytes > remaining()) {
      throw errors.tooLarge(
          region, at, what + " count", count,
          "only " + remaining() + " bytes left in the " + region);
    }
    return (int) count;
  }

  /** Reads a Wasm {@code name}: a u32 byte length, then that many bytes of valid UTF-8. */
  public String readName(String what) throws X {
    return readName(what, Integer.MAX_VALUE);
  }

  /** Like {@link #readName(String)}, with names longer than {@code maxBytes} rejected. */
  protected String readName(String what, int maxBytes) throws X {
    int at = pos;
    long length = Integer.toUnsignedLong(readU32(what + " length"));
    if (length > maxBytes) {
      throw errors.tooLarge(region, at, what + " length", length, "limit " + maxBytes);
    }
    if (length > remaining()) {
      throw errors.unexpectedEnd(region, limit, pos, what);
    }
    return readUtf8((int) length, what);
  }

  /** Decodes the next {@code length} bytes, which must be valid UTF-8. */
  public String readUtf8(int length, String what) throws X {
    if (length < 0 || length > remaining()) {
      throw errors.unexpectedEnd(region, limit, pos, what);
    }
    int start = pos;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(data, start, length);
    CharBuffer out = CharBuffer.allocate(length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw errors.invalidUtf8(start, in.position(), what);
    }
    if (result.isOverflow()) {
      // Cannot happen: UTF-8 never yields more chars than bytes.
      throw new IllegalStateException(new CharacterCodingException());
    }
    pos = start + length;
    out.flip();
    return out.toString();
  }
}
