package dev.coroner.processor;

import dev.coroner.processor.SuiteDescriptor.Problem;
import dev.coroner.wasi.ProgramSpec;
import dev.coroner.wasi.ProgramSpecException;
import java.io.IOException;
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
          Problem.error(
              ConformanceMessages.FIXTURE_IO, "cannot list program root " + root + ": " + e));
      return new Result(programs, problems);
    }
    if (ids.isEmpty()) {
      problems.add(
          Problem.warning(
              ConformanceMessages.NO_PROGRAMS,
              "no " + ProgramSpec.SUFFIX + " run spec under " + root
                  + "; no program test generated"));
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
    String sha256 = SuiteReader.sha256(root, id, "run spec", problems);
    if (sha256 == null) {
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
      problems.add(Problem.error(ConformanceMessages.PROGRAM_SPEC, e.getMessage()));
    } catch (IOException e) {
      problems.add(
          Problem.error(ConformanceMessages.FIXTURE_IO, id + ": cannot read run spec: " + e));
    }
    programs.add(new SuiteDescriptor.ProgramTest(id, sha256, key));
  }
}
