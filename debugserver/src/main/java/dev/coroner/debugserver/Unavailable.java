package dev.coroner.debugserver;

/**
 * A request for state the coredump does not hold (a local a producer left out, memory past the
 * end, a frame that does not exist). It becomes an error reply with its code and message; the
 * session goes on.
 */
final class Unavailable extends Exception {
  private static final long serialVersionUID = 1L;

  /** The request names a thread, frame or index that does not exist. */
  static final int NO_SUCH = 0x02;
  /** The value exists in the program but the dump does not hold it (missing, or not captured). */
  static final int NOT_CAPTURED = 0x03;
  /** The address is outside every memory and module the dump (and the given modules) hold. */
  static final int BAD_ADDRESS = 0x04;

  private final int code;

  Unavailable(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
