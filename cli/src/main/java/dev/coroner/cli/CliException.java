package dev.coroner.cli;

/**
 * A user-facing failure: its message is printed to stderr as it is (no stack trace) and the
 * command exits with {@link #exitCode()}. The message names the file, and the line or byte offset
 * when there is one.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A problem with what was asked for (exit {@value ExitCodes#USAGE}). */
  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** The input was read but is wrong, or running it failed (exit {@value ExitCodes#FAILURE}). */
  static CliException failure(String message) {
    return new CliException(ExitCodes.FAILURE, message);
  }

  /** See {@link #failure(String)}. */
  static CliException failure(String message, Throwable cause) {
    return new CliException(ExitCodes.FAILURE, message, cause);
  }

  int exitCode() {
    return exitCode;
  }
}
