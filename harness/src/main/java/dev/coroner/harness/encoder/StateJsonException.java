package dev.coroner.harness.encoder;

/**
 * A {@code state.json} text that is not valid JSON or does not follow the schema of {@code
 * docs/state-json.md}. The message names where: the line and column, and for schema errors the
 * member path (such as {@code $.memories[0].data[2].hex}).
 */
public final class StateJsonException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int offset;

  StateJsonException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** Character offset in the text where the problem was found. */
  public int offset() {
    return offset;
  }
}
