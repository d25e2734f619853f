package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** LEB128 over the full ranges, edge-biased, against a BigInteger reference written here. */
class Leb128Properties {

  static final int EXAMPLES = 2000;

  /** 0, ±1, ±2^k and ±2^k ± 1, and the extremes, for a type of {@code bits} bits. */
  static List<Long> edges(int bits) {
    List<Long> out = new ArrayList<>();
    for (int k = 0; k < 64; k++) {
      long p = 1L << k;
      for (long v : new long[] {p, p - 1, p + 1, -p, -p - 1, -p + 1}) {
        out.add(v);
      }
    }
    out.addAll(List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE,
        (long) Integer.MAX_VALUE, 0xFFFF_FFFFL));
    return out;
  }

  /** Edge values half of the time, uniform values otherwise. */
  static Gen<Long> longs() {
    return Generate.pick(edges(64)).mix(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE), 50);
  }

  static Gen<Integer> ints() {
    return longs().map(Long::intValue);
  }

  // ---- reference implementation ----

  static byte[] refUnsigned(BigInteger v) {
    List<Byte> out = new ArrayList<>();
    BigInteger b128 = BigInteger.valueOf(128);
    do {
      int low = v.mod(b128).intValue();
      v = v.shiftRight(7);
      out.add((byte) (v.signum() == 0 ? low : low | 0x80));
    } while (v.signum() != 0);
    return toArray(out);
  }

  static byte[] refSigned(BigInteger v) {
    List<Byte> out = new ArrayList<>();
    BigInteger b128 = BigInteger.valueOf(128);
    while (true) {
      int low = v.mod(b128).intValue(); // mod is always non-negative
      v = v.shiftRight(7); // arithmetic (floor) shift
      boolean signBit = (low & 0x40) != 0;
      if ((v.signum() == 0 && !signBit) || (v.equals(BigInteger.ONE.negate()) && signBit)) {
        out.add((byte) low);
        return toArray(out);
      }
      out.add((byte) (low | 0x80));
    }
  }

  static BigInteger refDecode(byte[] bytes, boolean signed) {
    BigInteger v = BigInteger.ZERO;
    int shift = 0;
    for (byte b : bytes) {
      v = v.or(BigInteger.valueOf(b & 0x7F).shiftLeft(shift));
      shift += 7;
    }
    if (signed && (bytes[bytes.length - 1] & 0x40) != 0) {
      v = v.subtract(BigInteger.ONE.shiftLeft(shift));
    }
    return v;
  }

  private static byte[] toArray(List<Byte> list) {
    byte[] out = new byte[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  static BigInteger unsigned(long v) {
    return new BigInteger(Long.toUnsignedString(v));
  }

  /** {@code minimal} padded with redundant continuation bytes to {@code length} bytes. */
  static byte[] pad(byte[] minimal, int length, boolean negative) {
    byte[] out = Arrays.copyOf(minimal, length);
    for (int i = minimal.length - 1; i < length - 1; i++) {
      out[i] |= (byte) 0x80;
    }
    for (int i = minimal.length; i < length; i++) {
      out[i] = (byte) (negative ? (i == length - 1 ? 0x7F : 0xFF) : (i == length - 1 ? 0 : 0x80));
    }
    return out;
  }

  // ---- properties ----

  @Test
  void u32MatchesReferenceAndRoundTrips() {
    ExampleCount ran = new ExampleCount("Leb128Properties.u32MatchesReferenceAndRoundTrips");
    qt().withExamples(EXAMPLES).forAll(ints()).checkAssert(v -> {
      ran.tick();
      byte[] enc = Leb128.encodeU32(v);
      assertArrayEquals(refUnsigned(unsigned(Integer.toUnsignedLong(v))), enc);
      assertEquals(enc.length, Leb128.sizeU32(v));
      assertTrue(enc.length <= 5);
      assertEquals(v, decode(() -> Leb128.decodeU32(enc)));
      assertEquals(Integer.toUnsignedLong(v), refDecode(enc, false).longValueExact());
    });
    ran.verify();
  }

  @Test
  void s32MatchesReferenceAndRoundTrips() {
    ExampleCount ran = new ExampleCount("Leb128Properties.s32MatchesReferenceAndRoundTrips");
    qt().withExamples(EXAMPLES).forAll(ints()).checkAssert(v -> {
      ran.tick();
      byte[] enc = Leb128.encodeS32(v);
      assertArrayEquals(refSigned(BigInteger.valueOf(v)), enc);
      assertEquals(enc.length, Leb128.sizeS32(v));
      assertTrue(enc.length <= 5);
      assertEquals(v, decode(() -> Leb128.decodeS32(enc)));
      assertEquals(v, refDecode(enc, true).intValueExact());
    });
    ran.verify();
  }

  @Test
  void u64MatchesReferenceAndRoundTrips() {
    ExampleCount ran = new ExampleCount("Leb128Properties.u64MatchesReferenceAndRoundTrips");
    qt().withExamples(EXAMPLES).forAll(longs()).checkAssert(v -> {
      ran.tick();
      byte[] enc = Leb128.encodeU64(v);
      assertArrayEquals(refUnsigned(unsigned(v)), enc);
      assertEquals(enc.length, Leb128.sizeU64(v));
      assertEquals(v, decode(() -> Leb128.decodeU64(enc)));
      assertEquals(unsigned(v), refDecode(enc, false));
    });
    ran.verify();
  }

  @Test
  void s64MatchesReferenceAndRoundTrips() {
    ExampleCount ran = new ExampleCount("Leb128Properties.s64MatchesReferenceAndRoundTrips");
    qt().withExamples(EXAMPLES).forAll(longs()).checkAssert(v -> {
      ran.tick();
      byte[] enc = Leb128.encodeS64(v);
      assertArrayEquals(refSigned(BigInteger.valueOf(v)), enc);
      assertEquals(enc.length, Leb128.sizeS64(v));
      assertEquals(v, decode(() -> Leb128.decodeS64(enc)));
      assertEquals(BigInteger.valueOf(v), refDecode(enc, true));
    });
    ran.verify();
  }

  @Test
  void paddedEncodingsUpToTheLimitDecodeAndLongerOnesAreTooLong() {
    ExampleCount ran = new ExampleCount("Leb128Properties.paddedEncodingsUpToTheLimitDecodeAndLongerOnesAreTooLong");
    qt().withExamples(EXAMPLES).forAll(longs(), Generate.range(0, 3)).checkAssert((v, type) -> {
      ran.tick();
      int maxBytes = type < 2 ? 5 : 10;
      boolean signed = type % 2 == 1;
      long value = type < 2 ? (signed ? (long) v.intValue() : Integer.toUnsignedLong(v.intValue())) : v;
      byte[] minimal = encode(type, value);
      boolean negative = signed && value < 0;
      byte[] full = pad(minimal, maxBytes, negative);
      assertEquals(value, (long) decode(() -> decodeAny(type, full))); // non-minimal, allowed
      byte[] tooLong = pad(minimal, maxBytes + 1, negative);
      CoreDumpFormatException e =
          assertThrows(CoreDumpFormatException.class, () -> decodeAny(type, tooLong));
      assertTrue(e.getMessage().contains("representation too long"), e.getMessage());
      assertEquals(maxBytes - 1, e.offset());
    });
    ran.verify();
  }

  @Test
  void unusedHighBitsAreTooLarge() {
    // A full-length encoding whose last byte sets a bit beyond the type's width (unsigned) or
    // disagrees with the sign bit (signed).
    ExampleCount ran = new ExampleCount("Leb128Properties.unusedHighBitsAreTooLarge");
    qt().withExamples(EXAMPLES).forAll(longs(), Generate.range(0, 3), Generate.range(0, 6))
        .checkAssert((v, type, bit) -> {
          ran.tick();
          int bits = type < 2 ? 32 : 64;
          int maxBytes = type < 2 ? 5 : 10;
          boolean signed = type % 2 == 1;
          int payloadBits = bits - 7 * (maxBytes - 1); // 4 or 1
          if (bit < payloadBits) {
            bit = payloadBits; // only bits above the payload (and the sign bit) are unused
          }
          long value = type < 2 ? (signed ? (long) v.intValue() : Integer.toUnsignedLong(v.intValue())) : v;
          byte[] full = pad(encode(type, value), maxBytes, signed && value < 0);
          full[maxBytes - 1] ^= (byte) (1 << bit);
          byte[] bad = full;
          CoreDumpFormatException e =
              assertThrows(CoreDumpFormatException.class, () -> decodeAny(type, bad));
          assertTrue(e.getMessage().contains("integer too large"), e.getMessage());
          assertEquals(maxBytes - 1, e.offset());
        });
    ran.verify();
  }

  @Test
  void truncatedEncodingsAreRejectedAtTheEnd() {
    ExampleCount ran = new ExampleCount("Leb128Properties.truncatedEncodingsAreRejectedAtTheEnd");
    qt().withExamples(EXAMPLES).forAll(longs()).checkAssert(v -> {
      ran.tick();
      byte[] enc = Leb128.encodeU64(v);
      byte[] cut = Arrays.copyOf(enc, enc.length - 1);
      if (cut.length == 0) {
        return;
      }
      cut[cut.length - 1] |= (byte) 0x80;
      CoreDumpFormatException e =
          assertThrows(CoreDumpFormatException.class, () -> Leb128.decodeU64(cut));
      assertEquals(cut.length, e.offset());
      assertTrue(e.getMessage().contains("unexpected end"));
    });
    ran.verify();
  }

  private static byte[] encode(int type, long value) {
    switch (type) {
      case 0:
        return Leb128.encodeU32((int) value);
      case 1:
        return Leb128.encodeS32((int) value);
      case 2:
        return Leb128.encodeU64(value);
      default:
        return Leb128.encodeS64(value);
    }
  }

  private static long decodeAny(int type, byte[] b) throws CoreDumpFormatException {
    switch (type) {
      case 0:
        return Integer.toUnsignedLong(Leb128.decodeU32(b));
      case 1:
        return Leb128.decodeS32(b);
      case 2:
        return Leb128.decodeU64(b);
      default:
        return Leb128.decodeS64(b);
    }
  }

  interface Decoding<T> {
    T get() throws CoreDumpFormatException;
  }

  static <T> T decode(Decoding<T> d) {
    try {
      return d.get();
    } catch (CoreDumpFormatException e) {
      throw new AssertionError(e);
    }
  }
}
