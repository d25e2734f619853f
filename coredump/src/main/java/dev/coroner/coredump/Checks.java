package dev.coroner.coredump;

/** Tiny argument checks, so the library needs no Guava. */
final class Checks {

  private Checks() {}

  static <T> T checkNotNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name);
    }
    return value;
  }

  static void checkArgument(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(message, args));
    }
  }

  static void checkState(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(message, args));
    }
  }

  /** {@code 0x} and lower-case hex digits, e.g. {@code 0x1f}. */
  static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /**
   * A count and its noun, singular for 1 and plural otherwise: {@code count(0, "memory",
   * "memories")} is {@code "0 memories"}.
   */
  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  /** A half-open byte range as human output writes it everywhere: {@code [0x10, 0x20)}. */
  static String range(long start, long end) {
    return "[" + hex(start) + ", " + hex(end) + ")";
  }

  /** A byte as {@code 0x} and two lower-case hex digits, e.g. {@code 0x05}. */
  static String hexByte(int value) {
    return String.format("0x%02x", value & 0xFF);
  }
}
