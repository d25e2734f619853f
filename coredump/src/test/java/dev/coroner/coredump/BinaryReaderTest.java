package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The generic reader with another format's errors: every failure reaches the factory with its
 * absolute offsets, so a format can word its own messages (the interpreter's module parser does).
 */
class BinaryReaderTest {
  /** An unchecked error recording what the reader reported. */
  static final class Failure extends RuntimeException {
    final String kind;
    final long first;
    final long second;

    Failure(String kind, long first, long second) {
      super(kind + " " + first + " " + second);
      this.kind = kind;
      this.first = first;
      this.second = second;
    }
  }

  private static final BinaryReader.Errors<Failure> ERRORS = new BinaryReader.Errors<>() {
    @Override
    public Failure unexpectedEnd(String region, long limit, long at, String what) {
      return new Failure("end of " + region, limit, at);
    }

    @Override
    public Failure lebTooLong(long start, long at, int bits, boolean signed, String what) {
      return new Failure("too long " + (signed ? "s" : "u") + bits, start, at);
    }

    @Override
    public Failure lebTooLarge(long start, long at, int bits, boolean signed, String what) {
      return new Failure("too large " + (signed ? "s" : "u") + bits, start, at);
    }

    @Override
    public Failure tooLarge(String region, long at, String what, long value, String bound) {
      return new Failure(what + " too large", at, value);
    }

    @Override
    public Failure invalidUtf8(long start, long at, String what) {
      return new Failure("utf8", start, at);
    }

    @Override
    public Failure badByte(long at, int found, int expected, String what) {
      return new Failure("byte", at, found);
    }

    @Override
    public Failure trailingBytes(long at, String region, long count) {
      return new Failure("trailing", at, count);
    }

    @Override
    public Failure malformed(long at, String reason) {
      return new Failure(reason, at, -1);
    }
  };

  private static BinaryReader<Failure> reader(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return new BinaryReader<>(b, "module", ERRORS);
  }

  private static void assertFailure(String kind, long first, long second, Failure f) {
    assertEquals(kind + " " + first + " " + second, f.getMessage());
  }

  @Test
  void slicesKeepAbsoluteOffsetsAndEndAtTheirOwnLimit() {
    BinaryReader<Failure> r = reader(0xAA, 0x02, 0x05, 0x06, 0x07);
    r.readByte("skip");
    int sizeAt = r.position();
    BinaryReader<Failure> section = r.slice(r.readU32("size"), sizeAt, "section");
    assertEquals(2, section.position());
    assertEquals(4, section.limit());
    assertEquals(5, section.readByte("a"));
    assertEquals(6, section.readByte("b"));
    assertFailure("end of section", 4, 4, assertThrows(Failure.class, () -> section.readByte("c")));
    assertEquals(7, r.readByte("after the slice"));
  }

  @Test
  void lebErrorsReportBothTheStartAndTheOffendingByte() {
    // Five bytes of a u32 whose last one still has its continuation bit.
    assertFailure("too long u32", 1, 5, assertThrows(Failure.class,
        () -> advanced(reader(0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)).readU32("x")));
    // The fifth byte of a u32 may only use its low 4 bits.
    assertFailure("too large u32", 1, 5, assertThrows(Failure.class,
        () -> advanced(reader(0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F)).readU32("x")));
    assertFailure("end of module", 3, 3, assertThrows(Failure.class,
        () -> advanced(reader(0x00, 0x80, 0x80)).readU64("x")));
  }

  private static BinaryReader<Failure> advanced(BinaryReader<Failure> r) {
    r.readByte("skip");
    return r;
  }

  @Test
  void signed33BitIntegersCoverBlockTypeIndicesAndSignExtend() {
    assertEquals(-64, reader(0x40).readS33("block type"));
    assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).readS33("type index"));
    assertEquals(-(1L << 32), reader(0x80, 0x80, 0x80, 0x80, 0x70).readS33("type index"));
    assertFailure("too large s33", 0, 4, assertThrows(Failure.class,
        () -> reader(0x80, 0x80, 0x80, 0x80, 0x20).readS33("type index")));
  }

  @Test
  void countsNamesAndTrailingBytesReachTheFactory() {
    assertFailure("item count too large", 0, 3,
        assertThrows(Failure.class, () -> reader(0x03, 0x00).readCount("item", 100, 1)));
    assertFailure("utf8", 1, 2,
        assertThrows(Failure.class, () -> reader(0x02, 0x41, 0xFF).readName("name")));
    assertEquals("AB", reader(0x02, 0x41, 0x42).readName("name"));
    BinaryReader<Failure> r = reader(0x01, 0x02);
    r.expectByte(0x01, "lead");
    assertFailure("trailing", 1, 1, assertThrows(Failure.class, () -> r.expectEnd("section")));
    assertFailure("byte", 1, 2, assertThrows(Failure.class, () -> r.expectByte(0x00, "lead")));
  }
}
