package dev.coroner.harness.v8;

/**
 * The V8 cross-check could not be carried out: Node is missing or too old, the script failed or
 * timed out, or its output is not what it writes. (A disagreement between the engines is not an
 * exception: it is a {@link Verdict.Disagreed}.)
 */
public final class V8Exception extends Exception {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public V8Exception(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public V8Exception(String message, Throwable cause) {
    super(message, cause);
  }
}
