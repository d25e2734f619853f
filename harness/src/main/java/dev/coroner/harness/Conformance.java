package dev.coroner.harness;

import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.FixtureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the generated conformance tests call: run one trapping command of a fixture in Coroner's
 * interpreter, encode its coredump canonically and check it against the golden files.
 *
 * <p>System properties: {@value #FIXTURE_ROOT_PROPERTY} overrides the fixture root recorded at
 * generation; {@value #GOLDEN_ROOT_PROPERTY} sets the golden root (default {@code golden}, relative
 * to the working directory); {@link GoldenFiles#BLESS_PROPERTY} rewrites goldens; {@link
 * FixtureRunner.Options#TIMEOUT_PROPERTY} bounds each run.
 */
public final class Conformance {

  public static final String FIXTURE_ROOT_PROPERTY = "coroner.fixtureRoot";
  public static final String GOLDEN_ROOT_PROPERTY = "coroner.goldenRoot";

  private Conformance() {}

  /**
   * Checks the coredump of the trap at {@code fixturePath}:{@code line}.
   *
   * @param fixtureRoot the fixture root recorded when the test was generated
   * @param fixturePath the fixture's path relative to the root, {@code /}-separated
   * @param sha256 the fixture's SHA-256 when the test was generated
   * @param line the line of the trapping command
   * @throws AssertionError when the dump differs from its golden, or the build is stale
   */
  public static void check(String fixtureRoot, String fixturePath, String sha256, int line)
      throws IOException, FixtureException {
    Path root = Path.of(System.getProperty(FIXTURE_ROOT_PROPERTY, fixtureRoot));
    Path file = root.resolve(fixturePath);
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "[StaleBuild] " + fixturePath + ":" + line + ": fixture " + file
              + " no longer exists; rebuild (./mvnw verify) to regenerate the tests");
    }
    String now = Fixture.sha256(file);
    if (!now.equals(sha256)) {
      throw new AssertionError(
          "[StaleBuild] " + fixturePath + ":" + line + ": fixture " + file
              + " changed since its tests were generated (sha256 " + sha256.substring(0, 12)
              + "..., now " + now.substring(0, 12) + "...); rebuild (./mvnw verify)");
    }
    Fixture fixture = Fixture.load(root, fixturePath);
    CapturedTrap trap = FixtureRunner.runTo(fixture, line, FixtureRunner.Options.defaults());
    GoldenFiles.at(goldenRoot()).check(fixturePath, line, trap.coredump());
  }

  /** The golden root: {@value #GOLDEN_ROOT_PROPERTY}, or {@code golden} in the working directory. */
  public static Path goldenRoot() {
    return Path.of(System.getProperty(GOLDEN_ROOT_PROPERTY, "golden"));
  }
}
