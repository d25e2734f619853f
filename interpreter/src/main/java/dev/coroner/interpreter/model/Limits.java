package dev.coroner.interpreter.model;

/**
 * Table or memory limits.
 *
 * @param min minimum size (elements or pages)
 * @param max maximum size, or -1 when there is none
 */
public record Limits(long min, long max) {
  public boolean hasMax() {
    return max >= 0;
  }

  /** Import matching: this (the provided object's limits) fits the {@code required} limits. */
  public boolean matches(Limits required) {
    if (min < required.min) {
      return false;
    }
    if (required.hasMax()) {
      return hasMax() && max <= required.max;
    }
    return true;
  }
}
