package dev.coroner.interpreter;

import dev.coroner.coredump.CoreDump;
import java.util.Optional;

/**
 * Instantiation trapped: a segment did not fit or the start function trapped (spec: {@code
 * assert_uninstantiable}). The cause is the {@link TrapException}, which carries the coredump when
 * capture is enabled; {@link #offset()} is the trap's.
 */
public final class UninstantiableException extends WasmException {
  private static final long serialVersionUID = 1L;

  UninstantiableException(TrapException trap) {
    super(trap.specMessage(), "during instantiation: " + trap.getMessage(), trap,
        trap.offset().orElse(-1));
  }

  /** The trap that stopped instantiation. */
  public TrapException trap() {
    return (TrapException) getCause();
  }

  /** The trap's coredump, if capture is enabled. */
  public Optional<CoreDump> coreDump() {
    return trap().coreDump();
  }
}
