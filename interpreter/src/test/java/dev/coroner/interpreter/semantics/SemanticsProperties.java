package dev.coroner.interpreter.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.coroner.interpreter.TrapException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The integer and conversion semantics against a {@link BigInteger} / {@link BigDecimal}
 * reference written here, over edge-biased random values: the cases where Java's operators and
 * WebAssembly's instructions part ways (unsigned arithmetic, the overflowing division, truncation
 * of floats out of range).
 */
class SemanticsProperties {
  private static final int EXAMPLES = 2000;
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);

  private static Gen<Long> longs() {
    List<Long> edges = new ArrayList<>();
    for (int k = 0; k < 64; k++) {
      long p = 1L << k;
      edges.addAll(List.of(p, p - 1, p + 1, -p, -p - 1, -p + 1));
    }
    edges.addAll(List.of(0L, -1L, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE));
    return Generate.pick(edges).mix(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE), 50);
  }

  /** Doubles near the integer ranges' ends half of the time, any bit pattern otherwise. */
  private static Gen<Double> doubles() {
    List<Double> edges = new ArrayList<>();
    for (double e : new double[] {0, 0x1p31, 0x1p32, 0x1p63, 0x1p64}) {
      for (double d : new double[] {e, Math.nextUp(e), Math.nextDown(e), e - 1, e + 1}) {
        edges.add(d);
        edges.add(-d);
      }
    }
    edges.addAll(List.of(-1.0, -0.5, 0.5, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, -0.0));
    return Generate.pick(edges).mix(longs().map(Double::longBitsToDouble), 50);
  }

  private static <T> void check(String name, Gen<T> gen, Consumer<T> property) {
    int[] ran = {0};
    qt().withExamples(EXAMPLES).forAll(gen).checkAssert(v -> {
      ran[0]++;
      property.accept(v);
    });
    assertTrue(ran[0] >= 1000, name + " ran only " + ran[0] + " examples");
    System.out.println("[property] SemanticsProperties." + name + ": " + ran[0] + " examples");
  }

  private static BigInteger unsigned(long v) {
    return BigInteger.valueOf(v).mod(TWO_64);
  }

  private static BigInteger unsigned(int v) {
    return BigInteger.valueOf(v).mod(TWO_32);
  }

  private static String trap(Runnable r) {
    return assertThrows(Trap.class, r::run).specMessage();
  }

  @Test
  void i64DivisionAndRemainderMatchTruncatingBigIntegerArithmetic() {
    check("i64DivRem", longs().zip(longs(), List::of), pair -> {
      long a = pair.get(0);
      long b = pair.get(1);
      if (b == 0) {
        for (Runnable r : List.<Runnable>of(() -> I64.divS(a, b), () -> I64.divU(a, b),
            () -> I64.remS(a, b), () -> I64.remU(a, b))) {
          assertEquals(TrapException.DIVIDE_BY_ZERO, trap(r));
        }
        return;
      }
      BigInteger q = BigInteger.valueOf(a).divide(BigInteger.valueOf(b));
      if (q.bitLength() > 63) {
        assertEquals(TrapException.INTEGER_OVERFLOW, trap(() -> I64.divS(a, b)));
      } else {
        assertEquals(q.longValueExact(), I64.divS(a, b));
      }
      assertEquals(BigInteger.valueOf(a).remainder(BigInteger.valueOf(b)).longValueExact(),
          I64.remS(a, b));
      assertEquals(unsigned(a).divide(unsigned(b)), unsigned(I64.divU(a, b)));
      assertEquals(unsigned(a).remainder(unsigned(b)), unsigned(I64.remU(a, b)));
      assertEquals(unsigned(a).compareTo(unsigned(b)) < 0 ? 1 : 0, I64.ltU(a, b));
      assertEquals(unsigned(a).compareTo(unsigned(b)) >= 0 ? 1 : 0, I64.geU(a, b));
    });
  }

  @Test
  void i32DivisionRemainderAndUnsignedComparisonsMatchBigIntegerArithmetic() {
    check("i32DivRem", longs().zip(longs(), (x, y) -> new int[] {x.intValue(), y.intValue()}),
        pair -> {
          int a = pair[0];
          int b = pair[1];
          if (b == 0) {
            assertEquals(TrapException.DIVIDE_BY_ZERO, trap(() -> I32.divS(a, b)));
            assertEquals(TrapException.DIVIDE_BY_ZERO, trap(() -> I32.remU(a, b)));
            return;
          }
          BigInteger q = BigInteger.valueOf(a).divide(BigInteger.valueOf(b));
          if (q.bitLength() > 31) {
            assertEquals(TrapException.INTEGER_OVERFLOW, trap(() -> I32.divS(a, b)));
          } else {
            assertEquals(q.intValueExact(), I32.divS(a, b));
          }
          assertEquals(BigInteger.valueOf(a).remainder(BigInteger.valueOf(b)).intValueExact(),
              I32.remS(a, b));
          assertEquals(unsigned(a).divide(unsigned(b)), unsigned(I32.divU(a, b)));
          assertEquals(unsigned(a).remainder(unsigned(b)), unsigned(I32.remU(a, b)));
          int cmp = unsigned(a).compareTo(unsigned(b));
          assertEquals(cmp < 0 ? 1 : 0, I32.ltU(a, b));
          assertEquals(cmp > 0 ? 1 : 0, I32.gtU(a, b));
          assertEquals(cmp <= 0 ? 1 : 0, I32.leU(a, b));
          assertEquals(cmp >= 0 ? 1 : 0, I32.geU(a, b));
        });
  }

  @Test
  void truncationsToIntegersTrapOrSaturateExactlyAtTheRangeEnds() {
    check("truncations", doubles(), x -> {
      if (Double.isNaN(x)) {
        assertEquals(TrapException.INVALID_CONVERSION, trap(() -> I64.truncF64U(x)));
        assertEquals(TrapException.INVALID_CONVERSION, trap(() -> I32.truncF64S(x)));
        assertEquals(0, I64.truncSatF64U(x));
        assertEquals(0, I32.truncSatF64S(x));
        return;
      }
      BigInteger t = Double.isInfinite(x) ? BigInteger.valueOf(x > 0 ? 1 : -1).shiftLeft(80)
          : new BigDecimal(x).toBigInteger();
      checkRange(t, BigInteger.ZERO, TWO_64, () -> unsigned(I64.truncF64U(x)),
          () -> unsigned(I64.truncSatF64U(x)));
      checkRange(t, BigInteger.ONE.shiftLeft(63).negate(), BigInteger.ONE.shiftLeft(63),
          () -> BigInteger.valueOf(I64.truncF64S(x)), () -> BigInteger.valueOf(I64.truncSatF64S(x)));
      checkRange(t, BigInteger.ZERO, TWO_32, () -> unsigned(I32.truncF64U(x)),
          () -> unsigned(I32.truncSatF64U(x)));
      checkRange(t, BigInteger.ONE.shiftLeft(31).negate(), BigInteger.ONE.shiftLeft(31),
          () -> BigInteger.valueOf(I32.truncF64S(x)), () -> BigInteger.valueOf(I32.truncSatF64S(x)));
    });
  }

  /** The trapping truncation gives {@code t} inside [min, max), traps outside; the saturating clamps. */
  private static void checkRange(BigInteger t, BigInteger min, BigInteger max,
      java.util.function.Supplier<BigInteger> trapping,
      java.util.function.Supplier<BigInteger> saturating) {
    boolean inside = t.compareTo(min) >= 0 && t.compareTo(max) < 0;
    if (inside) {
      assertEquals(t, trapping.get());
      assertEquals(t, saturating.get());
    } else {
      assertEquals(TrapException.INTEGER_OVERFLOW, trap(trapping::get));
      assertEquals(t.signum() < 0 ? min : max.subtract(BigInteger.ONE), saturating.get());
    }
  }

  @Test
  void unsignedConversionsToFloatsRoundLikeBigInteger() {
    check("unsignedToFloat", longs(), v -> {
      assertEquals(unsigned(v).doubleValue(), F64.convertI64U(v));
      assertEquals(unsigned(v).floatValue(), F32.convertI64U(v));
      assertEquals(unsigned((int) (long) v).floatValue(), F32.convertI32U((int) (long) v));
    });
  }

  @Test
  void signOperationsWorkOnBitsAndKeepNaNPayloads() {
    int snan = 0x7FA00001;
    assertEquals(0xFFA00001, F32.neg(snan));
    assertEquals(snan, F32.abs(0xFFA00001));
    assertEquals(0xFFA00001, F32.copysign(snan, 0x80000000));
    assertEquals(0x7FF4000000000001L, F64.abs(0xFFF4000000000001L));
    assertSame(Trap.MEMORY_OUT_OF_BOUNDS, assertThrows(Trap.class,
        () -> Memory.fill(new byte[4], 2, 0, 3)));
    assertEquals("address 65536", assertThrows(Trap.class,
        () -> Memory.load8U(new byte[65536], 65536)).detail());
  }
}
