package dev.coroner.interpreter.semantics;

/**
 * The meaning of the instructions that produce an {@code f32} or compare two: arithmetic with the
 * spec's NaN rules, comparisons (i32 results 0 or 1) and conversions to f32. Each method is named
 * after its instruction as in {@link I32}: the table's {@code F32_CONVERT_I64_U} is {@link
 * #convertI64U}. The sign operations ({@link #abs}, {@link #neg}, {@link #copysign}) and {@link
 * #reinterpretI32} are defined on raw bits, as the spec does, so NaN payloads pass through
 * unchanged.
 */
public final class F32 {
  static final int SIGN = 0x80000000;

  private F32() {}

  public static int eq(float a, float b) {
    return a == b ? 1 : 0;
  }

  public static int ne(float a, float b) {
    return a != b ? 1 : 0;
  }

  public static int lt(float a, float b) {
    return a < b ? 1 : 0;
  }

  public static int gt(float a, float b) {
    return a > b ? 1 : 0;
  }

  public static int le(float a, float b) {
    return a <= b ? 1 : 0;
  }

  public static int ge(float a, float b) {
    return a >= b ? 1 : 0;
  }

  /** On bits: clears the sign. */
  public static int abs(int bits) {
    return bits & ~SIGN;
  }

  /** On bits: flips the sign. */
  public static int neg(int bits) {
    return bits ^ SIGN;
  }

  /** On bits: {@code a}'s magnitude with {@code b}'s sign. */
  public static int copysign(int a, int b) {
    return (a & ~SIGN) | (b & SIGN);
  }

  public static float ceil(float x) {
    return x != x ? x + x : (float) Math.ceil(x);
  }

  public static float floor(float x) {
    return x != x ? x + x : (float) Math.floor(x);
  }

  public static float trunc(float x) {
    if (x != x) {
      return x + x;
    }
    return (float) (x < 0 ? Math.ceil(x) : Math.floor(x));
  }

  public static float nearest(float x) {
    return x != x ? x + x : (float) Math.rint(x);
  }

  public static float sqrt(float x) {
    return x != x ? x + x : (float) Math.sqrt(x);
  }

  public static float add(float a, float b) {
    return a + b;
  }

  public static float sub(float a, float b) {
    return a - b;
  }

  public static float mul(float a, float b) {
    return a * b;
  }

  public static float div(float a, float b) {
    return a / b;
  }

  public static float min(float a, float b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.min(a, b);
  }

  public static float max(float a, float b) {
    if (a != a || b != b) {
      return a + b;
    }
    return Math.max(a, b);
  }

  public static float convertI32S(int a) {
    return a;
  }

  public static float convertI32U(int a) {
    return a & 0xFFFFFFFFL;
  }

  public static float convertI64S(long a) {
    return a;
  }

  public static float convertI64U(long v) {
    if (v >= 0) {
      return (float) v;
    }
    // Halve with round-to-odd so the final rounding is correct, then double.
    float f = (float) ((v >>> 1) | (v & 1));
    return f * 2.0f;
  }

  public static float demoteF64(double x) {
    return (float) x;
  }

  /** The float with these bits; in a value stack of raw bits, a move. */
  public static float reinterpretI32(int bits) {
    return Float.intBitsToFloat(bits);
  }
}
