package dev.coroner.symbols;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes little-endian test bytes: what DWARF and Wasm sections are made of. */
final class ByteWriter {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  int size() {
    return out.size();
  }

  ByteWriter u8(int v) {
    out.write(v);
    return this;
  }

  ByteWriter fixed(long v, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  ByteWriter u16(int v) {
    return fixed(v, 2);
  }

  ByteWriter u32(long v) {
    return fixed(v, 4);
  }

  ByteWriter u64(long v) {
    return fixed(v, 8);
  }

  ByteWriter uleb(long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  ByteWriter sleb(long v) {
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  ByteWriter cstring(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
    return u8(0);
  }

  ByteWriter bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  ByteWriter bytes(ByteWriter w) {
    return bytes(w.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** A Wasm section: id, size, contents. */
  static ByteWriter section(int id, ByteWriter contents) {
    return new ByteWriter().u8(id).uleb(contents.size()).bytes(contents);
  }

  /** A Wasm custom section: id 0, size, name, contents. */
  static ByteWriter custom(String name, ByteWriter contents) {
    ByteWriter payload = new ByteWriter();
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    payload.uleb(n.length).bytes(n).bytes(contents);
    return section(0, payload);
  }
}
