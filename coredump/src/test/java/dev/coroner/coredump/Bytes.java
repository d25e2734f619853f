package dev.coroner.coredump;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helpers for writing byte arrays by hand. */
final class Bytes {

  private Bytes() {}

  static final String HEADER = "00 61 73 6d 01 00 00 00";

  /** Bytes from hex pairs; spaces, newlines and {@code |} are ignored. */
  static byte[] hex(String hex) {
    String h = hex.replaceAll("[\\s|]", "");
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** The header followed by {@code sections}. */
  static byte[] file(byte[]... sections) {
    return concat(hex(HEADER), concat(sections));
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A custom section {@code 00 size name payload} (minimal LEB sizes). */
  static byte[] custom(String name, byte[] payload) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] body = concat(Leb128.encodeU32(n.length), n, payload);
    return concat(new byte[] {0}, Leb128.encodeU32(body.length), body);
  }

  static byte[] custom(String name, String payloadHex) {
    return custom(name, hex(payloadHex));
  }

  /** A known section {@code id size payload}. */
  static byte[] section(int id, String payloadHex) {
    byte[] p = hex(payloadHex);
    return concat(new byte[] {(byte) id}, Leb128.encodeU32(p.length), p);
  }

  /** Splits a file (after the header) into its sections, each with id and size. */
  static List<byte[]> sections(byte[] file) throws CoreDumpFormatException {
    List<byte[]> out = new ArrayList<>();
    int pos = 8;
    while (pos < file.length) {
      int start = pos;
      pos++;
      ByteReader r = new ByteReader(file);
      r.skip(pos, "test");
      long size = Integer.toUnsignedLong(r.readU32("size"));
      pos = r.position() + (int) size;
      out.add(java.util.Arrays.copyOfRange(file, start, pos));
    }
    return out;
  }

  static String toHex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < b.length; i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
    }
    return s.toString();
  }
}
