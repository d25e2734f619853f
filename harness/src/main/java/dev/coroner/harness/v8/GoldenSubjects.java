package dev.coroner.harness.v8;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.FixtureException;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.wasi.ProgramSpec;
import dev.coroner.wasi.ProgramSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The goldens of a fixture tree, each with the job that reproduces it in V8: every trapping
 * command of every {@code .wast} and {@code .wat} fixture under the fixture root that has a valid
 * golden. What cannot be checked is listed with its reason and left to the test that reports it
 * (a fixture that does not convert, a golden not blessed yet or invalid, a golden whose command is
 * gone), so one problem fails one test.
 *
 * <p>Program fixtures' goldens come from {@link #ofPrograms}, each with its {@link
 * V8Job.Program}; {@link #and} joins the two.
 *
 * @param subjects the goldens to check, in fixture and line order
 * @param skipped one line per golden or fixture left out, with the reason
 */
public record GoldenSubjects(List<V8Subject> subjects, List<String> skipped) {

  /** Copies the lists. */
  public GoldenSubjects {
    subjects = List.copyOf(subjects);
    skipped = List.copyOf(skipped);
  }

  /**
   * The goldens under {@code goldenRoot} of the fixtures under {@code fixtureRoot}.
   *
   * @throws IOException if a tree cannot be walked
   */
  public static GoldenSubjects ofFixtures(Path fixtureRoot, Path goldenRoot) throws IOException {
    GoldenLayout layout = GoldenLayout.at(goldenRoot);
    List<V8Subject> subjects = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<GoldenId> expected = new HashSet<>();
    Set<String> unloadable = new HashSet<>();
    for (String path : Fixture.discover(fixtureRoot)) {
      Fixture fixture;
      try {
        fixture = Fixture.load(fixtureRoot, path);
      } catch (FixtureException | IOException e) {
        skipped.add(path + ": the fixture does not load (its conformance tests report it)");
        unloadable.add(path);
        continue;
      }
      V8Job job = V8Job.Script.of(fixture);
      for (Command.Trapping command : fixture.trappingCommands()) {
        GoldenId id = GoldenId.of(path, command.line());
        expected.add(id);
        CoreDump dump = golden(layout, id, skipped);
        if (dump != null) {
          subjects.add(new V8Subject(id, dump, job));
        }
      }
    }
    if (Files.isDirectory(goldenRoot)) {
      for (Path core : layout.coreFiles()) {
        GoldenId id = layout.idOf(core);
        if (!expected.contains(id) && Fixture.isFixtureName(id.fixturePath())
            && !unloadable.contains(id.fixturePath())) {
          skipped.add(id + ": a golden without a trapping command on that line");
        }
      }
    }
    return new GoldenSubjects(subjects, skipped);
  }

  /**
   * The goldens under {@code goldenRoot} of the program run specs under {@code programRoot}: one
   * {@link V8Job.Program} per spec that expects a trap and has a valid golden ({@link
   * GoldenId#ofProgram}). Left out with the reason: a spec that does not load, a golden not
   * blessed yet or invalid, and a golden under {@code programs/} whose spec is gone or no longer
   * expects a trap.
   *
   * @throws IOException if a tree cannot be walked
   */
  public static GoldenSubjects ofPrograms(Path programRoot, Path goldenRoot) throws IOException {
    GoldenLayout layout = GoldenLayout.at(goldenRoot);
    List<V8Subject> subjects = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<GoldenId> expected = new HashSet<>();
    for (String specId : ProgramSpec.discover(programRoot)) {
      ProgramSpec spec;
      try {
        spec = ProgramSpec.load(programRoot, specId);
      } catch (ProgramSpecException | IOException e) {
        GoldenId trap = GoldenId.ofProgram(specId, true);
        expected.add(trap); // its golden is not an orphan: the spec's own test reports it
        skipped.add(trap + ": the run spec does not load (its conformance test reports it)");
        continue;
      }
      if (spec.expect().trap().isEmpty()) {
        continue; // an exit: no golden
      }
      GoldenId id = GoldenId.ofProgram(specId, true);
      expected.add(id);
      CoreDump dump = golden(layout, id, skipped);
      if (dump != null) {
        subjects.add(new V8Subject(id, dump, V8Job.Program.of(spec, id)));
      }
    }
    Path programGoldens = goldenRoot.resolve(GoldenId.PROGRAMS);
    if (Files.isDirectory(programGoldens)) {
      for (Path core : layout.coreFiles()) {
        GoldenId id = layout.idOf(core);
        if (id.fixturePath().startsWith(GoldenId.PROGRAMS + "/") && !expected.contains(id)) {
          skipped.add(id + ": a golden without a run spec that expects a trap");
        }
      }
    }
    return new GoldenSubjects(subjects, skipped);
  }

  /**
   * The golden dump of {@code id}, or null after adding to {@code skipped} why there is none to
   * check: not blessed yet, or invalid.
   *
   * @throws IOException if the golden cannot be read
   */
  private static CoreDump golden(GoldenLayout layout, GoldenId id, List<String> skipped)
      throws IOException {
    Path core = layout.core(id);
    if (!Files.isRegularFile(core)) {
      skipped.add(id + ": no golden yet (its conformance test reports [GoldenMissing])");
      return null;
    }
    try {
      return CoreDumpDecoder.decode(Files.readAllBytes(core));
    } catch (CoreDumpFormatException e) {
      skipped.add(id + ": the golden is invalid (its conformance test reports it)");
      return null;
    }
  }

  /** These subjects followed by {@code more}'s, and both lists of what was left out. */
  public GoldenSubjects and(GoldenSubjects more) {
    List<V8Subject> all = new ArrayList<>(subjects);
    all.addAll(more.subjects());
    List<String> allSkipped = new ArrayList<>(skipped);
    allSkipped.addAll(more.skipped());
    return new GoldenSubjects(all, allSkipped);
  }
}
