package dev.coroner.interpreter.semantics;

/**
 * The meaning of the instructions that produce an {@code i32}: comparisons (results 0 or 1),
 * arithmetic, bit operations and conversions to i32. Each method is named after its instruction's
 * text name, less the type, in camel case: the table's {@code I32_TRUNC_F64_U} is {@link
 * #truncF64U}; the i64 comparisons (i32 results) are in {@link I64}. Trapping ones throw {@link
 * Trap}.
 */
public final class I32 {
  private I32() {}

  public static int eqz(int a) {
    return a == 0 ? 1 : 0;
  }

  public static int eq(int a, int b) {
    return a == b ? 1 : 0;
  }

  public static int ne(int a, int b) {
    return a != b ? 1 : 0;
  }

  public static int ltS(int a, int b) {
    return a < b ? 1 : 0;
  }

  public static int ltU(int a, int b) {
    return a + Integer.MIN_VALUE < b + Integer.MIN_VALUE ? 1 : 0;
  }

  public static int gtS(int a, int b) {
    return a > b ? 1 : 0;
  }

  public static int gtU(int a, int b) {
    return a + Integer.MIN_VALUE > b + Integer.MIN_VALUE ? 1 : 0;
  }

  public static int leS(int a, int b) {
    return a <= b ? 1 : 0;
  }

  public static int leU(int a, int b) {
    return a + Integer.MIN_VALUE <= b + Integer.MIN_VALUE ? 1 : 0;
  }

  public static int geS(int a, int b) {
    return a >= b ? 1 : 0;
  }

  public static int geU(int a, int b) {
    return a + Integer.MIN_VALUE >= b + Integer.MIN_VALUE ? 1 : 0;
  }

  public static int clz(int a) {
    return Integer.numberOfLeadingZeros(a);
  }

  public static int ctz(int a) {
    return Integer.numberOfTrailingZeros(a);
  }

  public static int popcnt(int a) {
    return Integer.bitCount(a);
  }

  public static int add(int a, int b) {
    return a + b;
  }

  public static int sub(int a, int b) {
    return a - b;
  }

  public static int mul(int a, int b) {
    return a * b;
  }

  public static int divS(int a, int b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    if (b == -1 && a == Integer.MIN_VALUE) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return a / b;
  }

  public static int divU(int a, int b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    return Integer.divideUnsigned(a, b);
  }

  public static int remS(int a, int b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    return b == -1 ? 0 : a % b;
  }

  public static int remU(int a, int b) {
    if (b == 0) {
      throw Trap.DIVIDE_BY_ZERO;
    }
    return Integer.remainderUnsigned(a, b);
  }

  public static int and(int a, int b) {
    return a & b;
  }

  public static int or(int a, int b) {
    return a | b;
  }

  public static int xor(int a, int b) {
    return a ^ b;
  }

  /** Shift counts are taken modulo 32, as Java's shifts do. */
  public static int shl(int a, int b) {
    return a << b;
  }

  public static int shrS(int a, int b) {
    return a >> b;
  }

  public static int shrU(int a, int b) {
    return a >>> b;
  }

  public static int rotl(int a, int b) {
    return Integer.rotateLeft(a, b);
  }

  public static int rotr(int a, int b) {
    return Integer.rotateRight(a, b);
  }

  public static int wrapI64(long a) {
    return (int) a;
  }

  public static int truncF32S(float x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x >= -2147483648.0f && x < 2147483648.0f)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return (int) x;
  }

  public static int truncF32U(float x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x > -1.0f && x < 4294967296.0f)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return (int) (long) x;
  }

  public static int truncF64S(double x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x > -2147483649.0 && x < 2147483648.0)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return (int) x;
  }

  public static int truncF64U(double x) {
    if (x != x) {
      throw Trap.INVALID_CONVERSION;
    }
    if (!(x > -1.0 && x < 4294967296.0)) {
      throw Trap.INTEGER_OVERFLOW;
    }
    return (int) (long) x;
  }

  /** Java's float-to-int conversion saturates and maps NaN to 0, as the spec asks. */
  public static int truncSatF32S(float x) {
    return (int) x;
  }

  public static int truncSatF32U(float x) {
    return truncSatF64U(x);
  }

  public static int truncSatF64S(double x) {
    return (int) x;
  }

  public static int truncSatF64U(double x) {
    if (!(x > -1.0)) {
      return 0;
    }
    if (x >= 4294967296.0) {
      return -1;
    }
    return (int) (long) x;
  }

  /** The float's bits, NaN payloads included. */
  public static int reinterpretF32(float x) {
    return Float.floatToRawIntBits(x);
  }

  public static int extend8S(int a) {
    return (byte) a;
  }

  public static int extend16S(int a) {
    return (short) a;
  }
}
