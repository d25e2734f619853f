package dev.coroner.coredump;

/**
 * The input is not a well-formed coredump. Checked, because decoding is always of untrusted bytes
 * and a caller must decide what a bad file means for it.
 *
 * <p>Every instance carries the absolute byte offset in the input at which the problem was found
 * ({@link #offset()}, {@code 0 <= offset <= input length}) and a {@link #reason()} naming what is
 * wrong; {@link #getMessage()} is the reason followed by {@code " (at offset 0x1f)"}. Instances are
 * built only by the named factory methods below, so messages stay uniform.
 */
public final class CoreDumpFormatException extends Exception {

  private final long offset;
  private final String reason;

  private CoreDumpFormatException(long offset, String reason) {
    super(reason + " (at offset " + Checks.hex(offset) + ")");
    this.offset = offset;
    this.reason = reason;
  }

  /** Absolute offset of the offending byte (or of the end of input, for truncation). */
  public long offset() {
    return offset;
  }

  /** What is wrong, without the offset. */
  public String reason() {
    return reason;
  }

  /** A general malformation. */
  static CoreDumpFormatException malformed(long offset, String reason) {
    return new CoreDumpFormatException(offset, reason);
  }

  /** The input or the current section ends before {@code what} is complete. */
  static CoreDumpFormatException unexpectedEnd(long offset, String region, String what) {
    return new CoreDumpFormatException(
        offset, "unexpected end of " + region + " while reading " + what);
  }

  /** A byte that must have one fixed value has another. */
  static CoreDumpFormatException badLeadByte(long offset, int found, String what, int expected) {
    return new CoreDumpFormatException(
        offset,
        "invalid lead byte " + Checks.hexByte(found) + " for " + what + ", expected "
            + Checks.hexByte(expected));
  }

  /** A byte that selects between alternatives has none of the allowed values. */
  static CoreDumpFormatException unknownByte(long offset, String what, int found) {
    return new CoreDumpFormatException(offset, "unknown " + what + " " + Checks.hexByte(found));
  }

  /** A LEB128 integer uses more bytes than its type allows. */
  static CoreDumpFormatException lebTooLong(long offset, String type) {
    return new CoreDumpFormatException(offset, "invalid " + type + ": representation too long");
  }

  /** A LEB128 integer's last byte sets bits beyond its type's width. */
  static CoreDumpFormatException lebTooLarge(long offset, String type) {
    return new CoreDumpFormatException(offset, "invalid " + type + ": integer too large");
  }

  /**
   * An index points past the end of its index space ({@code space} and {@code spacePlural} name
   * it: {@code "memory"}, {@code "memories"}).
   */
  static CoreDumpFormatException indexOutOfRange(
      long offset, String space, String spacePlural, long index, long count) {
    return new CoreDumpFormatException(
        offset,
        space + " index " + Long.toUnsignedString(index) + " out of range ("
            + Checks.count(count, space, spacePlural) + ")");
  }

  /** A section that may appear at most once appears again. */
  static CoreDumpFormatException duplicateSection(long offset, String section) {
    return new CoreDumpFormatException(offset, "duplicate " + section + " section");
  }

  /** A section's declared size covers more bytes than its payload uses. */
  static CoreDumpFormatException trailingBytes(long offset, String section, long count) {
    return new CoreDumpFormatException(
        offset,
        Checks.count(count, "trailing byte", "trailing bytes") + " after " + section
            + " section payload");
  }

  /** A count or size exceeds a cap in {@link Limits} or what the remaining bytes can hold. */
  static CoreDumpFormatException tooLarge(long offset, String what, long value, String bound) {
    return new CoreDumpFormatException(
        offset, what + " " + Long.toUnsignedString(value) + " too large (" + bound + ")");
  }
}
