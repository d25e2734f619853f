package dev.coroner.interpreter;

/**
 * Conversions between value-stack slots (raw {@code long} bits) and Java floats, for calling the
 * float semantics. Raw conversions only, so NaN payloads survive; f32 bits live in the low 32 bits
 * of a slot.
 */
final class Bits {

  private Bits() {}

  static float f32(long bits) {
    return Float.intBitsToFloat((int) bits);
  }

  static double f64(long bits) {
    return Double.longBitsToDouble(bits);
  }

  static long bits(float f) {
    return Float.floatToRawIntBits(f);
  }

  static long bits(double d) {
    return Double.doubleToRawLongBits(d);
  }
}
