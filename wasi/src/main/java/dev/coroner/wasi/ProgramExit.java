package dev.coroner.wasi;

/**
 * The program called {@code proc_exit}: the run is over, with {@link #exitCode()}. Thrown out of
 * the interpreter through the host call; it is not a trap and carries no coredump.
 */
public final class ProgramExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long exitCode;

  /** @param exitCode the guest's exit code, an unsigned 32-bit number */
  public ProgramExit(long exitCode) {
    super("proc_exit(" + exitCode + ")", null, false, false);
    if (exitCode < 0 || exitCode > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("not a u32 exit code: " + exitCode);
    }
    this.exitCode = exitCode;
  }

  /** The exit code the program passed, 0 to 2^32-1. */
  public long exitCode() {
    return exitCode;
  }
}
