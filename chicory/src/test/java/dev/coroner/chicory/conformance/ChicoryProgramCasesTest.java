package dev.coroner.chicory.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.harness.encoder.StateJson;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.harness.kit.CaseVerdict;
import dev.coroner.harness.kit.Kit;
import dev.coroner.harness.kit.KitExporter;
import dev.coroner.harness.kit.KitScorer;
import dev.coroner.harness.kit.Profile;
import dev.coroner.harness.kit.ReferenceRunner;
import dev.coroner.harness.kit.Scorecard;
import dev.coroner.wasi.ProgramResult;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Program fixtures through the kit in Chicory: {@code wasi-command} cases of two programs of
 * {@code programs/} (a failed assert in C at -O0; an integer overflow that needs argv, the
 * environment and a pre-opened folder), run by {@link ChicoryKitRunner} with Chicory's own WASI
 * and scored under the {@code chicory} profile against goldens Coroner's program runner writes
 * here (the conformance suite's layout, {@code programs/<spec>/trap.core}): byte for byte.
 */
class ChicoryProgramCasesTest {

  private static final String FIXTURE = "traps/unreachable.wast";

  @TempDir Path tmp;

  @Test
  void chicorysDumpsOfProgramCasesAreExact() throws Exception {
    Path repo = Path.of(System.getProperty("coroner.fixtureRoot")).toAbsolutePath().normalize()
        .getParent();
    Path fixtures = tmp.resolve("wat");
    Files.createDirectories(fixtures.resolve(FIXTURE).getParent());
    Files.copy(repo.resolve("wat").resolve(FIXTURE), fixtures.resolve(FIXTURE));
    Path programs = tmp.resolve("programs");
    copyTree(repo.resolve("programs/assert-fail"), programs.resolve("assert-fail"));
    copyTree(repo.resolve("programs/argv-env-file"), programs.resolve("argv-env-file"));
    Path goldens = tmp.resolve("golden");
    copyTree(repo.resolve("conformance-suite/golden").resolve(FIXTURE), goldens.resolve(FIXTURE));
    GoldenLayout layout = GoldenLayout.at(goldens);
    for (ProgramSpec s : ProgramSpec.loadAll(programs)) {
      if (s.expect().trap().isPresent()) {
        ProgramResult r = ProgramRunner.run(s);
        CoreDump dump = r.coreDump().orElseThrow();
        GoldenId id = new GoldenId("programs/" + s.id(), "trap");
        Files.createDirectories(layout.core(id).getParent());
        Files.write(layout.core(id), r.coredumpBytes().orElseThrow());
        Files.writeString(layout.text(id), CoreDumpText.render(dump));
        Files.writeString(layout.state(id), StateJson.write(dump));
      }
    }
    Path kit = tmp.resolve("kit");
    KitExporter.export(fixtures, Optional.of(programs), goldens, kit);
    Path dumps = tmp.resolve("dumps");
    List<ReferenceRunner.Outcome> outcomes =
        ChicoryKitRunner.writeDumps(Kit.read(kit), dumps, Duration.ofSeconds(60));
    assertTrue(outcomes.stream().allMatch(o -> o.bytes() >= 0), outcomes::toString);
    Scorecard card = KitScorer.score(kit, dumps, ChicoryProfile.PROFILE);
    List<String> ids = card.verdicts().stream().map(v -> v.id().toString()).sorted().toList();
    assertEquals(List.of("programs/argv-env-file/argv-env-file.run.json:trap",
        "programs/assert-fail/assert-fail.run.json:trap", "traps/unreachable.wast:9"), ids);
    assertEquals(3, card.totals().get(CaseVerdict.Kind.EXACT), card.render(false));
    System.out.println("[ChicoryProgramCasesTest] Chicory with its WASI, from the kit: "
        + card.totals().get(CaseVerdict.Kind.EXACT) + " of 3 cases exact (2 wasi-command)");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
