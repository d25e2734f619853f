package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The readers ByteReader offers other formats (DWARF): LEB128 of any length up to 64 bits
 * against the BigInteger reference of {@link Leb128Properties}, fixed-width integers, C strings,
 * seeking and slicing, each error at its byte.
 */
class ByteReaderDwarfProperties {

  private static ByteReader reader(byte[] bytes) {
    return new ByteReader(bytes, 0, bytes.length, "test region");
  }

  /** A LEB128 from {@code r} where it must decode. */
  private static long leb(ByteReader r, boolean signed) {
    try {
      return signed ? r.readSleb128("value") : r.readUleb128("value");
    } catch (CoreDumpFormatException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void uleb128DecodesEveryU64PaddedToAnyLength() {
    ExampleCount ran = new ExampleCount("ByteReaderDwarfProperties.uleb128PaddedU64");
    qt().withExamples(Leb128Properties.EXAMPLES)
        .forAll(Leb128Properties.longs(), Generate.range(0, 10))
        .checkAssert((v, extra) -> {
          ran.tick();
          byte[] minimal = Leb128Properties.refUnsigned(Leb128Properties.unsigned(v));
          byte[] padded = Leb128Properties.pad(minimal, minimal.length + extra, false);
          ByteReader r = reader(padded);
          assertEquals(v, leb(r, false));
          assertTrue(r.atEnd());
        });
    ran.verify();
  }

  @Test
  void sleb128DecodesEveryS64PaddedToAnyLength() {
    ExampleCount ran = new ExampleCount("ByteReaderDwarfProperties.sleb128PaddedS64");
    qt().withExamples(Leb128Properties.EXAMPLES)
        .forAll(Leb128Properties.longs(), Generate.range(0, 10))
        .checkAssert((v, extra) -> {
          ran.tick();
          byte[] minimal = Leb128Properties.refSigned(BigInteger.valueOf(v));
          byte[] padded = Leb128Properties.pad(minimal, minimal.length + extra, v < 0);
          ByteReader r = reader(padded);
          assertEquals(v, leb(r, true));
          assertTrue(r.atEnd());
        });
    ran.verify();
  }

  /** Random encodings: the value if it fits in 64 bits, else an error at the first byte. */
  @Test
  void arbitraryEncodingsDecodeAsTheReferenceOrExceed64Bits() {
    ExampleCount.forAllSeeds("ByteReaderDwarfProperties.arbitraryEncodings", 3000, seed -> {
      Random random = new Random(seed);
      byte[] bytes = new byte[1 + random.nextInt(14)];
      random.nextBytes(bytes);
      for (int i = 0; i < bytes.length - 1; i++) {
        bytes[i] |= (byte) 0x80;
      }
      bytes[bytes.length - 1] &= 0x7F;
      byte[] input = new byte[bytes.length + 3];
      System.arraycopy(bytes, 0, input, 3, bytes.length);
      for (boolean signed : new boolean[] {false, true}) {
        BigInteger expected = Leb128Properties.refDecode(bytes, signed);
        boolean fits = signed ? expected.bitLength() <= 63 : expected.bitLength() <= 64;
        ByteReader r = new ByteReader(input, 3, input.length, "test region");
        if (fits) {
          long got = leb(r, signed);
          assertEquals(expected.longValue(), got);
          assertEquals(input.length, r.position());
        } else {
          CoreDumpFormatException e = assertThrows(CoreDumpFormatException.class,
              () -> {
                if (signed) {
                  r.readSleb128("value");
                } else {
                  r.readUleb128("value");
                }
              });
          assertEquals(3, e.offset());
          assertEquals((signed ? "SLEB128" : "ULEB128") + " for value exceeds 64 bits",
              e.reason());
        }
      }
    });
  }

  @Test
  void lebRunningOffTheRegionIsAnUnexpectedEndAtTheLimit() throws Exception {
    byte[] bytes = {0x00, (byte) 0x80, (byte) 0x80, 0x01};
    ByteReader r = new ByteReader(bytes, 1, 3, "unit");
    CoreDumpFormatException e =
        assertThrows(CoreDumpFormatException.class, () -> r.readUleb128("abbreviation code"));
    assertEquals(3, e.offset());
    assertEquals("unexpected end of unit while reading ULEB128 for abbreviation code",
        e.reason());
  }

  @Test
  void fixedWidthIntegersAreLittleEndian() throws Exception {
    byte[] bytes = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, (byte) 0xFF, (byte) 0xFE,
        (byte) 0xFD, (byte) 0xFC, (byte) 0xFB, (byte) 0xFA, (byte) 0xF9, (byte) 0xF8};
    ByteReader r = reader(bytes);
    assertEquals(0x0201, r.readU16Le("u16"));
    assertEquals(0x06050403L, r.readU32Le("u32"));
    assertEquals(0x0807, r.readU16Le("u16"));
    assertEquals(0xFEFF, r.readU16Le("u16"));
    r.seek(8, "back");
    assertEquals(0xF8F9FAFBFCFDFEFFL, r.readU64Le("u64"));
    assertThrows(CoreDumpFormatException.class, () -> r.readU16Le("past the end"));
  }

  @Test
  void cStringsConsumeTheirTerminatorAndMustHaveOne() throws Exception {
    byte[] bytes = "main\0\0x".getBytes(StandardCharsets.UTF_8);
    ByteReader r = reader(bytes);
    assertEquals("main", r.readCString("name"));
    assertEquals(5, r.position());
    assertEquals("", r.readCString("name"));
    CoreDumpFormatException e =
        assertThrows(CoreDumpFormatException.class, () -> r.readCString("name"));
    assertEquals(6, e.offset());
    assertEquals("unterminated string for name (no NUL before the end of the test region)",
        e.reason());
    // Not UTF-8: decoded with replacement characters, never an error.
    assertEquals("a\uFFFDb", reader(new byte[] {'a', (byte) 0xC0, 'b', 0}).readCString("s"));
  }

  @Test
  void seekAndSliceAtStayWithinTheRegion() throws Exception {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    ByteReader r = new ByteReader(bytes, 8, 24, "section");
    assertEquals(8, r.start());
    assertEquals(24, r.limit());
    r.seek(24, "end");
    assertTrue(r.atEnd());
    CoreDumpFormatException before =
        assertThrows(CoreDumpFormatException.class, () -> r.seek(7, "unit offset"));
    assertEquals("unit offset 0x7 is outside the section (0x8..0x18)", before.reason());
    assertThrows(CoreDumpFormatException.class, () -> r.seek(25, "unit offset"));
    ByteReader slice = r.sliceAt(10, 4, "table");
    assertEquals(10, slice.position());
    assertArrayEquals(new byte[] {10, 11, 12, 13}, slice.readBytes(4, "all"));
    assertThrows(CoreDumpFormatException.class, () -> slice.readByte("more"));
    CoreDumpFormatException tooLong =
        assertThrows(CoreDumpFormatException.class, () -> r.sliceAt(20, 5, "table"));
    assertEquals(20, tooLong.offset());
    assertThrows(IndexOutOfBoundsException.class, () -> new ByteReader(bytes, 4, 40, "x"));
  }
}
