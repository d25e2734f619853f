package dev.coroner.harness.v8;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.fixtures.Fixture;
import dev.coroner.harness.ConformanceFailure;
import dev.coroner.harness.golden.GoldenFiles;
import dev.coroner.harness.golden.GoldenId;
import java.io.PrintStream;
import java.util.List;

/**
 * Refuses to bless a golden that V8 disagrees with: before blessing writes a new or changed
 * golden, the fixture runs in V8 and the candidate's frames are compared with V8's. A
 * disagreement fails with the same message the build's cross-check gives; a documented exception
 * ({@link V8Deviation}) is blessed, and says so. Without Node.js, blessing goes ahead with a
 * warning (under {@code CI=true} blessing is refused anyway).
 */
public final class V8BlessGuard implements GoldenFiles.BlessGuard {

  private final V8Job job;
  private final PrintStream out;

  private V8BlessGuard(V8Job job, PrintStream out) {
    this.job = job;
    this.out = out;
  }

  /** The guard for the goldens of {@code fixture}; report lines go to {@code System.out}. */
  public static V8BlessGuard of(Fixture fixture) {
    return of(V8Job.Script.of(fixture));
  }

  /** The guard for the goldens that {@code job} reproduces. */
  public static V8BlessGuard of(V8Job job) {
    return new V8BlessGuard(job, System.out);
  }

  @Override
  public void approve(GoldenId id, byte[] candidate) {
    V8CrossCheck.Availability available = V8CrossCheck.find();
    if (available.check().isEmpty()) {
      out.println(V8Messages.UNAVAILABLE + " " + id + ": blessed without the V8 cross-check: "
          + available.reason());
      return;
    }
    CoreDump dump;
    try {
      dump = CoreDumpDecoder.decode(candidate);
    } catch (CoreDumpFormatException e) {
      return; // GoldenFiles refuses a candidate that does not decode, with its own message
    }
    V8Report report;
    try {
      report = available.check().get().check(List.of(new V8Subject(id, dump, job)), "golden");
    } catch (V8Exception e) {
      throw new ConformanceFailure(
          V8Messages.UNAVAILABLE, id + ": blessing refused: the V8 cross-check failed: "
              + e.getMessage());
    }
    Verdict verdict = report.verdicts().get(0);
    if (verdict instanceof Verdict.Disagreed d) {
      throw new ConformanceFailure(
          d.tag(), d.detail() + "\n  blessing refused: nothing was written. Fix the fixture or"
              + " the interpreter, or document the difference (" + FrameComparison.EXCEPTIONS_DOC
              + ") and add its rule to V8Deviation.");
    }
    if (verdict instanceof Verdict.Excepted e) {
      out.println(V8Messages.REPORT + " " + id + ": documented exception, " + e.kind().label()
          + ": " + e.detail());
    }
  }
}
