package dev.coroner.interpreter;

import dev.coroner.interpreter.model.GlobalType;

/**
 * A global variable; its value is raw bits (see {@link HostFunction} for the encoding). A v128
 * global holds bytes 0..7 in {@link #get()} and bytes 8..15 in {@link #getHigh()}.
 */
public final class GlobalInstance implements Extern {
  final GlobalType type;
  long value;
  /** Bytes 8..15 of a v128 value; 0 for other types. */
  long high;

  public GlobalInstance(GlobalType type, long value) {
    this.type = type;
    this.value = value;
  }

  public GlobalType type() {
    return type;
  }

  public long get() {
    return value;
  }

  /** Bytes 8..15 (little endian) of a v128 global's value; 0 for other types. */
  public long getHigh() {
    return high;
  }

  /** Sets a v128 global's value: bytes 0..7 and 8..15 as little-endian longs. */
  public void setV128(long low, long high) {
    this.value = low;
    this.high = high;
  }

  /** Sets the value (also allowed for immutable globals: host code owns its globals). */
  public void set(long value) {
    this.value = value;
  }
}
