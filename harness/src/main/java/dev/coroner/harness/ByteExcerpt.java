package dev.coroner.harness;

import dev.coroner.coredump.ByteReader;
import dev.coroner.coredump.CoreDumpFormatException;
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
    ByteReader r = new ByteReader(bytes);
    try {
      r.skip(HEADER.length, "header");
      while (!r.atEnd()) {
        int start = r.position();
        int id = r.readByte("section id");
        long size = Integer.toUnsignedLong(r.readU32("section size"));
        int contents = r.position();
        long end = contents + size;
        if (end > bytes.length) {
          out.add(new Span(id, "?", start, contents, contents, bytes.length));
          break;
        }
        String name = "";
        int payload = contents;
        if (id == 0) {
          ByteReader custom = r.sliceAt(contents, size, "custom section");
          try {
            name = custom.readName("custom section name");
            payload = custom.position();
          } catch (CoreDumpFormatException e) {
            // An unreadable name: the section is shown without one.
          }
        }
        out.add(new Span(id, name, start, contents, payload, (int) end));
        r.seek(end, "section end");
      }
    } catch (CoreDumpFormatException e) {
      // Stop at the first section that cannot be read; what came before is still useful.
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
}
