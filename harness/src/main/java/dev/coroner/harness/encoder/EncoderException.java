package dev.coroner.harness.encoder;

import java.util.Objects;

/**
 * An encoder could not produce output at all; the message says why, and {@link #kind()} tells
 * {@link EncoderSuite} whether trying the next golden makes sense.
 */
public final class EncoderException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the encoder produced nothing. */
  public enum Kind {
    /** It failed on this input (crashed, exited non-zero, wrote nothing): try the next golden. */
    FAILED,
    /**
     * It cannot run at all (the command is not found or not executable, no temporary directory):
     * every golden would fail the same way, so the suite stops at once.
     */
    CANNOT_START,
    /** It ran past its time limit and was stopped; a suite stops after two in a row at the start. */
    TIMED_OUT
  }

  private final Kind kind;

  /** A {@link Kind#FAILED} exception with a message for people. */
  public EncoderException(String message) {
    this(Kind.FAILED, message, null);
  }

  /** A {@link Kind#FAILED} exception with a message for people and the underlying cause. */
  public EncoderException(String message, Throwable cause) {
    this(Kind.FAILED, message, cause);
  }

  /** An exception of {@code kind} with a message for people and the cause, if any. */
  public EncoderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** Why the encoder produced nothing. */
  public Kind kind() {
    return kind;
  }
}
