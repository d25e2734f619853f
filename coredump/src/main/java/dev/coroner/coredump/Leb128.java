package dev.coroner.coredump;

/**
 * LEB128 integers as WebAssembly uses them: sizes, minimal encoding and strict decoding of u32,
 * s32, u64 and s64.
 *
 * <p>Writing always produces the shortest form. Reading follows the Wasm binary format: an integer
 * of N bits may use up to ceil(N / 7) bytes (so non-minimal forms such as {@code 80 00} for 0 are
 * accepted), a longer one is rejected as "representation too long", and the unused high bits of
 * the last allowed byte must be zero (unsigned) or copies of the sign bit (signed), else the value
 * is rejected as "integer too large". u32 values are held in an {@code int} and u64 values in a
 * {@code long}, bit for bit.
 */
public final class Leb128 {

  private Leb128() {}

  /** Bytes in the minimal encoding of unsigned {@code value} (1..5). */
  public static int sizeU32(int value) {
    return sizeU64(Integer.toUnsignedLong(value));
  }

  /** Bytes in the minimal encoding of unsigned {@code value} (1..10). */
  public static int sizeU64(long value) {
    int bits = 64 - Long.numberOfLeadingZeros(value);
    return Math.max(1, (bits + 6) / 7);
  }

  /** Bytes in the minimal encoding of signed {@code value} (1..5). */
  public static int sizeS32(int value) {
    return sizeS64(value);
  }

  /** Bytes in the minimal encoding of signed {@code value} (1..10). */
  public static int sizeS64(long value) {
    // Significant bits plus one sign bit.
    int bits = 65 - Long.numberOfLeadingZeros(value < 0 ? ~value : value);
    return (bits + 6) / 7;
  }

  /** The minimal encoding of unsigned {@code value}. */
  public static byte[] encodeU32(int value) {
    return encodeU64(Integer.toUnsignedLong(value));
  }

  /** The minimal encoding of unsigned {@code value}. */
  public static byte[] encodeU64(long value) {
    ByteSink.Growable sink = ByteSink.growable();
    writeU64(sink, value);
    return sink.toByteArray();
  }

  /** The minimal encoding of signed {@code value}. */
  public static byte[] encodeS32(int value) {
    return encodeS64(value);
  }

  /** The minimal encoding of signed {@code value}. */
  public static byte[] encodeS64(long value) {
    ByteSink.Growable sink = ByteSink.growable();
    writeS64(sink, value);
    return sink.toByteArray();
  }

  /**
   * Strictly decodes one unsigned 32-bit LEB128 integer that must fill {@code bytes} exactly.
   *
   * @throws CoreDumpFormatException if it is truncated, too long, too large, or followed by more
   *     bytes; the offset is an index into {@code bytes}
   */
  public static int decodeU32(byte[] bytes) throws CoreDumpFormatException {
    ByteReader r = new ByteReader(bytes);
    int v = readU32(r, "u32");
    r.expectEnd("u32");
    return v;
  }

  /** Like {@link #decodeU32} for an unsigned 64-bit integer. */
  public static long decodeU64(byte[] bytes) throws CoreDumpFormatException {
    ByteReader r = new ByteReader(bytes);
    long v = readU64(r, "u64");
    r.expectEnd("u64");
    return v;
  }

  /** Like {@link #decodeU32} for a signed 32-bit integer. */
  public static int decodeS32(byte[] bytes) throws CoreDumpFormatException {
    ByteReader r = new ByteReader(bytes);
    int v = readS32(r, "s32");
    r.expectEnd("s32");
    return v;
  }

  /** Like {@link #decodeU32} for a signed 64-bit integer. */
  public static long decodeS64(byte[] bytes) throws CoreDumpFormatException {
    ByteReader r = new ByteReader(bytes);
    long v = readS64(r, "s64");
    r.expectEnd("s64");
    return v;
  }

  static void writeU32(ByteSink out, int value) {
    writeU64(out, Integer.toUnsignedLong(value));
  }

  static void writeU64(ByteSink out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.writeByte((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.writeByte((int) value);
  }

  static void writeS32(ByteSink out, int value) {
    writeS64(out, value);
  }

  static void writeS64(ByteSink out, long value) {
    while (true) {
      int b = (int) (value & 0x7F);
      value >>= 7;
      boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
      if (done) {
        out.writeByte(b);
        return;
      }
      out.writeByte(b | 0x80);
    }
  }

  static int readU32(ByteReader r, String what) throws CoreDumpFormatException {
    long start = r.position();
    long v = read(r, 32, false, what);
    r.noteLeb(start, sizeU64(v));
    return (int) v;
  }

  static long readU64(ByteReader r, String what) throws CoreDumpFormatException {
    long start = r.position();
    long v = read(r, 64, false, what);
    r.noteLeb(start, sizeU64(v));
    return v;
  }

  static int readS32(ByteReader r, String what) throws CoreDumpFormatException {
    long start = r.position();
    long v = read(r, 32, true, what);
    r.noteLeb(start, sizeS64(v));
    return (int) v;
  }

  static long readS64(ByteReader r, String what) throws CoreDumpFormatException {
    long start = r.position();
    long v = read(r, 64, true, what);
    r.noteLeb(start, sizeS64(v));
    return v;
  }

  /**
   * Reads an integer of {@code bits} bits. Unsigned results are zero-extended and signed results
   * sign-extended to 64 bits.
   */
  private static long read(ByteReader r, int bits, boolean signed, String what)
      throws CoreDumpFormatException {
    String type = (signed ? "s" : "u") + bits + " LEB128 for " + what;
    int maxBytes = (bits + 6) / 7;
    long result = 0;
    int shift = 0;
    for (int i = 0; ; i++) {
      long at = r.position();
      int b = r.readByte(type);
      if (i == maxBytes - 1) {
        if ((b & 0x80) != 0) {
          throw CoreDumpFormatException.lebTooLong(at, type);
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
            throw CoreDumpFormatException.lebTooLarge(at, type);
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
    return result;
  }
}
