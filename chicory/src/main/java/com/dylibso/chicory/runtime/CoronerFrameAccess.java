package com.dylibso.chicory.runtime;

import java.lang.reflect.Field;
import java.util.List;

/**
 * Read-only access to the parts of Chicory's {@link StackFrame} that Chicory keeps package-private
 * or private: the function index, the current instruction and the raw local slots, and the operand
 * stack height at which the frame was entered.
 *
 * <p><b>Fragile by design.</b> This class is Coroner's, not Chicory's: it lives in Chicory's
 * package only to reach package-private members, and it reads one private field ({@code
 * StackFrame.ctrlStack}) by reflection. It is compiled and tested against Chicory 1.7.5 exactly
 * (the version is pinned in the parent POM and checked at run time by {@code
 * dev.coroner.chicory.ChicoryInternals}). It works only when Chicory's runtime jar is on the class
 * path: on the module path, Java forbids a second module (or the unnamed module) from adding
 * classes to the package {@code com.dylibso.chicory.runtime}.
 *
 * <p>Nothing here changes a frame; the methods are called only after a trap, on frames that are
 * being unwound.
 */
public final class CoronerFrameAccess {

  private static final Field CTRL_STACK = ctrlStackField();

  private CoronerFrameAccess() {}

  private static Field ctrlStackField() {
    try {
      Field f = StackFrame.class.getDeclaredField("ctrlStack");
      if (!List.class.isAssignableFrom(f.getType())) {
        return null;
      }
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException | RuntimeException e) {
      return null; // reported by probe()
    }
  }

  /**
   * Checks that the members this class relies on exist and behave as in Chicory 1.7.5, by reading
   * a frame built for the purpose. Returns null when they do, else what is wrong.
   */
  public static String probe() {
    if (CTRL_STACK == null) {
      return "StackFrame has no readable List field 'ctrlStack'";
    }
    try {
      StackFrame f = new StackFrame(null, 7, new long[] {42L});
      f.pushCtrl(com.dylibso.chicory.wasm.types.OpCode.CALL, 0, 0, 5);
      if (functionIndex(f) != 7) {
        return "StackFrame.funcId() does not return the function index";
      }
      if (stackBase(f) != 5) {
        return "the first control frame's height is not the frame's stack base";
      }
      return null;
    } catch (LinkageError | RuntimeException e) {
      return e.toString();
    }
  }

  /** The frame's function index in its instance's module (imports included). */
  public static int functionIndex(StackFrame frame) {
    return frame.funcId();
  }

  /**
   * The index, in the function body's instruction list, of the instruction the frame is executing:
   * the trapping instruction in the youngest frame, the call instruction in older ones.
   */
  public static int instructionIndex(StackFrame frame) {
    return frame.currentPc();
  }

  /** The raw value of local slot {@code slot} (see {@link StackFrame#localIndexOf(int)}). */
  public static long localSlot(StackFrame frame, int slot) {
    return frame.local(slot);
  }

  /**
   * The operand stack height when the frame was entered (its arguments already popped): the height
   * of the frame's outermost control frame, which Chicory pushes for the call itself. Returns -1 if
   * the frame has no such control frame.
   */
  public static int stackBase(StackFrame frame) {
    List<?> ctrl;
    try {
      ctrl = (List<?>) CTRL_STACK.get(frame);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read StackFrame.ctrlStack", e);
    }
    if (ctrl == null || ctrl.isEmpty()) {
      return -1;
    }
    CtrlFrame bottom = (CtrlFrame) ctrl.get(0);
    return bottom.opCode == com.dylibso.chicory.wasm.types.OpCode.CALL ? bottom.height : -1;
  }
}
