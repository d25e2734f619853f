package dev.coroner.wasi;

/**
 * A program fixture could not be run to an outcome: its module is malformed or invalid, cannot be
 * linked, is not a command, or a WASI function failed inside Coroner. The message starts with the
 * spec's id.
 */
public final class ProgramRunException extends Exception {
  private static final long serialVersionUID = 1L;

  ProgramRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
