package dev.coroner.interpreter;

/**
 * Base of every error this interpreter reports. The subclasses follow the WebAssembly spec's
 * assertion kinds: {@link MalformedException}, {@link InvalidException}, {@link
 * UnlinkableException}, {@link UninstantiableException} and {@link TrapException}. Messages start
 * with the spec's message text (for instance "type mismatch"), followed by details such as the byte
 * offset or function they concern.
 */
public abstract class WasmException extends RuntimeException {

  private final String specMessage;

  protected WasmException(String specMessage, String detail, Throwable cause) {
    super(detail == null || detail.isEmpty() ? specMessage : specMessage + " (" + detail + ")", cause);
    this.specMessage = specMessage;
  }

  /** An exception whose whole message is {@code message}, which starts with {@code specMessage}. */
  protected WasmException(String specMessage, Throwable cause, String message) {
    super(message, cause);
    this.specMessage = specMessage;
  }

  /** The spec's message text alone, without details (for instance "integer divide by zero"). */
  public String specMessage() {
    return specMessage;
  }
}
