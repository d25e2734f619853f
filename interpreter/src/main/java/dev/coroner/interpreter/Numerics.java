package dev.coroner.interpreter;

/**
 * Numeric helpers of the interpreter whose semantics differ from plain Java: float conversions to
 * integers (trapping and saturating), unsigned conversions, and NaN-correct min/max/rounding.
 * Float bits are handled raw wherever the spec asks for bitwise behaviour (neg, abs, copysign).
 */
final class Numerics {
  private Numerics() {}

  static final long F32_SIGN = 0x80000000L;
  static final long F64_SIGN = 0x8000000000000000L;

  /**
   * Thrown by the trapping conversions; the interpreter loop turns it into a {@link TrapException}
   * positioned at the converting instruction. Preallocated, without a stack trace.
   */
  static final class NumericTrap extends RuntimeException {
    final String specMessage;

    NumericTrap(String specMessage) {
      super(specMessage, null, false, false);
      this.specMessage = specMessage;
    }
  }

  private static final NumericTrap OVERFLOW = new NumericTrap(TrapException.INTEGER_OVERFLOW);
  private static final NumericTrap INVALID = new NumericTrap(TrapException.INVALID_CONVERSION);

  private static NumericTrap overflow() {
    return OVERFLOW;
  }

  private static NumericTrap invalidConversion() {
    return INVALID;
  }

  // ---- trapping truncation; callers turn these exceptions into traps at the right pc ----

  static int i32TruncF32S(float x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x >= -2147483648.0f && x < 2147483648.0f)) {
      throw overflow();
    }
    return (int) x;
  }

  static int i32TruncF32U(float x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0f && x < 4294967296.0f)) {
      throw overflow();
    }
    return (int) (long) x;
  }

  static int i32TruncF64S(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -2147483649.0 && x < 2147483648.0)) {
      throw overflow();
    }
    return (int) x;
  }

  static int i32TruncF64U(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0 && x < 4294967296.0)) {
      throw overflow();
    }
    return (int) (long) x;
  }

  static long i64TruncF32S(float x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x >= -9223372036854775808.0f && x < 9223372036854775808.0f)) {
      throw overflow();
    }
    return (long) x;
  }

  static long i64TruncF32U(float x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0f && x < 18446744073709551616.0f)) {
      throw overflow();
    }
    return u64FromDouble(x);
  }

  static long i64TruncF64S(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) {
      throw overflow();
    }
    return (long) x;
  }

  static long i64TruncF64U(double x) {
    if (x != x) {
      throw invalidConversion();
    }
    if (!(x > -1.0 && x < 18446744073709551616.0)) {
      throw overflow();
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

  // ---- saturating truncation ----

  static int i32TruncSatF32U(float x) {
    if (!(x > -1.0f)) {
      return 0;
    }
    if (x >= 4294967296.0f) {
      return -1;
    }
    return (int) (long) x;
  }

  static int i32TruncSatF64U(double x) {
    if (!(x > -1.0)) {
      return 0;
    }
    if (x >= 4294967296.0) {
      return -1;
    }
    return (int) (long) x;
  }

  static long i64TruncSatF64U(double x) {
    if (!(x > -1.0)) {
      return 0;
    }
    if (x >= 18446744073709551616.0) {
      return -1L;
    }
    return u64FromDouble(x);
  }

  // ---- unsigned conversions ----

  static float f32ConvertI64U(long v) {
    if (v >= 0) {
      return (float) v;
    }
    // Halve with round-to-odd so the final rounding is correct, then double.
    float f = (float) ((v >>> 1) | (v & 1));
    return f * 2.0f;
  }

  static double f64ConvertI64U(long v) {
    if (v >= 0) {
      return (double) v;
    }
    double d = (double) ((v >>> 1) | (v & 1));
    return d * 2.0;
  }

  // ---- float operations with Wasm NaN rules ----

  static float fmin(float a, float b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.min(a, b);
  }

  static float fmax(float a, float b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.max(a, b);
  }

  static double fmin(double a, double b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.min(a, b);
  }

  static double fmax(double a, double b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.max(a, b);
  }

  static float ceil(float x) {
    return x != x ? x + x : (float) Math.ceil(x);
  }

  static float floor(float x) {
    return x != x ? x + x : (float) Math.floor(x);
  }

  static float trunc(float x) {
    if (x != x) {
      return x + x;
    }
    return (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
  }

  static float nearest(float x) {
    return x != x ? x + x : (float) Math.rint(x);
  }

  static float sqrt(float x) {
    return x != x ? x + x : (float) Math.sqrt(x);
  }

  static double ceil(double x) {
    return x != x ? x + x : Math.ceil(x);
  }

  static double floor(double x) {
    return x != x ? x + x : Math.floor(x);
  }

  static double trunc(double x) {
    if (x != x) {
      return x + x;
    }
    return x < 0 ? Math.ceil(x) : Math.floor(x);
  }

  static double nearest(double x) {
    return x != x ? x + x : Math.rint(x);
  }

  static double sqrt(double x) {
    return x != x ? x + x : Math.sqrt(x);
  }
}
