package dev.coroner.interpreter.semantics;

import dev.coroner.interpreter.TrapException;

/**
 * Thrown by an instruction's semantics when it traps. It carries the spec's message (and an
 * optional detail such as the address), not a position: the engine that ran the instruction catches
 * it and raises a {@link TrapException} at the instruction, with a coredump when capture is on.
 * Without a stack trace; the traps with a fixed message are preallocated.
 */
public final class Trap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final Trap DIVIDE_BY_ZERO = new Trap(TrapException.DIVIDE_BY_ZERO, null);
  static final Trap INTEGER_OVERFLOW = new Trap(TrapException.INTEGER_OVERFLOW, null);
  static final Trap INVALID_CONVERSION = new Trap(TrapException.INVALID_CONVERSION, null);
  static final Trap MEMORY_OUT_OF_BOUNDS = new Trap(TrapException.MEMORY_OUT_OF_BOUNDS, null);
  static final Trap TABLE_OUT_OF_BOUNDS = new Trap(TrapException.TABLE_OUT_OF_BOUNDS, null);

  private final String specMessage;
  private final String detail;

  private Trap(String specMessage, String detail) {
    super(specMessage, null, false, false);
    this.specMessage = specMessage;
    this.detail = detail;
  }

  /** An access of linear memory at effective address {@code address} that does not fit. */
  public static Trap memoryAccess(long address) {
    return new Trap(TrapException.MEMORY_OUT_OF_BOUNDS,
        "address " + Long.toUnsignedString(address));
  }

  /** A bulk memory access that does not fit ("out of bounds memory access"). */
  public static Trap memoryOutOfBounds() {
    return MEMORY_OUT_OF_BOUNDS;
  }

  /** A table access that does not fit ("out of bounds table access"). */
  public static Trap tableOutOfBounds() {
    return TABLE_OUT_OF_BOUNDS;
  }

  /** A trap with the spec's {@code specMessage} and a {@code detail} (or null). */
  public static Trap of(String specMessage, String detail) {
    return new Trap(specMessage, detail);
  }

  /** The spec's message, for instance "integer divide by zero". */
  public String specMessage() {
    return specMessage;
  }

  /** What else is known (for instance "address 65536"), or null. */
  public String detail() {
    return detail;
  }
}
