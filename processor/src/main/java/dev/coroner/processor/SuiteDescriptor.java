package dev.coroner.processor;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the writer needs, read from the fixture tree before any code is written.
 *
 * @param fixtureRoot the absolute, normalized fixture root
 * @param goldenRoot the annotation's {@code goldenRoot}, unchanged
 * @param fixtures every fixture whose bytes could be read, sorted by path, with the lines of its
 *     trapping commands (empty for a fixture that failed to convert or has none)
 * @param problems what went wrong, in fixture order; each becomes one diagnostic
 */
record SuiteDescriptor(
    Path fixtureRoot, String goldenRoot, List<FixtureTests> fixtures, List<Problem> problems) {

  SuiteDescriptor {
    fixtures = List.copyOf(fixtures);
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
   * A diagnostic to report.
   *
   * @param error whether it is an ERROR (else a WARNING)
   * @param message the full message, starting with a {@link ConformanceMessages} tag
   */
  record Problem(boolean error, String message) {}

  int testCount() {
    return fixtures.stream().mapToInt(f -> f.trapLines().size()).sum();
  }
}
