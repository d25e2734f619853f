package dev.coroner.interpreter;

/** The module decodes but does not validate (spec: {@code assert_invalid}). */
public final class InvalidException extends WasmException {

  public InvalidException(String specMessage, String detail) {
    super(specMessage, detail, null);
  }
}
