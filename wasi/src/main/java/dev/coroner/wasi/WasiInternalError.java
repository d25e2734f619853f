package dev.coroner.wasi;

/**
 * A WASI function failed in a way that is neither a WASI error returned to the guest nor the
 * program's exit: a bug in Coroner's binding or in Chicory's {@code WasiPreview1}. It is not a
 * trap: the guest did nothing wrong that WebAssembly or WASI defines, so no coredump claims it did.
 * The message names the WASI function and the cause.
 */
public final class WasiInternalError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String function;

  WasiInternalError(String function, Throwable cause) {
    super("internal error in WASI function " + function + " (Chicory WasiPreview1): " + cause,
        cause);
    this.function = function;
  }

  /** The WASI function that failed, for instance {@code fd_write}. */
  public String function() {
    return function;
  }
}
