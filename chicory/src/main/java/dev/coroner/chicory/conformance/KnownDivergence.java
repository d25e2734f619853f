package dev.coroner.chicory.conformance;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import dev.coroner.harness.kit.Allowance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ways in which a coredump from {@code dev.coroner.chicory} may legitimately differ from the
 * golden of Coroner's interpreter beyond what the kit's built-in allowances cover: the Chicory
 * specific part of the {@code chicory} profile ({@link ChicoryProfile}). Each one knows the exact
 * shape of its difference; {@link #normalize} replaces that part of the Chicory dump by the
 * golden's, so that whatever else differs is still found.
 */
public enum KnownDivergence implements Allowance {

  /**
   * Stack exhaustion happens at another depth: Chicory's call depth is bounded by the JVM thread's
   * stack, the fixtures' interpreter by 100 frames. The golden's older frames must equal Chicory's
   * oldest ones frame for frame, and the youngest must be in the same function of the same
   * instance (Chicory runs out of Java stack wherever a method call needs it, so the youngest
   * frame may stand before or after the call the golden shows).
   */
  CALL_DEPTH(
      "call depth at exhaustion is bounded by the JVM thread stack, not by the case's"
          + " maxCallDepth; the older frames agree, the youngest is in the same function") {
    @Override
    public Optional<CoreDump> normalize(CoreDump golden, CoreDump actual) {
      if (golden.threads().size() != 1 || actual.threads().size() != 1) {
        return Optional.empty();
      }
      List<Frame> g = golden.threads().get(0).frames();
      List<Frame> a = actual.threads().get(0).frames();
      if (g.isEmpty() || a.size() <= g.size()) {
        return Optional.empty();
      }
      int shift = a.size() - g.size();
      for (int k = 1; k < g.size(); k++) {
        if (!g.get(k).equals(a.get(shift + k))) {
          return Optional.empty();
        }
      }
      Frame gy = g.get(0);
      Frame ay = a.get(0);
      if (gy.instanceIndex() != ay.instanceIndex() || gy.functionIndex() != ay.functionIndex()) {
        return Optional.empty();
      }
      return Optional.of(withThreads(actual,
          List.of(new CoreStack(actual.threads().get(0).threadName(), g))));
    }
  },

  /**
   * Some of the youngest frame's operands are written as missing (not all: that is {@code
   * STACK_OMITTED}): they were popped by the trapping call, and a host function called back into
   * the instance before the trap, so their slots may have been reused.
   */
  OPERANDS_MISSING(
      "operands of the trapping call written as missing (a callback reused their slots)") {
    @Override
    public Optional<CoreDump> normalize(CoreDump golden, CoreDump actual) {
      if (golden.threads().size() != actual.threads().size()) {
        return Optional.empty();
      }
      boolean found = false;
      List<CoreStack> threads = new ArrayList<>();
      for (int t = 0; t < actual.threads().size(); t++) {
        List<Frame> g = golden.threads().get(t).frames();
        List<Frame> out = new ArrayList<>(actual.threads().get(t).frames());
        if (!g.isEmpty() && !out.isEmpty() && onlyMissing(g.get(0).stack(), out.get(0).stack())) {
          Frame x = out.get(0);
          out.set(0, new Frame(x.instanceIndex(), x.functionIndex(), x.codeOffset(), x.locals(),
              g.get(0).stack()));
          found = true;
        }
        threads.add(new CoreStack(actual.threads().get(t).threadName(), out));
      }
      return found ? Optional.of(withThreads(actual, threads)) : Optional.empty();
    }
  };

  private final String description;

  KnownDivergence(String description) {
    this.description = description;
  }

  @Override
  public String description() {
    return description;
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

  private static CoreDump withThreads(CoreDump d, List<CoreStack> threads) {
    return new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(), d.globals(),
        threads);
  }
}
