package dev.coroner.interpreter;

/** The module decodes but does not validate (spec: {@code assert_invalid}). */
public final class InvalidException extends WasmException {
  private static final long serialVersionUID = 1L;

  /** An error that concerns the module as a whole, not one byte of it. */
  InvalidException(String specMessage, String detail) {
    super(specMessage, detail, null, -1);
  }

  private InvalidException(String specMessage, String detail, long offset) {
    super(specMessage, detail, null, offset);
  }

  /** An error about the construct starting at absolute byte offset {@code offset}. */
  static InvalidException at(String specMessage, String detail, long offset) {
    return new InvalidException(specMessage, detail, offset);
  }
}
