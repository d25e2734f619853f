package dev.coroner.interpreter.model;

/**
 * Table or memory limits.
 *
 * @param min minimum size (elements or pages)
 * @param max maximum size, or -1 when there is none
 * @param is64 whether the table or memory is 64-bit (WebAssembly 3.0: {@code i64} addresses,
 *     limits flag bit 2)
 */
public record Limits(long min, long max, boolean is64) {
  /** 32-bit limits. */
  public Limits(long min, long max) {
    this(min, max, false);
  }

  public boolean hasMax() {
    return max >= 0;
  }

  /** Import matching: this (the provided object's limits) fits the {@code required} limits. */
  public boolean matches(Limits required) {
    if (is64 != required.is64) {
      return false;
    }
    if (Long.compareUnsigned(min, required.min) < 0) {
      return false;
    }
    if (required.hasMax()) {
      return hasMax() && Long.compareUnsigned(max, required.max) <= 0;
    }
    return true;
  }
}
