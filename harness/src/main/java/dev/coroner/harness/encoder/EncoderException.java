package dev.coroner.harness.encoder;

/** An encoder could not produce output at all; the message says why. */
public final class EncoderException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An exception with a message for people. */
  public EncoderException(String message) {
    super(message);
  }

  /** An exception with a message for people and the underlying cause. */
  public EncoderException(String message, Throwable cause) {
    super(message, cause);
  }
}
