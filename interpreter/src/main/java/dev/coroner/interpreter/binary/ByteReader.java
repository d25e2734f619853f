package dev.coroner.interpreter.binary;

import dev.coroner.interpreter.MalformedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounded reader over a module's bytes that knows its absolute offset. Reading past the bound
 * fails with a {@link MalformedException} naming the offset; LEB128 reads are strict.
 */
public final class ByteReader {
  private final byte[] buf;
  private int pos;
  private int end;

  public ByteReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public ByteReader(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  public int pos() {
    return pos;
  }

  public int end() {
    return end;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean atEnd() {
    return pos >= end;
  }

  public byte[] buffer() {
    return buf;
  }

  /** Limits reading to {@code newEnd}; returns the previous end. */
  public int limit(int newEnd) {
    int old = end;
    end = newEnd;
    return old;
  }

  public void seek(int newPos) {
    pos = newPos;
  }

  private boolean inSection;

  /** Marks whether reads are inside a section (which changes the end-of-input message). */
  public void inSection(boolean inside) {
    inSection = inside;
  }

  private String eofMessage() {
    return inSection || end < buf.length ? "unexpected end of section or function"
        : "unexpected end";
  }

  MalformedException eof() {
    return MalformedException.at(eofMessage(), pos);
  }

  public int u8() {
    if (pos >= end) {
      throw eof();
    }
    return buf[pos++] & 0xFF;
  }

  public int peek() {
    if (pos >= end) {
      throw eof();
    }
    return buf[pos] & 0xFF;
  }

  /** An unsigned 32-bit LEB128, returned as int bits. */
  public int u32() {
    int start = pos;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift >= 35) {
        throw MalformedException.at("integer representation too long", start);
      }
      int b = u8();
      if (shift == 28 && (b & 0x70) != 0) {
        if ((b & 0x80) != 0) {
          throw MalformedException.at("integer representation too long", start);
        }
        throw MalformedException.at("integer too large", start);
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (int) result;
      }
    }
  }

  /** A u32 that must fit a non-negative int (counts, indices used as array sizes). */
  public int u32Index() {
    int start = pos;
    int v = u32();
    if (v < 0) {
      throw MalformedException.at("integer too large", start);
    }
    return v;
  }

  /** A signed LEB128 of at most {@code bits} bits. */
  public long sleb(int bits) {
    int start = pos;
    long result = 0;
    int shift = 0;
    int maxBytes = (bits + 6) / 7;
    int b;
    int count = 0;
    do {
      if (count == maxBytes) {
        throw MalformedException.at("integer representation too long", start);
      }
      b = u8();
      count++;
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (count == maxBytes) {
      // The last byte's unused bits must be a sign extension of the value's top bit.
      int usedBits = bits - 7 * (maxBytes - 1);
      int unused = b & 0x7F & ~((1 << usedBits) - 1) & 0x7F;
      boolean negative = ((b >> (usedBits - 1)) & 1) != 0;
      int expected = negative ? (0x7F & ~((1 << usedBits) - 1)) : 0;
      if (unused != expected) {
        throw MalformedException.at("integer too large", start);
      }
    }
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  public int s32() {
    return (int) sleb(32);
  }

  public long s64() {
    return sleb(64);
  }

  public int f32Bits() {
    int b0 = u8();
    int b1 = u8();
    int b2 = u8();
    int b3 = u8();
    return b0 | b1 << 8 | b2 << 16 | b3 << 24;
  }

  public long f64Bits() {
    long lo = f32Bits() & 0xFFFFFFFFL;
    long hi = f32Bits() & 0xFFFFFFFFL;
    return lo | hi << 32;
  }

  /** {@code n} raw bytes (copied). */
  public byte[] bytes(int n) {
    if (n < 0 || n > end - pos) {
      throw MalformedException.at(eofMessage(), pos);
    }
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  /** A length-prefixed UTF-8 name. */
  public String name() {
    int n = u32Index();
    if (n > end - pos) {
      throw MalformedException.at("length out of bounds", pos);
    }
    int start = pos;
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buf, pos, n))
              .toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw MalformedException.at("malformed UTF-8 encoding", start);
    }
  }

  /**
   * A vector count, checked against the remaining bytes: each element takes at least {@code
   * minElementSize} bytes, so a larger count cannot be honest and is rejected before anything is
   * allocated.
   */
  public int count(int minElementSize) {
    int start = pos;
    int n = u32();
    if (n < 0 || (long) n * minElementSize > end - pos) {
      throw MalformedException.at(eofMessage(), start);
    }
    return n;
  }
}
