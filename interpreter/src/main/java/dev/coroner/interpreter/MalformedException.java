package dev.coroner.interpreter;

/** The module's bytes do not follow the binary format (spec: {@code assert_malformed}). */
public final class MalformedException extends WasmException {
  private static final long serialVersionUID = 1L;

  MalformedException(String specMessage, String detail, long offset) {
    super(specMessage, detail, null, offset);
  }

  /** A malformed-module error at absolute byte offset {@code offset} of the module. */
  static MalformedException at(String specMessage, long offset) {
    return new MalformedException(specMessage, "at offset 0x" + Long.toHexString(offset), offset);
  }
}
