package dev.coroner.coredump;

/**
 * LEB128 integers as WebAssembly uses them: sizes, minimal encoding and strict decoding of u32,
 * s32, u64 and s64.
 *
 * <p>Writing always produces the shortest form. Reading ({@link BinaryReader#readU32} and its
 * siblings) follows the Wasm binary format: an integer
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
    int v = r.readU32("u32");
    r.expectEnd("u32");
    return v;
  }

  /** Like {@link #decodeU32} for an unsigned 64-bit integer. */
  public static long decodeU64(byte[] bytes) throws CoreDumpFormatException {
    ByteReader r = new ByteReader(bytes);
    long v = r.readU64("u64");
    r.expectEnd("u64");
    return v;
  }

  /** Like {@link #decodeU32} for a signed 32-bit integer. */
  public static int decodeS32(byte[] bytes) throws CoreDumpFormatException {
    ByteReader r = new ByteReader(bytes);
    int v = r.readS32("s32");
    r.expectEnd("s32");
    return v;
  }

  /** Like {@link #decodeU32} for a signed 64-bit integer. */
  public static long decodeS64(byte[] bytes) throws CoreDumpFormatException {
    ByteReader r = new ByteReader(bytes);
    long v = r.readS64("s64");
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
}
