package dev.coroner.harness;

import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.FixtureException;
import dev.coroner.harness.golden.GoldenFiles;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.harness.v8.V8BlessGuard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What the generated conformance tests call: run one trapping command of a fixture in Coroner's
 * interpreter, encode its coredump canonically and check it against the golden files.
 *
 * <p>Every expected problem fails the test with a {@link ConformanceFailure} whose message starts
 * with a {@link HarnessMessages} tag and {@code path:line}; each problem fails only the test of
 * the command it belongs to.
 *
 * <p>System properties: {@value #FIXTURE_ROOT_PROPERTY} overrides the fixture root recorded at
 * generation; {@value #GOLDEN_ROOT_PROPERTY} sets the golden root (default {@code golden},
 * relative to the working directory); {@link GoldenFiles#BLESS_PROPERTY} rewrites goldens; {@link
 * FixtureRunner.Options#TIMEOUT_PROPERTY} bounds each run.
 *
 * <p>Other kinds of fixture plug in below the first step: anything that captures a coredump
 * checks it with {@link #checkCapture}, and can use {@link #requireFresh} for its source file
 * (program fixtures do: {@link ProgramConformance}).
 */
public final class Conformance {

  public static final String FIXTURE_ROOT_PROPERTY = "coroner.fixtureRoot";
  public static final String GOLDEN_ROOT_PROPERTY = "coroner.goldenRoot";

  /** Converted fixtures of this JVM, by root, path and content hash (conversion is the slow part). */
  private static final Map<String, Fixture> LOADED = new ConcurrentHashMap<>();

  private Conformance() {}

  /**
   * Checks the coredump of the trap at {@code fixturePath}:{@code line}.
   *
   * @param fixtureRoot the fixture root recorded when the test was generated
   * @param fixturePath the fixture's path relative to the root, {@code /}-separated
   * @param sha256 the fixture's SHA-256 when the test was generated
   * @param line the line of the trapping command
   * @throws ConformanceFailure when the fixture does not run as written, the dump differs from
   *     its golden, or the build is stale
   */
  public static void check(String fixtureRoot, String fixturePath, String sha256, int line) {
    GoldenId id = GoldenId.of(fixturePath, line);
    Path root = Path.of(System.getProperty(FIXTURE_ROOT_PROPERTY, fixtureRoot));
    Fixture fixture = load(root, id, sha256);
    CapturedTrap trap;
    try {
      trap = FixtureRunner.runTo(fixture, line, FixtureRunner.Options.defaults());
    } catch (FixtureRunException e) {
      throw new ConformanceFailure(HarnessMessages.FIXTURE_RUN, e.getMessage());
    }
    checkCapture(id, trap.coredump(), V8BlessGuard.of(fixture));
  }

  /**
   * Checks the canonical bytes of a captured coredump against the golden of {@code id} under
   * {@link #goldenRoot()}, or blesses them; prints a {@value HarnessMessages#BLESSED} line naming
   * the files blessing wrote.
   *
   * @throws ConformanceFailure as {@link GoldenFiles#check} does
   */
  public static void checkCapture(GoldenId id, byte[] canonicalBytes) {
    checkCapture(id, canonicalBytes, GoldenFiles.BlessGuard.NONE);
  }

  /**
   * As {@link #checkCapture(GoldenId, byte[])}, with {@code guard} approving a golden before
   * blessing writes it (the {@code .wast} tests pass the V8 cross-check, {@link V8BlessGuard}).
   */
  public static void checkCapture(GoldenId id, byte[] canonicalBytes, GoldenFiles.BlessGuard guard) {
    GoldenFiles golden = GoldenFiles.at(goldenRoot()).guardedBy(guard);
    boolean existed = Files.exists(golden.layout().core(id));
    List<Path> written = golden.check(id, canonicalBytes);
    if (!written.isEmpty()) {
      report(System.out, id, golden.layout(), written, existed);
    }
  }

  /** Prints {@code [Blessed] path:key: wrote a, b, c (new golden) in DIR}. */
  static void report(
      PrintStream out, GoldenId id, GoldenLayout layout, List<Path> written, boolean existed) {
    String names =
        written.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    out.println(
        HarnessMessages.BLESSED + " " + id + ": " + (existed ? "rewrote " : "wrote ") + names
            + (existed ? "" : " (new golden)") + " in "
            + layout.directory(id).toAbsolutePath().normalize());
  }

  /**
   * The fixture file {@code id.fixturePath()} under {@code root}, after checking that it is the
   * file the tests were generated from.
   *
   * @throws ConformanceFailure ({@value HarnessMessages#STALE_BUILD}) if it no longer exists or
   *     has changed since
   */
  public static Path requireFresh(Path root, GoldenId id, String sha256) {
    return requireFreshFile(root.resolve(id.fixturePath()), id, sha256);
  }

  /**
   * As {@link #requireFresh(Path, GoldenId, String)}, for a fixture file that is not at {@code
   * id.fixturePath()} under a root (a program's run spec, whose golden path has a prefix).
   *
   * @throws ConformanceFailure ({@value HarnessMessages#STALE_BUILD}) if {@code file} no longer
   *     exists or has changed since
   */
  public static Path requireFreshFile(Path file, GoldenId id, String sha256) {
    if (!Files.isRegularFile(file)) {
      throw new ConformanceFailure(
          HarnessMessages.STALE_BUILD,
          id + ": fixture " + file + " no longer exists; rebuild (./mvnw verify) to regenerate"
              + " the tests");
    }
    String now;
    try {
      now = Fixture.sha256(file);
    } catch (IOException e) {
      throw new ConformanceFailure(
          HarnessMessages.FIXTURE_LOAD, id + ": cannot read fixture " + file + ": " + e);
    }
    if (!now.equals(sha256)) {
      throw new ConformanceFailure(
          HarnessMessages.STALE_BUILD,
          id + ": fixture " + file + " changed since its tests were generated (sha256 "
              + sha256.substring(0, Math.min(12, sha256.length())) + "..., now "
              + now.substring(0, 12) + "...); rebuild (./mvnw verify)");
    }
    return file;
  }

  private static Fixture load(Path root, GoldenId id, String sha256) {
    requireFresh(root, id, sha256);
    String key = root.toAbsolutePath().normalize() + "\0" + id.fixturePath() + "\0" + sha256;
    Fixture fixture = LOADED.get(key);
    if (fixture != null) {
      return fixture;
    }
    try {
      fixture = Fixture.load(root, id.fixturePath());
    } catch (IOException | FixtureException e) {
      throw new ConformanceFailure(
          HarnessMessages.FIXTURE_LOAD, id + ": " + e.getMessage());
    }
    if (!fixture.sha256().equals(sha256)) {
      throw new ConformanceFailure(
          HarnessMessages.STALE_BUILD,
          id + ": fixture " + fixture.file() + " changed while it was being read; rebuild"
              + " (./mvnw verify)");
    }
    LOADED.put(key, fixture);
    return fixture;
  }

  /** The golden root: {@value #GOLDEN_ROOT_PROPERTY}, or {@code golden} in the working directory. */
  public static Path goldenRoot() {
    return Path.of(System.getProperty(GOLDEN_ROOT_PROPERTY, "golden"));
  }
}
