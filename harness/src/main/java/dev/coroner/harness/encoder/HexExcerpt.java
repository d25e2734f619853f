package dev.coroner.harness.encoder;

import java.util.Arrays;
import java.util.HexFormat;

/** The first differing byte of two encodings and a hex excerpt of both around it. */
final class HexExcerpt {

  /** Bytes shown before and after the first difference. */
  static final int CONTEXT = 16;

  private HexExcerpt() {}

  /** A two-line excerpt, or an empty string when the encodings are equal. */
  static String describe(byte[] expected, byte[] actual) {
    int at = Arrays.mismatch(expected, actual);
    if (at < 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("first differing byte at offset 0x").append(Integer.toHexString(at));
    if (expected.length != actual.length) {
      sb.append(" (sizes: golden ").append(expected.length).append(" bytes, output ")
          .append(actual.length).append(')');
    }
    sb.append('\n');
    int from = Math.max(0, at - CONTEXT);
    sb.append("golden ").append(row(expected, from, at)).append('\n');
    sb.append("output ").append(row(actual, from, at));
    return sb.toString();
  }

  private static String row(byte[] bytes, int from, int at) {
    HexFormat hex = HexFormat.of();
    StringBuilder sb = new StringBuilder(String.format("%08x:", from));
    for (int i = from; i < Math.min(bytes.length, at + CONTEXT + 1); i++) {
      sb.append(i == at ? " [" + hex.toHexDigits(bytes[i]) + "]" : " " + hex.toHexDigits(bytes[i]));
    }
    if (at >= bytes.length) {
      sb.append(" [end]");
    }
    return sb.toString();
  }
}
