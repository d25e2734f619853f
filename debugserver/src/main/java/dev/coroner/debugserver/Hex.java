package dev.coroner.debugserver;

import java.nio.charset.StandardCharsets;

/** Hex encoding as the GDB remote protocol uses it (lower case, two digits per byte). */
final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  static String of(byte[] bytes, int offset, int length) {
    char[] out = new char[length * 2];
    for (int i = 0; i < length; i++) {
      int b = bytes[offset + i] & 0xFF;
      out[2 * i] = DIGITS[b >> 4];
      out[2 * i + 1] = DIGITS[b & 0xF];
    }
    return new String(out);
  }

  static String of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /** The UTF-8 bytes of {@code text}, hex-encoded. */
  static String text(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code value} as 8 little-endian bytes. */
  static String le64(long value) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (value >>> (8 * i));
    }
    return of(b);
  }

  /**
   * Parses an unsigned hex number of at most {@code maxDigits} digits.
   *
   * @throws NumberFormatException if {@code s} is empty, too long or not hex
   */
  static long parse(String s, int maxDigits) {
    if (s.isEmpty() || s.length() > maxDigits) {
      throw new NumberFormatException("bad hex number: " + s);
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        throw new NumberFormatException("bad hex number: " + s);
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
