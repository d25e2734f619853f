package dev.coroner.coredump;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Section framing shared by the section codecs: header, ids, names, section envelopes. */
final class Sections {

  private Sections() {}

  /** {@code \0asm} and binary format version 1. */
  static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

  static final int CUSTOM_ID = 0;
  static final int MEMORY_ID = 5;
  static final int GLOBAL_ID = 6;
  static final int DATA_ID = 11;

  /** Labels of the standard section ids 1..13, index = id; id 0 is custom. */
  private static final String[] LABELS = {
    "custom", "type", "import", "function", "table", "memory", "global", "export", "start",
    "element", "code", "data", "datacount", "tag"
  };

  /** Where each standard section id stands in the Wasm module order (tag after memory, datacount before code). */
  private static final int[] ORDER = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

  /** The Wasm module order, for messages. */
  static final String WASM_ORDER =
      "type, import, function, table, memory, tag, global, export, start, element, datacount, "
          + "code, data";

  /** Whether {@code id} is a section id of the Wasm binary format (0..13). */
  static boolean isKnownId(int id) {
    return id >= 0 && id < LABELS.length;
  }

  /** The label of a known section id: {@code "memory"}, {@code "custom"}. */
  static String label(int id) {
    return LABELS[id];
  }

  /** The rank of standard section {@code id} (1..13) in the Wasm module order. */
  static int order(int id) {
    return ORDER[id];
  }

  /** The end opcode that closes a constant expression. */
  static final int END = 0x0B;

  /** The UTF-8 bytes of {@code name}, refusing strings that are not valid Unicode. */
  static byte[] utf8(String name) {
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(name));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("name is not valid Unicode (lone surrogate?): " + name, e);
    }
  }

  /** Writes a Wasm {@code name}: u32 byte length, then UTF-8 bytes. */
  static void writeName(ByteSink out, String name) {
    byte[] bytes = utf8(name);
    Leb128.writeU32(out, bytes.length);
    out.writeBytes(bytes);
  }

  /** Writes a known section: id, u32 size, payload. */
  static void writeSection(ByteSink out, int id, ByteSink.Growable payload) {
    out.writeByte(id);
    Leb128.writeU32(out, payload.size());
    payload.writeTo(out);
  }

  /** Writes a custom section: id 0, u32 size, name, payload. */
  static void writeCustom(ByteSink out, String name, ByteSink.Growable payload) {
    byte[] nameBytes = utf8(name);
    long size = (long) Leb128.sizeU32(nameBytes.length) + nameBytes.length + payload.size();
    Checks.checkArgument(size <= 0xFFFF_FFFFL, "custom section %s too large: %s bytes", name, size);
    out.writeByte(CUSTOM_ID);
    Leb128.writeU32(out, (int) size);
    Leb128.writeU32(out, nameBytes.length);
    out.writeBytes(nameBytes);
    payload.writeTo(out);
  }
}
