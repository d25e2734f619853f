package dev.coroner.harness;

import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.v8.V8BlessGuard;
import dev.coroner.harness.v8.V8Job;
import dev.coroner.wasi.ProgramResult;
import dev.coroner.wasi.ProgramRunException;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import dev.coroner.wasi.ProgramSpecException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the generated tests of program fixtures call: run one program run spec ({@code
 * programs/NAME/SPEC.run.json}, see {@code programs/README.md}) in Coroner's interpreter with
 * {@link ProgramRunner}, check that it ends as the spec says (trap or exit code, stdout, stderr),
 * and for a trap check its coredump against the golden {@code programs/NAME/SPEC.run.json/trap.core}
 * ({@link GoldenId#ofProgram}) exactly as {@link Conformance} does for {@code .wast} fixtures:
 * same layout, blessing, candidates and tags, and the V8 cross-check before blessing ({@link
 * V8BlessGuard} with the program's {@link V8Job.Program}).
 *
 * <p>A spec that expects an exit has no golden: its test checks the outcome and the output only.
 *
 * <p>Failures, each with a {@link HarnessMessages} tag and the test's name ({@code
 * programs/SPEC:trap}): {@value HarnessMessages#STALE_BUILD} (the spec changed or is gone since the
 * tests were generated), {@value HarnessMessages#FIXTURE_LOAD} (the spec or its module cannot be
 * read), {@value HarnessMessages#FIXTURE_RUN} (the module does not run, or the program does not
 * end as its spec says: every difference is listed), and the golden tags of {@link
 * Conformance#checkCapture}.
 *
 * <p>System properties: {@value #PROGRAM_ROOT_PROPERTY} overrides the program root recorded at
 * generation; the others as for {@link Conformance}.
 */
public final class ProgramConformance {

  public static final String PROGRAM_ROOT_PROPERTY = "coroner.programRoot";

  private ProgramConformance() {}

  /**
   * Runs and checks the program run spec {@code specId}.
   *
   * @param programRoot the program root recorded when the test was generated
   * @param specId the spec's path relative to the program root, {@code /}-separated
   * @param sha256 the spec's SHA-256 when the test was generated
   * @param key {@value GoldenId#TRAP_KEY} or {@value GoldenId#EXIT_KEY}, as the spec said then
   * @throws ConformanceFailure when the program does not run as its spec says, its dump differs
   *     from its golden, or the build is stale
   */
  public static void check(String programRoot, String specId, String sha256, String key) {
    GoldenId id = GoldenId.ofProgram(specId, GoldenId.TRAP_KEY.equals(key));
    Path root = Path.of(System.getProperty(PROGRAM_ROOT_PROPERTY, programRoot));
    Conformance.requireFreshFile(root.resolve(specId), id, sha256);
    ProgramSpec spec = load(root, id);
    if (spec.expect().trap().isPresent() != id.key().equals(GoldenId.TRAP_KEY)) {
      throw new ConformanceFailure(
          HarnessMessages.STALE_BUILD,
          id + ": the spec now expects " + (spec.expect().trap().isPresent() ? "a trap" : "an exit")
              + "; rebuild (./mvnw verify)");
    }
    ProgramResult result = run(spec, id);
    List<String> mismatches = result.mismatches();
    if (!mismatches.isEmpty()) {
      throw new ConformanceFailure(
          HarnessMessages.FIXTURE_RUN,
          id + ": the program did not run as " + spec.file().getFileName() + " says:\n  "
              + String.join("\n  ", mismatches));
    }
    if (spec.expect().trap().isEmpty()) {
      return; // an exit: checked above, no coredump
    }
    byte[] coredump =
        result.coredumpBytes()
            .orElseThrow(() -> new ConformanceFailure(
                HarnessMessages.FIXTURE_RUN, id + ": the trap carried no coredump"));
    V8Job.Program job;
    try {
      job = V8Job.Program.of(spec, id);
    } catch (IOException e) {
      throw new ConformanceFailure(
          HarnessMessages.FIXTURE_LOAD, id + ": cannot read " + spec.wasm() + ": " + e);
    }
    Conformance.checkCapture(id, coredump, V8BlessGuard.of(job));
  }

  private static ProgramSpec load(Path root, GoldenId id) {
    try {
      return ProgramSpec.load(root, id.programSpecId());
    } catch (ProgramSpecException e) {
      throw new ConformanceFailure(HarnessMessages.FIXTURE_LOAD, id + ": " + e.getMessage());
    } catch (IOException e) {
      throw new ConformanceFailure(
          HarnessMessages.FIXTURE_LOAD, id + ": cannot read the run spec: " + e);
    }
  }

  private static ProgramResult run(ProgramSpec spec, GoldenId id) {
    try {
      return ProgramRunner.run(spec);
    } catch (ProgramRunException e) {
      throw new ConformanceFailure(HarnessMessages.FIXTURE_RUN, id + ": " + e.getMessage());
    } catch (IOException e) {
      throw new ConformanceFailure(
          HarnessMessages.FIXTURE_LOAD, id + ": cannot read " + spec.wasm() + ": " + e);
    }
  }
}
