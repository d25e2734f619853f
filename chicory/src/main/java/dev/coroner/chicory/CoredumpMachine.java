package dev.coroner.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import java.util.Deque;

/**
 * Chicory's interpreter, unchanged, with two observation points that do nothing until something is
 * thrown:
 *
 * <ul>
 *   <li>{@link #eval} (one invocation per Wasm frame) notes the frame an exception leaves, while
 *       Chicory still has it: youngest first, across instances;
 *   <li>{@link #call(int, long[])} (an entry into the instance from outside: an export, the start
 *       function, a call from another instance or from a host function) counts nesting; when the
 *       exception leaves the thread's outermost entry, the dump is assembled.
 * </ul>
 *
 * <p>Results, side effects and exceptions are Chicory's own: the overrides only read, and rethrow
 * the very exception they caught. The price on the hot path is one extra {@code peek()} of
 * Chicory's call stack per Wasm call (Chicory's {@code eval} does the same one first).
 *
 * <p><b>Stack exhaustion.</b> When the JVM throws {@link StackOverflowError}, the first frames that
 * catch it are so close to the end of the Java stack that they cannot call any method (HotSpot
 * checks a whole guard zone at each method entry). So a catch first stores its frame in a
 * preallocated array, which needs no call; the frames held there are handed over at the first
 * catch that can call. {@value #HELD_FRAMES} frames can be held (the JVM's default guard zone
 * holds far fewer Chicory frames); beyond that the dump is reported as incomplete, never silently
 * cut.
 */
final class CoredumpMachine extends InterpreterMachine {

  /** Frames that can wait for a catch with enough Java stack to record them. */
  static final int HELD_FRAMES = 1024;

  private final ChicoryCoredumps session;

  /**
   * Whether this machine was re-entered (a host function called back into its instance) since its
   * outermost call began: then the stale stack slots of a host call's arguments may have been
   * overwritten, and they are not recovered.
   */
  boolean reentered;

  /** Frames left by an exception but not yet recorded, youngest first. */
  final StackFrame[] held = new StackFrame[HELD_FRAMES];

  /** How many entries of {@link #held} are in use. */
  int heldCount;

  /** Set when {@link #held} was full: frames were lost. */
  boolean heldOverflow;

  CoredumpMachine(Instance instance, ChicoryCoredumps session) {
    super(instance);
    this.session = session;
  }

  @Override
  public long[] call(int funcId, long[] args) {
    ChicoryCoredumps.ThreadState state = session.threadState();
    state.enter();
    try {
      if (heldCount > 0 || heldOverflow) {
        clearHeld(); // left by an exhaustion that a host function caught: stale
      }
      reentered = !callStack.isEmpty();
      return super.call(funcId, args);
    } catch (RuntimeException | StackOverflowError e) {
      if (heldCount > 0 || heldOverflow) {
        session.unwinding(e, this, instance(), operandStack(), null);
      }
      if (state.depth == 1) {
        session.finish(state, e);
      }
      throw e;
    } finally {
      state.depth--;
    }
  }

  @Override
  protected void eval(MStack stack, Instance instance, Deque<StackFrame> callStack) {
    // Only this and the frame stay live across Chicory's eval: a smaller Java frame per Wasm call
    // (the catch reads the instance and the stacks from this machine, whose they are).
    StackFrame entered = callStack.peek();
    try {
      super.eval(stack, instance, callStack);
    } catch (RuntimeException | StackOverflowError e) {
      // No method call before the frame is safe: the Java stack may be exhausted.
      if (heldCount < HELD_FRAMES) {
        held[heldCount] = entered;
        heldCount++;
      } else {
        heldOverflow = true;
      }
      try {
        session.unwinding(e, this, instance(), stack(), this.callStack.peek());
      } catch (StackOverflowError tooDeep) {
        // the frame stays held; an outer catch records it
      }
      throw e;
    }
  }

  void clearHeld() {
    java.util.Arrays.fill(held, 0, heldCount, null);
    heldCount = 0;
    heldOverflow = false;
  }

  /** The machine's operand stack (for assembling a dump). */
  MStack operandStack() {
    return stack();
  }
}
