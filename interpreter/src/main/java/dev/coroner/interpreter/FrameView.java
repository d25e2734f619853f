package dev.coroner.interpreter;

/**
 * A read-only view of one live WebAssembly frame, as an execution engine exposes it: whose
 * function runs, where it is, and its locals and operand stack with their types. The interpreter
 * gives these views to coredump capture at a trap and to host functions ({@link
 * HostFunction.CallContext#frames()}); a compiled tier implements the same interface over its own
 * frames, and tools (a debugger, a profiler) consume it without knowing which engine runs.
 *
 * <p>Values are raw bits as everywhere in this API (see {@link Store}); types are value type codes
 * ({@link dev.coroner.interpreter.model.ValType}). A view is valid while the engine stays where it
 * was when the view was made (during the capture, or until the host function returns).
 */
public interface FrameView {

  /** The instance whose function runs in this frame. */
  Instance instance();

  /** The function's index in its module's function index space (imports included). */
  int functionIndex();

  /**
   * The position of the frame's current instruction, in bytes from the start of the function's
   * body (the first byte after the body-size LEB128), as coredumps record it: the trapping (or
   * next) instruction in the youngest frame, the call in older ones.
   */
  int codeOffset();

  /** The number of locals, parameters first. */
  int localCount();

  /** The value type code of local {@code index}. */
  int localType(int index);

  /** The raw bits of local {@code index}; for a v128, bytes 0..7 as a little-endian long. */
  long local(int index);

  /** Bytes 8..15 (little endian) of a v128 local {@code index}; 0 for other types. */
  default long localHigh(int index) {
    return 0;
  }

  /** The number of values on the frame's operand stack. */
  int stackHeight();

  /**
   * The value type code of operand {@code index}, 0 being the bottom of the stack; {@link
   * dev.coroner.interpreter.model.ValType#UNKNOWN} where validation leaves it unknown (after
   * unreachable code). The interpreter computes these on demand.
   */
  int operandType(int index);

  /**
   * The raw bits of operand {@code index}, 0 being the bottom of the stack; for a v128, bytes 0..7
   * as a little-endian long.
   */
  long operand(int index);

  /** Bytes 8..15 (little endian) of a v128 operand {@code index}; 0 for other types. */
  default long operandHigh(int index) {
    return 0;
  }
}
