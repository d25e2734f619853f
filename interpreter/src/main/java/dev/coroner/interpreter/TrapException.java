package dev.coroner.interpreter;

import dev.coroner.coredump.CoreDump;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A WebAssembly trap (spec: {@code assert_trap}, {@code assert_exhaustion}). When the store has
 * capture enabled, {@link #coreDump()} holds the exact state at the trap, as described in section B
 * of the project's coredump-format document. A dump's memory contents are live views: encode it
 * before running the program again.
 */
public final class TrapException extends WasmException {

  /** The spec's trap messages. */
  public static final String UNREACHABLE = "unreachable";
  public static final String DIVIDE_BY_ZERO = "integer divide by zero";
  public static final String INTEGER_OVERFLOW = "integer overflow";
  public static final String INVALID_CONVERSION = "invalid conversion to integer";
  public static final String MEMORY_OUT_OF_BOUNDS = "out of bounds memory access";
  public static final String TABLE_OUT_OF_BOUNDS = "out of bounds table access";
  public static final String INDIRECT_CALL_TYPE_MISMATCH = "indirect call type mismatch";
  public static final String UNINITIALIZED_ELEMENT = "uninitialized element";
  public static final String UNDEFINED_ELEMENT = "undefined element";
  public static final String CALL_STACK_EXHAUSTED = "call stack exhausted";
  /** Not a spec trap: the embedder stopped the program with {@link Store#interrupt()}. */
  public static final String INTERRUPTED = "interrupted";

  private static final long serialVersionUID = 1L;

  private transient CoreDump coreDump;
  /**
   * Under an {@link ExecutionTier}: the frames this trap has left so far, youngest first, each
   * engine adding its own as the trap unwinds; null otherwise (and before the first frame).
   */
  transient List<FrameView> unwound;

  /** A trap raised by host code (a host function), not at an instruction. */
  public TrapException(String specMessage, String detail) {
    super(specMessage, detail, null, -1);
  }

  /** A trap raised by host code, with its cause. */
  public TrapException(String specMessage, String detail, Throwable cause) {
    super(specMessage, detail, cause, -1);
  }

  private TrapException(String specMessage, String message, long offset) {
    super(specMessage, null, message, offset);
  }

  /**
   * A trap whose message is {@code specMessage}, then {@code suffix} verbatim (for instance the
   * spec's "uninitialized element 2"), then {@code detail} in parentheses; at absolute module
   * offset {@code offset} (-1 for none).
   */
  static TrapException withSuffix(String specMessage, String suffix, String detail, long offset) {
    String msg = specMessage + suffix + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    return new TrapException(specMessage, msg, offset);
  }

  /** The dump captured when the trap happened; empty when capture is off. */
  public Optional<CoreDump> coreDump() {
    return Optional.ofNullable(coreDump);
  }

  /** True if this trap is call stack exhaustion. */
  public boolean isExhaustion() {
    return CALL_STACK_EXHAUSTED.equals(specMessage());
  }

  void attach(CoreDump dump) {
    this.coreDump = dump;
  }

  /** Adds a copy of {@code frame} below the frames this trap has unwound so far. */
  void unwind(FrameView frame) {
    if (unwound == null) {
      unwound = new ArrayList<>();
    }
    unwound.add(frame instanceof FrameSnapshot ? frame : FrameSnapshot.of(frame));
  }
}
