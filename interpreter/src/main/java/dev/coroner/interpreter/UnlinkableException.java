package dev.coroner.interpreter;

/** The module's imports cannot be resolved or do not match (spec: {@code assert_unlinkable}). */
public final class UnlinkableException extends WasmException {
  private static final long serialVersionUID = 1L;

  /**
   * For hosts that resolve imports themselves (WASI, for one): {@code specMessage} is the spec's
   * text ("unknown import", "incompatible import type"), {@code detail} names the import.
   */
  public UnlinkableException(String specMessage, String detail) {
    super(specMessage, detail, null, -1);
  }
}
