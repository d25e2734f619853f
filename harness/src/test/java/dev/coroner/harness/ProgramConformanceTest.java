package dev.coroner.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.fixtures.Fixture;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProgramConformance#check}, what the generated test of a program run spec calls, on a
 * copy of one real program fixture ({@code programs/builtin-trap}) with a golden root of its own.
 */
class ProgramConformanceTest {

  private static final String PROGRAM = "builtin-trap";
  private static final String SPEC = PROGRAM + "/" + PROGRAM + ".run.json";

  @TempDir Path tmp;
  private Path programs;
  private Path goldens;
  private String previousGoldenRoot;

  @BeforeEach
  void copyTheProgramAndUseAnEmptyGoldenRoot() throws IOException {
    programs = tmp.resolve("programs");
    Files.createDirectories(programs.resolve(PROGRAM));
    Path source = Path.of("..", "programs", PROGRAM);
    for (String name : new String[] {PROGRAM + ".wasm", PROGRAM + ".run.json"}) {
      Files.copy(source.resolve(name), programs.resolve(PROGRAM).resolve(name));
    }
    goldens = tmp.resolve("golden");
    previousGoldenRoot = System.setProperty(Conformance.GOLDEN_ROOT_PROPERTY, goldens.toString());
  }

  @AfterEach
  void restoreTheGoldenRoot() {
    if (previousGoldenRoot == null) {
      System.clearProperty(Conformance.GOLDEN_ROOT_PROPERTY);
    } else {
      System.setProperty(Conformance.GOLDEN_ROOT_PROPERTY, previousGoldenRoot);
    }
  }

  @Test
  void theIdOfARunSpecNamesItsGoldenAndItsTest() {
    GoldenId trap = GoldenId.ofProgram(SPEC, true);
    assertEquals("programs/" + SPEC + ":trap", trap.toString());
    assertEquals(trap, GoldenId.parse(trap.toString()));
    assertTrue(trap.isProgram());
    assertEquals(SPEC, trap.programSpecId());
    assertEquals(goldens.resolve("programs/" + SPEC + "/trap.core"),
        GoldenLayout.at(goldens).core(trap));
    assertEquals("programs/" + SPEC + ":exit", GoldenId.ofProgram(SPEC, false).toString());
    assertFalse(GoldenId.of("traps/div.wast", 3).isProgram());
  }

  @Test
  void aTrapWithoutAGoldenFailsGoldenMissingAndLeavesTheCandidates() throws Exception {
    ConformanceFailure failure = fails(() -> check(SPEC, "trap"));
    assertEquals(HarnessMessages.GOLDEN_MISSING, failure.tag());
    assertTrue(failure.getMessage().startsWith(
        HarnessMessages.GOLDEN_MISSING + " programs/" + SPEC + ":trap: no golden yet"),
        failure.getMessage());
    Path candidate = goldens.resolve("programs/" + SPEC + "/trap.core.new");
    assertTrue(Files.isRegularFile(candidate), "no candidate " + candidate);
    assertArrayEquals(
        Files.readAllBytes(Path.of("..", "conformance-suite", "golden", "programs", SPEC,
            "trap.core")),
        Files.readAllBytes(candidate), "the candidate is the reviewed golden");
  }

  @Test
  void aTrapMatchingItsGoldenPasses() throws Exception {
    Path golden = goldens.resolve("programs/" + SPEC);
    Files.createDirectories(golden);
    for (String name : new String[] {"trap.core", "trap.core.txt", "trap.state.json"}) {
      Files.copy(Path.of("..", "conformance-suite", "golden", "programs", SPEC, name),
          golden.resolve(name));
    }
    check(SPEC, "trap");
  }

  @Test
  void anExitTheProgramDoesNotMeetFailsFixtureRunWithTheDifference() throws Exception {
    String spec = PROGRAM + "/expects-exit.run.json";
    write(spec, "{\"wasm\": \"" + PROGRAM + ".wasm\", \"expect\": {\"exit\": 0, \"stdout\": \"\"}}\n");
    ConformanceFailure failure = fails(() -> check(spec, "exit"));
    assertEquals(HarnessMessages.FIXTURE_RUN, failure.tag());
    assertTrue(failure.getMessage().startsWith(HarnessMessages.FIXTURE_RUN + " programs/" + spec
        + ":exit: the program did not run as expects-exit.run.json says:\n"
        + "  expected exit code 0, got "), failure.getMessage());
    assertFalse(Files.exists(goldens), "an exit writes no golden and no candidate");
  }

  @Test
  void aSpecChangedSinceGenerationIsAStaleBuild() throws Exception {
    String sha = Fixture.sha256(programs.resolve(SPEC));
    write(SPEC, Files.readString(programs.resolve(SPEC)).replace("\"trap\": \"unreachable\"",
        "\"exit\": 0"));
    ConformanceFailure failure = fails(() -> ProgramConformance.check(
        programs.toString(), SPEC, sha, "trap"));
    assertEquals(HarnessMessages.STALE_BUILD, failure.tag());
    assertFalse(Files.exists(goldens));
  }

  private void check(String spec, String key) throws IOException {
    ProgramConformance.check(
        programs.toString(), spec, Fixture.sha256(programs.resolve(spec)), key);
  }

  private void write(String spec, String text) throws IOException {
    Files.writeString(programs.resolve(spec), text, StandardCharsets.UTF_8);
  }

  private static ConformanceFailure fails(Executable check) {
    return assertThrows(ConformanceFailure.class, check);
  }
}
