package dev.coroner.processor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the writer needs, read from the fixture tree (and the program specs, when a program
 * root is configured) before any code is written.
 *
 * @param fixtureRoot the absolute, normalized fixture root
 * @param goldenRoot the annotation's {@code goldenRoot}, unchanged
 * @param fixtures every fixture whose bytes could be read, sorted by path, with the lines of its
 *     trapping commands (empty for a fixture that failed to convert or has none)
 * @param programRoot the absolute, normalized program root, when one is configured
 * @param programs every program run spec whose bytes could be read, sorted by id; a spec that
 *     failed to load gets no test
 * @param problems what went wrong, fixtures first, then programs; each becomes one diagnostic
 */
record SuiteDescriptor(
    Path fixtureRoot,
    String goldenRoot,
    List<FixtureTests> fixtures,
    Optional<Path> programRoot,
    List<ProgramTest> programs,
    List<Problem> problems) {

  /** The folder under the golden root that holds the program specs' goldens. */
  static final String PROGRAMS_GOLDEN_FOLDER = "programs";

  SuiteDescriptor {
    fixtures = List.copyOf(fixtures);
    programs = List.copyOf(programs);
    problems = List.copyOf(problems);
  }

  /**
   * One fixture file.
   *
   * @param relativePath path under the root, {@code /}-separated
   * @param sha256 SHA-256 hex of the file's bytes at generation
   * @param trapLines the 1-based lines of its trapping commands, in order
   */
  record FixtureTests(String relativePath, String sha256, List<Integer> trapLines) {
    FixtureTests {
      trapLines = List.copyOf(trapLines);
    }
  }

  /**
   * One program run spec ({@code NAME.run.json}).
   *
   * @param specId the spec's path under the program root, {@code /}-separated
   * @param sha256 SHA-256 hex of the spec's bytes at generation
   * @param key {@value #TRAP} when the spec expects a trap (its test checks a golden), {@value
   *     #EXIT} when it expects an exit (no golden); empty when the spec did not load, so it gets
   *     no test
   */
  record ProgramTest(String specId, String sha256, Optional<String> key) {

    /** The key of a spec that expects a trap; its golden is {@code trap.core}. */
    static final String TRAP = "trap";

    /** The key of a spec that expects an exit. */
    static final String EXIT = "exit";

    /** Whether it gets a test: the spec loaded. */
    boolean tested() {
      return key.isPresent();
    }

    /**
     * The test's display name, which is also its golden's id as the harness's {@code GoldenId}
     * writes it ({@code path:key}): {@code programs/NAME/NAME.run.json:trap}, golden {@code
     * programs/NAME/NAME.run.json/trap.core}; or {@code ...:exit}, no golden.
     */
    String displayName() {
      return PROGRAMS_GOLDEN_FOLDER + "/" + specId + ":" + key.orElseThrow();
    }
  }

  /**
   * A diagnostic to report.
   *
   * @param error whether it is an ERROR (else a WARNING)
   * @param message the full message, starting with a {@link ConformanceMessages} tag
   */
  record Problem(boolean error, String message) {
    /** An ERROR: {@code tag}, a space, then {@code text}. */
    static Problem error(String tag, String text) {
      return new Problem(true, tag + " " + text);
    }

    /** A WARNING: {@code tag}, a space, then {@code text}. */
    static Problem warning(String tag, String text) {
      return new Problem(false, tag + " " + text);
    }
  }

  /** Tests of {@code .wast}/{@code .wat} fixtures. */
  int fixtureTestCount() {
    return fixtures.stream().mapToInt(f -> f.trapLines().size()).sum();
  }

  /** Tests of program specs. */
  int programTestCount() {
    return (int) programs.stream().filter(ProgramTest::tested).count();
  }

  /** Program specs whose test checks a golden (they expect a trap). */
  int programGoldenCount() {
    return (int) programs.stream().filter(p -> p.key().equals(Optional.of(ProgramTest.TRAP))).count();
  }

  int testCount() {
    return fixtureTestCount() + programTestCount();
  }
}
