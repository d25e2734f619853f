package dev.coroner.chicory.conformance;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The ways in which a Chicory coredump (from {@code dev.coroner.chicory}) may legitimately differ
 * from the golden of Coroner's interpreter: the Chicory profile of the scorecard. Each one knows
 * the exact shape of its difference; {@link #normalize} replaces that part of the Chicory dump by
 * the golden's, so that whatever else differs is still found.
 */
public enum KnownDivergence {

  /**
   * Stack exhaustion happens at another depth: Chicory's call depth is bounded by the JVM thread's
   * stack, the fixtures' interpreter by 100 frames. The golden's older frames must equal Chicory's
   * oldest ones frame for frame, and the youngest must be in the same function of the same
   * instance (Chicory runs out of Java stack wherever a method call needs it, so the youngest
   * frame may stand before or after the call the golden shows).
   */
  CALL_DEPTH(
      "call depth at exhaustion is bounded by the JVM thread stack, not by 100 frames; the "
          + "older frames agree, the youngest is in the same function") {
    @Override
    Normalized normalize(CoreDump golden, CoreDump actual) {
      if (golden.threads().size() != 1 || actual.threads().size() != 1) {
        return null;
      }
      List<Frame> g = golden.threads().get(0).frames();
      List<Frame> a = actual.threads().get(0).frames();
      if (g.isEmpty() || a.size() <= g.size()) {
        return null;
      }
      int shift = a.size() - g.size();
      for (int k = 1; k < g.size(); k++) {
        if (!g.get(k).equals(a.get(shift + k))) {
          return null;
        }
      }
      Frame gy = g.get(0);
      Frame ay = a.get(0);
      if (gy.instanceIndex() != ay.instanceIndex() || gy.functionIndex() != ay.functionIndex()) {
        return null;
      }
      return new Normalized(
          withFrames(actual, g),
          "frames: golden " + g.size() + ", Chicory " + a.size());
    }
  },

  /**
   * A frame's operand stack is left out (an empty vector) because an instruction before the
   * frame's position is not modelled by the operand-type replay (SIMD, GC, atomics).
   */
  STACK_OMITTED("operand stack left out where its types cannot be replayed") {
    @Override
    Normalized normalize(CoreDump golden, CoreDump actual) {
      return perFrame(golden, actual,
          (f, g, a) -> a.stack().isEmpty() && !g.stack().isEmpty(), "stack of frame");
    }
  },

  /**
   * Some of the youngest frame's operands are written as missing: they were popped by the
   * trapping call, and a host function called back into the instance before the trap, so their
   * slots may have been reused.
   */
  OPERANDS_MISSING(
      "operands of the trapping call written as missing (a callback reused their slots)") {
    @Override
    Normalized normalize(CoreDump golden, CoreDump actual) {
      return perFrame(golden, actual, (f, g, a) -> f == 0 && onlyMissing(g.stack(), a.stack()),
          "stack of frame");
    }
  };

  private final String description;

  KnownDivergence(String description) {
    this.description = description;
  }

  /** What the divergence is and why it happens, for scorecards. */
  public String description() {
    return description;
  }

  /** {@code actual} with this divergence replaced by the golden's state, or null if absent. */
  abstract Normalized normalize(CoreDump golden, CoreDump actual);

  /** A dump with one divergence normalized away, and what it was. */
  record Normalized(CoreDump dump, String detail) {}

  private interface FramePredicate {
    boolean diverges(int index, Frame golden, Frame actual);
  }

  /** Replaces the stacks of the frames where {@code p} holds by the golden's. */
  private static Normalized perFrame(
      CoreDump golden, CoreDump actual, FramePredicate p, String what) {
    if (golden.threads().size() != actual.threads().size()) {
      return null;
    }
    List<CoreStack> threads = new ArrayList<>();
    List<String> where = new ArrayList<>();
    for (int t = 0; t < actual.threads().size(); t++) {
      List<Frame> g = golden.threads().get(t).frames();
      List<Frame> a = actual.threads().get(t).frames();
      List<Frame> out = new ArrayList<>(a);
      for (int f = 0; f < Math.min(g.size(), a.size()); f++) {
        if (p.diverges(f, g.get(f), a.get(f))) {
          Frame x = a.get(f);
          out.set(f, new Frame(x.instanceIndex(), x.functionIndex(), x.codeOffset(), x.locals(),
              g.get(f).stack()));
          where.add(what + " #" + f);
        }
      }
      threads.add(new CoreStack(actual.threads().get(t).threadName(), out));
    }
    if (where.isEmpty()) {
      return null;
    }
    return new Normalized(
        new CoreDump(actual.processName(), actual.modules(), actual.instances(),
            actual.memories(), actual.globals(), threads),
        String.join(", ", where));
  }

  /** Same length; wherever they differ, the actual value is missing. */
  private static boolean onlyMissing(List<Value> golden, List<Value> actual) {
    if (golden.size() != actual.size() || golden.equals(actual)) {
      return false;
    }
    for (int i = 0; i < golden.size(); i++) {
      if (!golden.get(i).equals(actual.get(i)) && !actual.get(i).isMissing()) {
        return false;
      }
    }
    return true;
  }

  private static CoreDump withFrames(CoreDump d, List<Frame> frames) {
    CoreStack t = d.threads().get(0);
    return new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(), d.globals(),
        List.of(new CoreStack(t.threadName(), frames)));
  }
}
