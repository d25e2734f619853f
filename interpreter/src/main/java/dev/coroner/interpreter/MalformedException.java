package dev.coroner.interpreter;

/** The module's bytes do not follow the binary format (spec: {@code assert_malformed}). */
public final class MalformedException extends WasmException {

  public MalformedException(String specMessage, String detail) {
    super(specMessage, detail, null);
  }

  /** A malformed-module error at absolute byte offset {@code offset} of the module. */
  public static MalformedException at(String specMessage, long offset) {
    return new MalformedException(specMessage, "at offset 0x" + Long.toHexString(offset));
  }
}
