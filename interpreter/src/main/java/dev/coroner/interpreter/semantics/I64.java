package dev.coroner.interpreter.semantics;

/**
 * The meaning of the instructions that take or produce an {@code i64}: its comparisons (i32
 * results 0 or 1), arithmetic, bit operations and conversions to i64. Each method is named after its
 * instruction as in {@link I32}: the table's {@code I64_EXTEND_I32_U} is {@link #extendI32U}.
 * Trapping ones throw {@link Trap}.
 */
public final class I64 {
  private I64() {}

  public static int eqz(long a) {
    return a == 0 ? 1 : 0;
  }

  public static int eq(long a, long b) {
    return a == b ? 1 : 0;
  }

  public static int ne(long a, long b) {
    return a != b ? 1 : 0;
  }

  public static int ltS(long a, long b) {
    return a < b ? 1 : 0;
  }

  public static int ltU(long a, long b) {
    return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
  }

  public static int gtS(long a, long b) {
    return a > b ? 1 : 0;
  }

  public static int gtU(long a, long b) {
    return Long.compareUnsigned(a, b) > 0 ? 1 : 0;
  }

  public static int leS(long a, long b) {
    return a <= b ? 1 : 0;
  }

  public static int leU(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
  }

  public static int geS(long a, long b) {
    return a >= b ? 1 : 0;
  }

  public static int geU(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
  }

  public static long clz(long a) {
    return Long.numberOfLeadingZeros(a);
  }

  public static long ctz(long a) {
    return Long.numberOfTrailingZeros(a);
  }

  public static long popcnt(long a) {
    return Long.bitCount(a);
  }

  public static long add(long a, long b) {
    return a + b;
  }

  public static long sub(long a, long b) {
    return a - b;
  }

  public static long mul(long a, long b) {
    return a * b;
  }

  public static long divS(long a, long b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    if (b == -1 && a == Long.MIN_VALUE) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return a / b;
  }

  public static long divU(long a, long b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    return Long.divideUnsigned(a, b);
  }

  public static long remS(long a, long b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    return b == -1 ? 0 : a % b;
  }

  public static long remU(long a, long b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    return Long.remainderUnsigned(a, b);
  }

  public static long and(long a, long b) {
    return a & b;
  }

  public static long or(long a, long b) {
    return a | b;
  }

  public static long xor(long a, long b) {
    return a ^ b;
  }

  /** Shift counts are taken modulo 64, as Java's shifts do. */
  public static long shl(long a, long b) {
    return a << b;
  }

  public static long shrS(long a, long b) {
    return a >> b;
  }

  public static long shrU(long a, long b) {
    return a >>> b;
  }

  public static long rotl(long a, long b) {
    return Long.rotateLeft(a, (int) b);
  }

  public static long rotr(long a, long b) {
    return Long.rotateRight(a, (int) b);
  }

  public static long extendI32S(int a) {
    return a;
  }

  public static long extendI32U(int a) {
    return a & 0xFFFFFFFFL;
  }

  public static long truncF32S(float x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x >= -9223372036854775808.0f && x < 9223372036854775808.0f)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return (long) x;
  }

  public static long truncF32U(float x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x > -1.0f && x < 18446744073709551616.0f)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return u64FromDouble(x);
  }

  public static long truncF64S(double x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return (long) x;
  }

  public static long truncF64U(double x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x > -1.0 && x < 18446744073709551616.0)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return u64FromDouble(x);
  }

  /** Java's float-to-long conversion saturates and maps NaN to 0, as the spec asks. */
  public static long truncSatF32S(float x) {
    return (long) x;
  }

  public static long truncSatF32U(float x) {
    return truncSatF64U(x);
  }

  public static long truncSatF64S(double x) {
    return (long) x;
  }

  public static long truncSatF64U(double x) {
    if (!(x > -1.0)) {
      return 0;
    }
    if (x >= 18446744073709551616.0) {
      return -1L;
    }
    return u64FromDouble(x);
  }

  /** Truncates {@code x} in [0, 2^64) to an unsigned 64-bit integer. */
  private static long u64FromDouble(double x) {
    if (x < 9223372036854775808.0) {
      return (long) x;
    }
    return (long) (x - 9223372036854775808.0) ^ Long.MIN_VALUE;
  }

  /** The double's bits, NaN payloads included. */
  public static long reinterpretF64(double x) {
    return Double.doubleToRawLongBits(x);
  }

  public static long extend8S(long a) {
    return (byte) a;
  }

  public static long extend16S(long a) {
    return (short) a;
  }

  public static long extend32S(long a) {
    return (int) a;
  }
}
