package dev.coroner.debugserver;

/**
 * A coredump and its module files that do not fit together (a frame in a function the module does
 * not define, a code offset outside its body): serving them would show wrong source lines. The
 * message starts with a tag such as {@code [ModuleMismatch]} and names the frame and the file.
 */
public final class TargetException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Tag of errors where a given module does not match the coredump's frames. */
  public static final String MODULE_MISMATCH = "[ModuleMismatch]";

  /** Tag of errors where the coredump refers to something it does not contain. */
  public static final String DANGLING_INDEX = "[DanglingIndex]";

  TargetException(String tag, String message) {
    super(tag + " " + message);
  }
}
