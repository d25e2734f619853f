package dev.coroner.wasi;

import java.util.List;

/**
 * The module is not a WASI command: it exports no function {@code _start} of type {@code () ->
 * ()} (it may be a reactor or a library, whose exports are called one by one).
 */
public final class NotACommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> exportedFunctions;

  NotACommandException(String message, List<String> exportedFunctions) {
    super(message);
    this.exportedFunctions = List.copyOf(exportedFunctions);
  }

  /** The functions the module does export, sorted by name. */
  public List<String> exportedFunctions() {
    return exportedFunctions;
  }
}
