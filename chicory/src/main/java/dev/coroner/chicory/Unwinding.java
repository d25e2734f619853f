package dev.coroner.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.StackFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The Wasm frames one trap has left so far, youngest first. Only references are kept while the
 * exception travels (it may be a {@link StackOverflowError}, with little Java stack to spare):
 * Chicory does not touch a frame, or the operand stack above the live values, once an exception
 * has left it, so they are read when the dump is assembled, at the thread's outermost entry.
 */
final class Unwinding {

  /** One frame as an exception left it. */
  record Recorded(StackFrame frame, Instance instance, MStack stack, CoredumpMachine machine) {}

  private final Throwable trap;
  private final List<Recorded> frames = new ArrayList<>();
  boolean incomplete;

  Unwinding(Throwable trap) {
    this.trap = trap;
  }

  /** Whether the trap is the JVM's {@link StackOverflowError} (call stack exhaustion). */
  boolean stackOverflow() {
    for (Throwable t = trap; t != null; t = t.getCause()) {
      if (t instanceof StackOverflowError) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The exception that first left a frame. */
  Throwable trap() {
    return trap;
  }

  /**
   * Whether {@code e} is this trap, or wraps it (Chicory turns a {@link StackOverflowError} into
   * "call stack exhausted", and a trapping start function into an uninstantiable module).
   */
  boolean isCausedBy(Throwable e) {
    boolean overflow = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t == trap) {
        return true;
      }
      overflow |= t instanceof StackOverflowError;
      if (t.getCause() == t) {
        break;
      }
    }
    // While the Java stack is exhausted, handlers that fail to run throw a new StackOverflowError
    // in place of the one they caught: any of them belongs to this exhaustion.
    return overflow && stackOverflow();
  }

  /** Notes a frame, unless it is the one noted last (one frame can be left by nested evals). */
  void add(StackFrame frame, Instance instance, MStack stack, CoredumpMachine machine) {
    if (!frames.isEmpty() && frames.get(frames.size() - 1).frame() == frame) {
      return;
    }
    frames.add(new Recorded(frame, instance, stack, machine));
  }

  List<Recorded> frames() {
    return frames;
  }
}
