package dev.coroner.interpreter.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * The v128 lane model against a reference written here: lanes as little-endian fields of a
 * {@link ByteBuffer} holding the 16 bytes, and saturating arithmetic through {@link BigInteger}.
 * Random pairs of vectors; every property prints how many examples it ran.
 */
class V128Properties {
  private static final int EXAMPLES = 1500;
  private static final int[] WIDTHS = {8, 16, 32, 64};

  private static ByteBuffer bytes(long lo, long hi) {
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0, lo).putLong(8, hi);
  }

  /** Lane {@code i} of {@code bits}-bit lanes, sign-extended, read from the bytes. */
  private static long ref(ByteBuffer b, int bits, int i) {
    switch (bits) {
      case 8: return b.get(i);
      case 16: return b.getShort(2 * i);
      case 32: return b.getInt(4 * i);
      default: return b.getLong(8 * i);
    }
  }

  private static void ran(String name, int n) {
    System.out.println("[property] V128Properties." + name + ": " + n + " examples");
    assertTrue(n >= 1000, name + " ran only " + n);
  }

  @Test
  void lanesAreLittleEndianFieldsOfTheSixteenBytes() {
    int[] n = {0};
    qt().withExamples(EXAMPLES)
        .forAll(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
        .checkAssert((lo, hi) -> {
          n[0]++;
          long[] s = {lo, hi};
          ByteBuffer b = bytes(lo, hi);
          for (int bits : WIDTHS) {
            for (int i = 0; i < 128 / bits; i++) {
              assertEquals(ref(b, bits, i), V128.lane(s, 0, bits, i), bits + "-bit lane " + i);
              long[] r = {0, 0};
              V128.replaceLane(r, 0, new long[] {0, 0}, 0, bits, i, ref(b, bits, i));
              ByteBuffer only = bytes(r[0], r[1]);
              assertEquals(ref(b, bits, i), ref(only, bits, i));
            }
          }
        });
    ran("lanesAreLittleEndianFieldsOfTheSixteenBytes", n[0]);
  }

  @Test
  void saturatingAndWrappingLaneArithmeticMatchesBigIntegers() {
    int[] n = {0};
    qt().withExamples(EXAMPLES)
        .forAll(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE),
            Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
        .checkAssert((alo, ahi, blo, bhi) -> {
          n[0]++;
          long[] s = {alo, ahi, blo, bhi};
          for (int bits : new int[] {8, 16}) {
            BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
            BigInteger max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
            BigInteger umax = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            long[] sat = new long[2];
            long[] usat = new long[2];
            long[] add = new long[2];
            V128.binary(sat, 0, V128.ADD_SAT_S, bits, s, 0, 2);
            V128.binary(usat, 0, V128.SUB_SAT_U, bits, s, 0, 2);
            V128.binary(add, 0, V128.ADD, bits, s, 0, 2);
            ByteBuffer a = bytes(alo, ahi);
            ByteBuffer b = bytes(blo, bhi);
            for (int i = 0; i < 128 / bits; i++) {
              BigInteger x = BigInteger.valueOf(ref(a, bits, i));
              BigInteger y = BigInteger.valueOf(ref(b, bits, i));
              BigInteger sum = x.add(y).max(min).min(max);
              assertEquals(sum.longValue(), ref(bytes(sat[0], sat[1]), bits, i));
              BigInteger xu = x.and(umax);
              BigInteger yu = y.and(umax);
              BigInteger diff = xu.subtract(yu).max(BigInteger.ZERO);
              assertEquals(diff.longValue(),
                  ref(bytes(usat[0], usat[1]), bits, i) & umax.longValue());
              assertEquals(x.add(y).and(umax).longValue(),
                  ref(bytes(add[0], add[1]), bits, i) & umax.longValue());
            }
          }
        });
    ran("saturatingAndWrappingLaneArithmeticMatchesBigIntegers", n[0]);
  }
}
