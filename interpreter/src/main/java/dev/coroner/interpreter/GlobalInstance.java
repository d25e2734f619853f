package dev.coroner.interpreter;

import dev.coroner.interpreter.model.GlobalType;

/** A global variable; its value is raw bits (see {@link HostFunction} for the encoding). */
public final class GlobalInstance implements Extern {
  final GlobalType type;
  long value;

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

  /** Sets the value (also allowed for immutable globals: host code owns its globals). */
  public void set(long value) {
    this.value = value;
  }
}
