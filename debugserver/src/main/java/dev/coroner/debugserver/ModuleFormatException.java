package dev.coroner.debugserver;

/** A module file that is not a WebAssembly binary module this server can read. */
public final class ModuleFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long offset;

  ModuleFormatException(String problem, long offset) {
    super(problem + " (at offset 0x" + Long.toHexString(offset) + ")");
    this.offset = offset;
  }

  /** The byte offset in the module file where the problem was found. */
  public long offset() {
    return offset;
  }
}
