package dev.coroner.debugserver;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounded reader over a module's bytes that knows its absolute offset; every malformation
 * becomes a {@link ModuleFormatException} naming that offset.
 */
final class ModuleReader {
  private final byte[] bytes;
  private final int end;
  private int pos;

  ModuleReader(byte[] bytes, int pos, int end) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  int pos() {
    return pos;
  }

  int end() {
    return end;
  }

  boolean atEnd() {
    return pos >= end;
  }

  void seek(int to) {
    pos = to;
  }

  /** A reader over the next {@code size} bytes (inside this reader's bounds); skips them here. */
  ModuleReader sub(int size) {
    ModuleReader sub = new ModuleReader(bytes, pos, pos + size);
    pos += size;
    return sub;
  }

  int u8() throws ModuleFormatException {
    if (pos >= end) {
      throw new ModuleFormatException("unexpected end of data", pos);
    }
    return bytes[pos++] & 0xFF;
  }

  /** An unsigned LEB128 of at most 32 bits (5 bytes). */
  long u32() throws ModuleFormatException {
    int start = pos;
    long result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = u8();
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (result > 0xFFFF_FFFFL) {
          throw new ModuleFormatException("integer too large for u32", start);
        }
        return result;
      }
    }
    throw new ModuleFormatException("integer representation too long for u32", start);
  }

  /** A u32 used as a count or size inside this reader's bounds. */
  int length(String what) throws ModuleFormatException {
    int start = pos;
    long n = u32();
    if (n > end - pos) {
      throw new ModuleFormatException(what + " of " + n + " bytes runs past its end", start);
    }
    return (int) n;
  }

  /** An unsigned LEB128 of at most 64 bits (10 bytes), for memory64 limits. */
  void skipU64() throws ModuleFormatException {
    int start = pos;
    for (int i = 0; i < 10; i++) {
      if ((u8() & 0x80) == 0) {
        return;
      }
    }
    throw new ModuleFormatException("integer representation too long for u64", start);
  }

  /** A signed LEB128 of at most 33 bits (a heap type index). */
  void skipS33() throws ModuleFormatException {
    int start = pos;
    for (int i = 0; i < 5; i++) {
      if ((u8() & 0x80) == 0) {
        return;
      }
    }
    throw new ModuleFormatException("integer representation too long for s33", start);
  }

  String name() throws ModuleFormatException {
    int start = pos;
    int length = length("name");
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, length))
              .toString();
      pos += length;
      return s;
    } catch (CharacterCodingException e) {
      throw new ModuleFormatException("name is not valid UTF-8", start);
    }
  }
}
