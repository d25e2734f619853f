package dev.coroner.harness.kit;

/**
 * A kit, a case manifest or a fixture that cannot be exported, read or run as the kit format says.
 * The message names the file and, for a manifest, the line, column and member path of the
 * problem, e.g. {@code cases/a.wast/3/case.json: $.steps[2].args[0].bits (line 14, column 38):
 * expected 8 lower-case hex digits}.
 */
public final class KitException extends Exception {
  private static final long serialVersionUID = 1L;

  public KitException(String message) {
    super(message);
  }

  public KitException(String message, Throwable cause) {
    super(message, cause);
  }
}
