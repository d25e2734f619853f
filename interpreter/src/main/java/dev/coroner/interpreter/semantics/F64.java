package dev.coroner.interpreter.semantics;

/**
 * The meaning of the instructions that produce an {@code f64} or compare two: arithmetic with the
 * spec's NaN rules, comparisons (i32 results 0 or 1) and conversions to f64. Each method is named
 * after its instruction as in {@link I32}: the table's {@code F64_PROMOTE_F32} is {@link
 * #promoteF32}. The sign operations ({@link #abs},
 * {@link #neg}, {@link #copysign}) and {@link #reinterpretI64} are defined on raw bits, as the
 * spec does, so NaN payloads pass through unchanged.
 */
public final class F64 {
  static final long SIGN = 0x8000000000000000L;

  private F64() {}

  public static int eq(double a, double b) {
    return a == b ? 1 : 0;
  }

  public static int ne(double a, double b) {
    return a != b ? 1 : 0;
  }

  public static int lt(double a, double b) {
    return a < b ? 1 : 0;
  }

  public static int gt(double a, double b) {
    return a > b ? 1 : 0;
  }

  public static int le(double a, double b) {
    return a <= b ? 1 : 0;
  }

  public static int ge(double a, double b) {
    return a >= b ? 1 : 0;
  }

  /** On bits: clears the sign. */
  public static long abs(long bits) {
    return bits & ~SIGN;
  }

  /** On bits: flips the sign. */
  public static long neg(long bits) {
    return bits ^ SIGN;
  }

  /** On bits: {@code a}'s magnitude with {@code b}'s sign. */
  public static long copysign(long a, long b) {
    return (a & ~SIGN) | (b & SIGN);
  }

  public static double ceil(double x) {
    return x != x ? x + x : Math.ceil(x);
  }

  public static double floor(double x) {
    return x != x ? x + x : Math.floor(x);
  }

  public static double trunc(double x) {
    if (x != x) {
      return x + x;
    }
    return x < 0 ? Math.ceil(x) : Math.floor(x);
  }

  public static double nearest(double x) {
    return x != x ? x + x : Math.rint(x);
  }

  public static double sqrt(double x) {
    return x != x ? x + x : Math.sqrt(x);
  }

  public static double add(double a, double b) {
    return a + b;
  }

  public static double sub(double a, double b) {
    return a - b;
  }

  public static double mul(double a, double b) {
    return a * b;
  }

  public static double div(double a, double b) {
    return a / b;
  }

  public static double min(double a, double b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.min(a, b);
  }

  public static double max(double a, double b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.max(a, b);
  }

  public static double convertI32S(int a) {
    return a;
  }

  public static double convertI32U(int a) {
    return a & 0xFFFFFFFFL;
  }

  public static double convertI64S(long a) {
    return a;
  }

  public static double convertI64U(long v) {
    if (v >= 0) {
      return (double) v;
    }
    double d = (double) ((v >>> 1) | (v & 1));
    return d * 2.0;
  }

  public static double promoteF32(float x) {
    return x;
  }

  /** The double with these bits; in a value stack of raw bits, a move. */
  public static double reinterpretI64(long bits) {
    return Double.longBitsToDouble(bits);
  }
}
