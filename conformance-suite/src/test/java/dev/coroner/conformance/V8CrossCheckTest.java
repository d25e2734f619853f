package dev.coroner.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.harness.Conformance;
import dev.coroner.harness.ConformanceFailure;
import dev.coroner.harness.ProgramConformance;
import dev.coroner.harness.v8.GoldenSubjects;
import dev.coroner.harness.v8.V8CrossCheck;
import dev.coroner.harness.v8.V8Exception;
import dev.coroner.harness.v8.V8Messages;
import dev.coroner.harness.v8.V8Report;
import dev.coroner.harness.v8.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A second engine vouches for every golden: each golden's frames (instance, function, code offset)
 * are compared with V8's for the same fixture command, or the same program run through {@code
 * node:wasi}, run in Node.js (one process for all of them), with only the exceptions documented in
 * {@code docs/coredump-format.md} section 7. One test per golden, named as its conformance test
 * ({@code path:line}, {@code programs/SPEC:trap}), so a disagreement fails exactly its golden's
 * test and names the first differing frame in both engines' terms.
 *
 * <p>Without Node.js the check is skipped with the reason, except under {@code CI=true}, where it
 * fails ({@code .ci/run} installs Debian's {@code nodejs} when it is missing).
 */
class V8CrossCheckTest {

  @TestFactory
  Stream<DynamicTest> everyGoldenAgreesWithV8() throws IOException, V8Exception {
    V8CrossCheck.Availability available = V8CrossCheck.find();
    if (available.check().isEmpty()) {
      if (V8CrossCheck.Availability.required()) {
        fail(V8Messages.UNAVAILABLE + " the V8 cross-check must run under CI=true: "
            + available.reason());
      }
      String reason = V8Messages.UNAVAILABLE + " V8 cross-check skipped: " + available.reason();
      System.out.println(reason);
      return Stream.of(DynamicTest.dynamicTest("V8 cross-check", () -> assumeTrue(false, reason)));
    }
    Path fixtureRoot = Path.of(System.getProperty(Conformance.FIXTURE_ROOT_PROPERTY, "../wat"));
    Path programRoot =
        Path.of(System.getProperty(ProgramConformance.PROGRAM_ROOT_PROPERTY, "../programs"));
    GoldenSubjects goldens =
        GoldenSubjects.ofFixtures(fixtureRoot, Conformance.goldenRoot())
            .and(GoldenSubjects.ofPrograms(programRoot, Conformance.goldenRoot()));
    assertFalse(goldens.subjects().isEmpty(),
        "no golden to cross-check under " + Conformance.goldenRoot().toAbsolutePath());
    V8Report report = available.check().get().check(goldens.subjects(), "golden");
    System.out.println(report.summary());
    report.exceptionLines().forEach(System.out::println);
    goldens.skipped().forEach(s -> System.out.println("  " + V8Messages.SKIPPED + " " + s));
    List<Verdict> verdicts = report.verdicts();
    return verdicts.stream()
        .map(v -> DynamicTest.dynamicTest(v.id().toString(), () -> {
          if (v instanceof Verdict.Disagreed d) {
            throw new ConformanceFailure(d.tag(), d.detail());
          }
        }));
  }
}
