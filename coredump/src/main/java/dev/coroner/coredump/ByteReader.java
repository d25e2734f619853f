package dev.coroner.coredump;

/**
 * The coredump decoder's {@link BinaryReader}: its errors are {@link CoreDumpFormatException}s with
 * the decoder's texts ("unexpected end of section while reading ...", "invalid u32 LEB128 for ...:
 * representation too long"), names are capped at {@link Limits#MAX_NAME_BYTES}, and every
 * non-minimal LEB128 integer is logged (shared by all slices) for the canonical check.
 */
public final class ByteReader extends BinaryReader<CoreDumpFormatException> {

  /** The decoder's error texts, one per failure. */
  private static final Errors<CoreDumpFormatException> ERRORS =
      new Errors<>() {
        @Override
        public CoreDumpFormatException unexpectedEnd(
            String region, long limit, long at, String what) {
          return CoreDumpFormatException.unexpectedEnd(limit, region, what);
        }

        @Override
        public CoreDumpFormatException lebTooLong(
            long start, long at, int bits, boolean signed, String what) {
          return CoreDumpFormatException.lebTooLong(at, lebType(bits, signed, what));
        }

        @Override
        public CoreDumpFormatException lebTooLarge(
            long start, long at, int bits, boolean signed, String what) {
          return CoreDumpFormatException.lebTooLarge(at, lebType(bits, signed, what));
        }

        @Override
        public CoreDumpFormatException tooLarge(
            String region, long at, String what, long value, String bound) {
          return CoreDumpFormatException.tooLarge(at, what, value, bound);
        }

        @Override
        public CoreDumpFormatException invalidUtf8(long start, long at, String what) {
          return CoreDumpFormatException.malformed(at, "invalid UTF-8 in " + what);
        }

        @Override
        public CoreDumpFormatException badByte(long at, int found, int expected, String what) {
          return CoreDumpFormatException.badLeadByte(at, found, what, expected);
        }

        @Override
        public CoreDumpFormatException trailingBytes(long at, String region, long count) {
          return CoreDumpFormatException.trailingBytes(at, region, count);
        }

        @Override
        public CoreDumpFormatException malformed(long at, String reason) {
          return CoreDumpFormatException.malformed(at, reason);
        }
      };

  /** A reader over all of {@code data}, whose region is called "input". */
  public ByteReader(byte[] data) {
    super(data, 0, data.length, "input", ERRORS, new LebLog());
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

  private static int checkBounds(byte[] data, int start, int end) {
    if (start < 0 || end < start || end > data.length) {
      throw new IndexOutOfBoundsException(
          "region [" + start + ", " + end + ") of " + data.length + " bytes");
    }
    return start;
  }

  private ByteReader(byte[] data, int pos, int limit, String region, LebLog lebLog) {
    super(data, pos, limit, region, ERRORS, lebLog);
  }

  private static String lebType(int bits, boolean signed, String what) {
    return (signed ? "s" : "u") + bits + " LEB128 for " + what;
  }

  @Override
  ByteReader child(int from, int to, String childRegion) {
    return new ByteReader(data(), from, to, childRegion, lebLog());
  }

  @Override
  public ByteReader slice(long length, int sizeAt, String newRegion)
      throws CoreDumpFormatException {
    return (ByteReader) super.slice(length, sizeAt, newRegion);
  }

  @Override
  public ByteReader sliceAt(long from, long length, String newRegion)
      throws CoreDumpFormatException {
    return (ByteReader) super.sliceAt(from, length, newRegion);
  }

  /** Reads a Wasm {@code name} of at most {@link Limits#MAX_NAME_BYTES} bytes of UTF-8. */
  @Override
  public String readName(String what) throws CoreDumpFormatException {
    return readName(what, Limits.MAX_NAME_BYTES);
  }
}
