package dev.coroner.cli;

import dev.coroner.fixtures.Fixture;
import dev.coroner.harness.CapturedTrap;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.v8.V8CrossCheck;
import dev.coroner.harness.v8.V8Exception;
import dev.coroner.harness.v8.V8Job;
import dev.coroner.harness.v8.V8Report;
import dev.coroner.harness.v8.V8Subject;
import dev.coroner.harness.v8.Verdict;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code coroner run --check-v8}: runs the fixture again in V8 (Node.js) and reports, for every
 * dump just written, whether V8 has the same frames (instance, function, offset), a documented
 * exception, or the first frame where they differ.
 */
final class V8Check {

  private V8Check() {}

  /**
   * Prints V8's verdict on each captured trap of {@code fixture}, then the counts.
   *
   * @return {@link ExitCodes#OK} when V8 agrees with every dump (documented exceptions included)
   * @throws CliException (exit 1) when V8 disagrees or the check cannot run
   */
  static int report(Fixture fixture, List<CapturedTrap> traps, PrintWriter out) {
    V8CrossCheck.Availability available = V8CrossCheck.find();
    if (available.check().isEmpty()) {
      throw CliException.failure("--check-v8: " + available.reason());
    }
    V8Job job = V8Job.Script.of(fixture);
    List<V8Subject> subjects = new ArrayList<>();
    for (CapturedTrap trap : traps) {
      subjects.add(new V8Subject(GoldenId.of(fixture.relativePath(), trap.line()), trap.dump(), job));
    }
    V8Report report;
    try {
      report = available.check().get().check(subjects, "dump");
    } catch (V8Exception e) {
      throw CliException.failure("--check-v8: " + e.getMessage(), e);
    }
    out.println();
    for (Verdict v : report.verdicts()) {
      if (v instanceof Verdict.Agreed a) {
        out.println(a.id() + ": V8 agrees (" + a.framesCompared()
            + (a.framesCompared() == 1 ? " frame" : " frames")
            + ": instance, function and offset)");
      } else if (v instanceof Verdict.Excepted e) {
        out.println(e.id() + ": documented exception, " + e.kind().label() + ": " + e.detail()
            + (e.framesCompared() > 0 ? " (" + e.framesCompared() + " frames agree)" : ""));
      } else {
        out.println(((Verdict.Disagreed) v).message());
      }
    }
    out.println(report.summary());
    out.flush();
    if (!report.disagreements().isEmpty()) {
      throw CliException.failure(
          fixture.relativePath() + ": V8 disagrees with " + report.disagreements().size()
              + " of " + report.verdicts().size() + " dumps (see above)");
    }
    return ExitCodes.OK;
  }
}
