package dev.coroner.harness.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.harness.encoder.StateJson;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.wasi.ProgramResult;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Program fixtures in the kit ({@code kit export --programs}): each run spec that expects a trap
 * becomes a {@code wasi-command} case with its module, arguments, environment, standard input and
 * a copy of its pre-opened directories; {@code kit run} (Coroner's interpreter with WASI, reading
 * only the kit) reproduces every golden byte for byte. The program goldens are made here by the
 * program runner, in the conformance suite's layout ({@code programs/<spec>/trap.core}), from a
 * copy of two program fixtures of {@code programs/} and a spec that adds standard input; one
 * {@code .wast} fixture ({@code traps/unreachable.wast}) keeps the script cases company.
 */
class ProgramCasesTest {

  private static final String FIXTURE = "traps/unreachable.wast";

  @TempDir static Path tmp;

  private static Setup setup;
  private static Path kit;
  private static Path dumps;
  private static List<ReferenceRunner.Outcome> outcomes;

  @BeforeAll
  static void exportAndRun() throws Exception {
    setup = setUp();
    kit = tmp.resolve("kit");
    KitExporter.export(setup.fixtures(), Optional.of(setup.programs()), setup.goldens(), kit);
    dumps = tmp.resolve("dumps");
    outcomes = ReferenceRunner.writeDumps(Kit.read(kit), dumps, Duration.ofSeconds(60));
  }

  private static Path repo() {
    return Path.of(System.getProperty("coroner.goldenRoot")).toAbsolutePath().normalize()
        .getParent().getParent();
  }

  /**
   * One fixture, two programs and a third spec (assert-fail with standard input), with goldens.
   */
  private record Setup(Path fixtures, Path programs, Path goldens, int trapping, int scripts) {}

  private static Setup setUp() throws Exception {
    Path fixtures = tmp.resolve("wat");
    Files.createDirectories(fixtures.resolve(FIXTURE).getParent());
    Files.copy(repo().resolve("wat").resolve(FIXTURE), fixtures.resolve(FIXTURE));
    Path programs = tmp.resolve("programs");
    copyTree(repo().resolve("programs/assert-fail"), programs.resolve("assert-fail"));
    copyTree(repo().resolve("programs/argv-env-file"), programs.resolve("argv-env-file"));
    String spec = Files.readString(programs.resolve("assert-fail/assert-fail.run.json"));
    Files.writeString(programs.resolve("assert-fail/with-stdin.run.json"),
        spec.replace("\"wasm\": \"assert-fail.wasm\",",
            "\"wasm\": \"assert-fail.wasm\",\n  \"stdin\": \"ignored input\\n\","));
    Path goldens = tmp.resolve("golden");
    copyTree(Path.of(System.getProperty("coroner.goldenRoot")).resolve(FIXTURE),
        goldens.resolve(FIXTURE));
    GoldenLayout layout = GoldenLayout.at(goldens);
    int trapping = 0;
    for (ProgramSpec s : ProgramSpec.loadAll(programs)) {
      if (s.expect().trap().isEmpty()) {
        continue;
      }
      ProgramResult r = ProgramRunner.run(s);
      assertEquals(List.of(), r.mismatches(), s.id());
      CoreDump dump = r.coreDump().orElseThrow();
      GoldenId id = ProgramCases.id(s);
      Files.createDirectories(layout.core(id).getParent());
      Files.write(layout.core(id), r.coredumpBytes().orElseThrow());
      Files.writeString(layout.text(id), CoreDumpText.render(dump));
      Files.writeString(layout.state(id), StateJson.write(dump));
      trapping++;
    }
    return new Setup(fixtures, programs, goldens, trapping,
        GoldenLayout.at(goldens).coreFiles().size() - trapping);
  }

  @Test
  void trappingRunSpecsBecomeWasiCommandCasesThatTheReferenceRunnerReproducesExactly()
      throws Exception {
    Setup s = setup;
    assertEquals(3, s.trapping(), "kilo.run.json exits: no case");
    Kit k = Kit.read(kit);
    assertEquals(s.scripts() + 3, k.cases().size());

    Kit.Entry argv = entry(k, "programs/argv-env-file/argv-env-file.run.json:trap");
    assertEquals("cases/programs/argv-env-file/argv-env-file.run.json/trap", argv.dir());
    assertEquals("programs/argv-env-file/argv-env-file.run.json/trap.core", argv.dump());
    KitCase c = k.read(argv);
    assertEquals(KitCase.Kind.WASI_COMMAND, c.kind());
    assertEquals("argv-env-file.wasm", c.process());
    assertEquals(List.of(), c.hostModules());
    assertEquals("argv-env-file.run.json", c.source().file());
    assertFalse(c.source().line().isPresent());
    assertEquals(new KitCase.Trap(0, false, "integer overflow"), c.trap());
    KitStep.WasiStart w = (KitStep.WasiStart) c.steps().get(0);
    assertEquals(List.of("argv-env-file.wasm", "min"), w.args());
    assertEquals(List.of(new KitStep.EnvVar("SCALE", "-1")), w.env());
    assertEquals(Optional.empty(), w.stdin());
    assertEquals(List.of(new KitStep.Preopen("/data", "files/0-data")), w.preopens());
    assertEquals(Files.readString(s.programs().resolve("argv-env-file/data/units.txt")),
        Files.readString(k.file(argv, "files/0-data/units.txt")));
    CoreDump golden = CoreDumpDecoder.decode(Files.readAllBytes(k.file(argv, Kit.EXPECTED_CORE)));
    assertEquals(golden.modules(), List.of(c.modules().get(0).dumpName()));

    Kit.Entry withStdin = entry(k, "programs/assert-fail/with-stdin.run.json:trap");
    KitStep.WasiStart ws = (KitStep.WasiStart) k.read(withStdin).steps().get(0);
    assertEquals(Optional.of(ProgramCases.STDIN_FILE), ws.stdin());
    assertEquals("ignored input\n",
        Files.readString(k.file(withStdin, "stdin.txt"), StandardCharsets.UTF_8));

    assertTrue(outcomes.stream().allMatch(o -> o.bytes() >= 0), outcomes::toString);
    Scorecard card = KitScorer.score(kit, dumps, Profile.STRICT);
    assertEquals(s.scripts() + 3, card.totals().get(CaseVerdict.Kind.EXACT), card.render(false));
    System.out.println("[ProgramCasesTest] kit of " + k.cases().size() + " cases ("
        + s.trapping() + " wasi-command); kit run + kit score: "
        + card.totals().get(CaseVerdict.Kind.EXACT) + " exact");
  }

  @Test
  void aProgramDumpThatDiffersIsWrongWithTheFieldNamed() throws Exception {
    Path altered = tmp.resolve("altered");
    copyTree(dumps, altered);
    Kit k = Kit.read(kit);
    Kit.Entry e = entry(k, "programs/assert-fail/assert-fail.run.json:trap");
    Path file = altered.resolve(e.dump());
    CoreDump d = CoreDumpDecoder.decode(Files.readAllBytes(file));
    Files.write(file, CoreDumpEncoder.encode(new CoreDump(Optional.of("other.wasm"), d.modules(),
        d.instances(), d.memories(), d.globals(), d.threads())));
    CaseVerdict v = KitScorer.score(kit, altered, Profile.STRICT).verdicts().stream()
        .filter(x -> x.id().equals(e.id())).findFirst().orElseThrow();
    assertEquals(CaseVerdict.Kind.WRONG, v.kind());
    assertTrue(v.detail().startsWith("core: process name"), v.detail());
  }

  @Test
  void aMissingOrStaleProgramGoldenStopsTheExportNamingTheCase() throws Exception {
    Path goldens = tmp.resolve("golden-stale");
    copyTree(setup.goldens(), goldens);
    GoldenId id = new GoldenId("programs/argv-env-file/argv-env-file.run.json", "trap");
    Path core = GoldenLayout.at(goldens).core(id);
    CoreDump d = CoreDumpDecoder.decode(Files.readAllBytes(core));
    Files.write(core, CoreDumpEncoder.encode(new CoreDump(Optional.of("renamed.wasm"),
        d.modules(), d.instances(), d.memories(), d.globals(), d.threads())));
    KitException stale = assertThrows(KitException.class, () -> KitExporter.export(
        setup.fixtures(), Optional.of(setup.programs()), goldens, tmp.resolve("k1")));
    assertEquals(id + ": the golden's process name is renamed.wasm, expected argv-env-file.wasm",
        stale.getMessage());
    Files.delete(core);
    KitException missing = assertThrows(KitException.class, () -> KitExporter.export(
        setup.fixtures(), Optional.of(setup.programs()), goldens, tmp.resolve("k2")));
    assertTrue(missing.getMessage().startsWith(id + ": no golden "), missing.getMessage());
    assertFalse(Files.exists(tmp.resolve("k1")) || Files.exists(tmp.resolve("k2")),
        "nothing written");
  }

  private static Kit.Entry entry(Kit k, String id) {
    return k.cases().stream().filter(e -> e.id().toString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no case " + id));
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
