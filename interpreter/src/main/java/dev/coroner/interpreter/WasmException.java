package dev.coroner.interpreter;

import java.util.OptionalLong;

/**
 * Base of every error this interpreter reports. The subclasses follow the WebAssembly spec's
 * assertion kinds: {@link MalformedException}, {@link InvalidException}, {@link
 * UnlinkableException}, {@link UninstantiableException} and {@link TrapException}. Messages start
 * with the spec's message text (for instance "type mismatch"), followed by details such as the byte
 * offset or function they concern; {@link #offset()} gives the offset as a number.
 */
public abstract class WasmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String specMessage;
  private final long offset;

  WasmException(String specMessage, String detail, Throwable cause, long offset) {
    super(detail == null || detail.isEmpty() ? specMessage : specMessage + " (" + detail + ")", cause);
    this.specMessage = specMessage;
    this.offset = offset;
  }

  /** An exception whose whole message is {@code message}, which starts with {@code specMessage}. */
  WasmException(String specMessage, Throwable cause, String message, long offset) {
    super(message, cause);
    this.specMessage = specMessage;
    this.offset = offset;
  }

  /** The spec's message text alone, without details (for instance "integer divide by zero"). */
  public String specMessage() {
    return specMessage;
  }

  /**
   * The absolute byte offset, in the module's binary, of what the error concerns: the malformed
   * byte, the instruction that does not validate or that trapped. Empty when the error concerns no
   * byte of a module (a missing import, a trap in a host function).
   */
  public OptionalLong offset() {
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }
}
