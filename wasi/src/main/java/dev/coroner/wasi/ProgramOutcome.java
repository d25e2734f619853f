package dev.coroner.wasi;

import dev.coroner.interpreter.TrapException;

/** How a run of a command module's {@code _start} ended. */
public sealed interface ProgramOutcome {

  /**
   * The program exited: {@code _start} returned (exit code 0) or it called {@code proc_exit}.
   *
   * @param exitCode the exit code, an unsigned 32-bit number
   */
  record Exited(long exitCode) implements ProgramOutcome {}

  /**
   * The program trapped. With capture on, {@link TrapException#coreDump()} holds its dump; the
   * dump's memories are live views of the store, valid until the store runs again.
   */
  record Trapped(TrapException trap) implements ProgramOutcome {}

  /**
   * The embedder stopped the program with {@link dev.coroner.interpreter.Store#interrupt()} (a
   * time limit or Ctrl-C). The trap "interrupted" carries a dump when capture is on; whether to
   * write it is the caller's choice.
   */
  record Interrupted(TrapException trap) implements ProgramOutcome {}
}
