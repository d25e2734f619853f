package dev.coroner.harness;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Locates the first differing byte of two encodings, names the section it falls in (with its
 * half-open byte range) and the byte's place in it, and shows both sides in hex around it.
 */
public final class ByteExcerpt {

  /** Bytes shown on each side of the first difference. */
  static final int CONTEXT = 16;

  private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

  private ByteExcerpt() {}

  /** The offset of the first byte where {@code a} and {@code b} differ, or -1 if they are equal. */
  static int firstDifference(byte[] a, byte[] b) {
    return java.util.Arrays.mismatch(a, b);
  }

  /**
   * A description of where {@code a} (expected) and {@code b} (actual) first differ: the offset,
   * the section of {@code a} it falls in, and a hex excerpt of both.
   */
  public static String describe(byte[] expected, byte[] actual) {
    int at = firstDifference(expected, actual);
    if (at < 0) {
      return "the encodings are identical";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("first differing byte at offset 0x").append(Integer.toHexString(at));
    String inExpected = sectionAt(expected, at);
    String inActual = sectionAt(actual, at);
    if (inExpected.equals(inActual)) {
      sb.append(" (").append(inExpected).append(")");
    } else {
      sb.append(" (expected: ").append(inExpected).append("; actual: ").append(inActual)
          .append(")");
    }
    if (expected.length != actual.length) {
      sb.append("; sizes: expected ").append(expected.length).append(" bytes, actual ")
          .append(actual.length);
    }
    sb.append('\n');
    int from = Math.max(0, at - CONTEXT);
    sb.append("  expected ").append(row(expected, from, at)).append('\n');
    sb.append("  actual   ").append(row(actual, from, at)).append('\n');
    return sb.toString();
  }

  private static String row(byte[] bytes, int from, int at) {
    StringBuilder sb = new StringBuilder(String.format("%08x: ", from));
    HexFormat hex = HexFormat.of();
    int to = Math.min(bytes.length, at + CONTEXT + 1);
    for (int i = from; i < to; i++) {
      if (i == at) {
        sb.append('[').append(hex.toHexDigits(bytes[i])).append("] ");
      } else {
        sb.append(hex.toHexDigits(bytes[i])).append(' ');
      }
    }
    if (at >= bytes.length) {
      sb.append("[end]");
    }
    return sb.toString().stripTrailing();
  }

  /**
   * A section span of an encoding: id, name for custom sections, and the byte range.
   *
   * @param start offset of the section id
   * @param contents offset of the section's contents (after the size)
   * @param payload offset of the payload: after the name for a custom section, else {@code
   *     contents}
   * @param end offset one past the section's last byte
   */
  record Span(int id, String name, int start, int contents, int payload, int end) {

    /** Which part of the section the byte at {@code offset} belongs to. */
    String part(int offset) {
      if (offset == start) {
        return "section id";
      }
      if (offset < contents) {
        return "section size";
      }
      if (offset < payload) {
        return "section name";
      }
      return "payload byte 0x" + Integer.toHexString(offset - payload);
    }

    String label() {
      String kind;
      switch (id) {
        case 0:
          kind = "custom section \"" + name + "\"";
          break;
        case 5:
          kind = "memory section";
          break;
        case 6:
          kind = "global section";
          break;
        case 11:
          kind = "data section";
          break;
        default:
          kind = "section id " + id;
      }
      return kind + " at " + range(start, end);
    }
  }

  /** The half-open byte range {@code [0xa, 0xb)}, the form every report of the project uses. */
  public static String range(long start, long end) {
    return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")";
  }

  /**
   * Splits an encoding into sections, tolerantly: it stops at the first section it cannot read,
   * since this is for explaining differences, not for validating (the strict decoder does that).
   */
  static List<Span> sections(byte[] bytes) {
    List<Span> out = new ArrayList<>();
    if (bytes.length < HEADER.length) {
      return out;
    }
    int pos = HEADER.length;
    while (pos < bytes.length) {
      int start = pos;
      int id = bytes[pos++] & 0xff;
      long[] size = readU32(bytes, pos);
      if (size == null) {
        break;
      }
      pos = (int) size[1];
      int contents = pos;
      long end = pos + size[0];
      if (end > bytes.length) {
        out.add(new Span(id, "?", start, contents, contents, bytes.length));
        break;
      }
      String name = "";
      int payload = contents;
      if (id == 0) {
        long[] len = readU32(bytes, pos);
        if (len != null && len[1] + len[0] <= end) {
          name = new String(bytes, (int) len[1], (int) len[0],
              java.nio.charset.StandardCharsets.UTF_8);
          payload = (int) (len[1] + len[0]);
        }
      }
      out.add(new Span(id, name, start, contents, payload, (int) end));
      pos = (int) end;
    }
    return out;
  }

  /** The label of the section containing {@code offset} in {@code bytes}. */
  static String sectionAt(byte[] bytes, int offset) {
    if (offset < HEADER.length) {
      return "module header";
    }
    for (Span s : sections(bytes)) {
      if (offset >= s.start() && offset < s.end()) {
        return s.label() + ", " + s.part(offset);
      }
    }
    return offset >= bytes.length ? "past the end of the expected bytes" : "outside any section";
  }

  /** {value, next position} of an unsigned LEB128 u32 at {@code pos}, or null if unreadable. */
  private static long[] readU32(byte[] b, int pos) {
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= b.length) {
        return null;
      }
      int x = b[pos++] & 0xff;
      result |= (long) (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        return new long[] {result, pos};
      }
    }
    return null;
  }
}
