package dev.coroner.interpreter;

/** The module's imports cannot be resolved or do not match (spec: {@code assert_unlinkable}). */
public final class UnlinkableException extends WasmException {
  private static final long serialVersionUID = 1L;

  UnlinkableException(String specMessage, String detail) {
    super(specMessage, detail, null, -1);
  }
}
