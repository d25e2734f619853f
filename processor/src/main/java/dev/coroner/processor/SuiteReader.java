package dev.coroner.processor;

import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.FixtureException;
import dev.coroner.fixtures.FixtureSyntaxException;
import dev.coroner.processor.SuiteDescriptor.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parse step: resolves the fixture root, loads every fixture with the {@code fixtures} library
 * and records, per fixture, its hash and trapping lines, or the problem that stopped it; then the
 * program specs ({@link ProgramReader}). One bad fixture never stops the others.
 */
final class SuiteReader {
  private SuiteReader() {}

  /** The root as configured: the option wins over the attribute; relative paths use the base. */
  static Path resolveRoot(String attribute, String optionRoot, String optionProjectDir) {
    String configured = optionRoot != null && !optionRoot.isBlank() ? optionRoot : attribute;
    Path path = Paths.get(configured);
    if (!path.isAbsolute()) {
      Path base =
          optionProjectDir != null && !optionProjectDir.isBlank()
              ? Paths.get(optionProjectDir)
              : Paths.get("");
      path = base.resolve(path);
    }
    return path.toAbsolutePath().normalize();
  }

  /**
   * Reads the suite; {@code root} and {@code programRoot}, when present, must be existing
   * directories.
   */
  static SuiteDescriptor read(Path root, String goldenRoot, Optional<Path> programRoot) {
    List<SuiteDescriptor.FixtureTests> fixtures = new ArrayList<>();
    List<SuiteDescriptor.Problem> problems = new ArrayList<>();
    readFixtures(root, fixtures, problems);
    List<SuiteDescriptor.ProgramTest> programs = new ArrayList<>();
    if (programRoot.isPresent()) {
      ProgramReader.Result result = ProgramReader.read(programRoot.get());
      programs.addAll(result.programs());
      problems.addAll(result.problems());
    }
    return new SuiteDescriptor(root, goldenRoot, fixtures, programRoot, programs, problems);
  }

  private static void readFixtures(
      Path root,
      List<SuiteDescriptor.FixtureTests> fixtures,
      List<SuiteDescriptor.Problem> problems) {
    List<String> paths;
    try {
      paths = Fixture.discover(root);
    } catch (IOException e) {
      problems.add(
          Problem.error(
              ConformanceMessages.FIXTURE_IO, "cannot list fixture root " + root + ": " + e));
      return;
    }
    if (paths.isEmpty()) {
      problems.add(
          Problem.warning(
              ConformanceMessages.NO_FIXTURES,
              "no .wast or .wat fixture under " + root + "; no conformance test generated"));
    }
    for (String path : paths) {
      readOne(root, path, fixtures, problems);
    }
  }

  private static void readOne(
      Path root,
      String path,
      List<SuiteDescriptor.FixtureTests> fixtures,
      List<SuiteDescriptor.Problem> problems) {
    String sha256 = sha256(root, path, "fixture", problems);
    if (sha256 == null) {
      return;
    }
    List<Integer> lines = new ArrayList<>();
    try {
      Fixture fixture = Fixture.load(root, path);
      for (Command.Trapping command : fixture.trappingCommands()) {
        lines.add(command.line());
      }
      if (lines.isEmpty()) {
        problems.add(
            Problem.error(
                ConformanceMessages.NO_TRAP,
                path + ": no assert_trap or assert_exhaustion, so it produces no coredump"
                    + " (a .wat needs a ';; @trap (invoke ...)' directive or a start function"
                    + " that traps)"));
      }
      // A changed file is re-read; keep the hash of the bytes that were converted.
      sha256 = fixture.sha256();
    } catch (FixtureSyntaxException e) {
      problems.add(Problem.error(ConformanceMessages.FIXTURE_SYNTAX, e.getMessage()));
    } catch (FixtureException e) { // FixtureFormatException, the only other kind
      problems.add(Problem.error(ConformanceMessages.FIXTURE_FORMAT, e.getMessage()));
    } catch (IOException e) {
      problems.add(Problem.error(ConformanceMessages.FIXTURE_IO, path + ": " + e));
    }
    fixtures.add(new SuiteDescriptor.FixtureTests(path, sha256, lines));
  }

  /**
   * The SHA-256 of the file {@code relative} under {@code root}, or null after adding the error
   * that it cannot be read (a {@code what}, as the message calls it).
   */
  static String sha256(Path root, String relative, String what, List<Problem> problems) {
    try {
      return Fixture.sha256(root.resolve(relative));
    } catch (IOException | InvalidPathException e) {
      problems.add(
          Problem.error(
              ConformanceMessages.FIXTURE_IO, relative + ": cannot read " + what + ": " + e));
      return null;
    }
  }

  /** Whether the fixture root is usable; otherwise the message to report. */
  static String checkRoot(Path root) {
    return checkRoot(root, "fixture root");
  }

  /** Whether the root called {@code what} is usable; otherwise the message to report. */
  static String checkRoot(Path root, String what) {
    if (!Files.exists(root)) {
      return ConformanceMessages.FIXTURE_ROOT_MISSING + " " + what + " " + root
          + " does not exist";
    }
    if (!Files.isDirectory(root)) {
      return ConformanceMessages.FIXTURE_ROOT_MISSING + " " + what + " " + root
          + " is not a directory";
    }
    return null;
  }
}
