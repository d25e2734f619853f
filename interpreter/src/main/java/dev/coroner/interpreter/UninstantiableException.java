package dev.coroner.interpreter;

import dev.coroner.coredump.CoreDump;
import java.util.Optional;

/**
 * Instantiation trapped: a segment did not fit or the start function trapped (spec: {@code
 * assert_uninstantiable}). The cause is the {@link TrapException}, which carries the coredump when
 * capture is enabled.
 */
public final class UninstantiableException extends WasmException {

  public UninstantiableException(TrapException trap) {
    super(trap.specMessage(), "during instantiation: " + trap.getMessage(), trap);
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
