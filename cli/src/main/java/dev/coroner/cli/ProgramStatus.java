package dev.coroner.cli;

/**
 * The exit status of {@code coroner run PROGRAM.wasm}, designed so that a trap can be told apart
 * from every exit code a program can return.
 *
 * <p>A WASI program's exit code is a u32, but a process's exit status holds 8 bits, and only 0
 * to 125 are ordinary exit codes: shells give 126 and up their own meanings, and WASI's later
 * {@code proc_exit} text reserves them (a code of 126 or more behaves like a trap). So:
 *
 * <ul>
 *   <li>0–125: the program exited with this code ({@code proc_exit} or returning from {@code
 *       main});
 *   <li>{@value #EXIT_OUT_OF_RANGE}: the program exited with a code above 125 (stderr names it);
 *   <li>{@value #TRAP}: the program trapped (128 + SIGABRT, the status of a native C program
 *       killed by {@code abort()}, and wasmtime's for a trap); the coredump was written;
 *   <li>{@value #INTERRUPTED}: stopped by Ctrl-C (128 + SIGINT, as shells report it);
 *   <li>{@value #TIMED_OUT}: stopped by {@code --timeout} (128 + SIGALRM, the alarm signal).
 * </ul>
 *
 * Before the program starts, coroner's own errors keep the codes of every command: 1 (the module
 * is malformed, cannot be linked or is not a command), 2 (usage, a missing file or folder); 3 is
 * an internal error. Each prints one message on stderr.
 */
final class ProgramStatus {
  /** The largest exit code passed through as it is. */
  static final int MAX_EXIT_CODE = 125;
  static final int EXIT_OUT_OF_RANGE = 126;
  static final int INTERRUPTED = 130;
  static final int TRAP = 134;
  static final int TIMED_OUT = 142;

  private ProgramStatus() {}

  /** The status for a program's exit code. */
  static int ofExitCode(long code) {
    return code <= MAX_EXIT_CODE ? (int) code : EXIT_OUT_OF_RANGE;
  }
}
