package dev.coroner.processor;

import dev.coroner.fixtures.Fixture;
import dev.coroner.wasi.ProgramSpec;
import dev.coroner.wasi.ProgramSpecException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parse step for program fixtures: every run spec ({@code *.run.json}) under the program root,
 * loaded with the {@code wasi} module's {@link ProgramSpec} (the reader the harness runs them
 * with), and whether it expects a trap or an exit. One bad spec never stops the others.
 */
final class ProgramReader {
  private ProgramReader() {}

  /** The specs under {@code root} (an existing directory) and the problems met on the way. */
  record Result(List<SuiteDescriptor.ProgramTest> programs, List<SuiteDescriptor.Problem> problems) {}

  static Result read(Path root) {
    List<SuiteDescriptor.ProgramTest> programs = new ArrayList<>();
    List<SuiteDescriptor.Problem> problems = new ArrayList<>();
    List<String> ids;
    try {
      ids = ProgramSpec.discover(root);
    } catch (IOException e) {
      problems.add(
          error(ConformanceMessages.FIXTURE_IO, "cannot list program root " + root + ": " + e));
      return new Result(programs, problems);
    }
    if (ids.isEmpty()) {
      problems.add(
          new SuiteDescriptor.Problem(
              false,
              ConformanceMessages.NO_PROGRAMS + " no " + ProgramSpec.SUFFIX + " run spec under "
                  + root + "; no program test generated"));
    }
    for (String id : ids) {
      readOne(root, id, programs, problems);
    }
    return new Result(programs, problems);
  }

  private static void readOne(
      Path root,
      String id,
      List<SuiteDescriptor.ProgramTest> programs,
      List<SuiteDescriptor.Problem> problems) {
    String sha256;
    try {
      sha256 = Fixture.sha256(root.resolve(id));
    } catch (IOException | InvalidPathException e) {
      problems.add(error(ConformanceMessages.FIXTURE_IO, id + ": cannot read run spec: " + e));
      return;
    }
    Optional<String> key = Optional.empty();
    try {
      ProgramSpec spec = ProgramSpec.load(root, id);
      key =
          Optional.of(
              spec.expect().trap().isPresent()
                  ? SuiteDescriptor.ProgramTest.TRAP
                  : SuiteDescriptor.ProgramTest.EXIT);
    } catch (ProgramSpecException e) {
      problems.add(error(ConformanceMessages.PROGRAM_SPEC, e.getMessage()));
    } catch (IOException e) {
      problems.add(error(ConformanceMessages.FIXTURE_IO, id + ": cannot read run spec: " + e));
    }
    programs.add(new SuiteDescriptor.ProgramTest(id, sha256, key));
  }

  private static SuiteDescriptor.Problem error(String tag, String text) {
    return new SuiteDescriptor.Problem(true, tag + " " + text);
  }
}
