package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.chicory.conformance.ChicoryKitRunner;
import dev.coroner.chicory.conformance.ChicoryProfile;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.harness.kit.CaseVerdict;
import dev.coroner.harness.kit.Kit;
import dev.coroner.harness.kit.KitExporter;
import dev.coroner.harness.kit.KitScorer;
import dev.coroner.harness.kit.Profile;
import dev.coroner.harness.kit.ReferenceRunner;
import dev.coroner.harness.kit.Scorecard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chicory through the portable kit, as {@code README.md} shows it: the kit exported from every
 * fixture in {@code wat/} and its golden (and every trapping program fixture of {@code programs/},
 * once the golden tree has their goldens), every case run in Chicory 1.7.5's interpreter with {@link
 * ChicoryCoredumps} by {@link ChicoryKitRunner} (which reads only the kit), the dumps written as
 * {@code DUMPS/<fixture>/<line>.core} and scored by the kit's scorer under the {@code chicory}
 * profile. The expected verdict of each case is pinned here, so any change (a better or a worse
 * dump, a new fixture) shows up as a failure to be looked at; the scorecard is printed.
 */
class ChicoryScorecardTest {

  /** Cases that are not byte-identical with their golden, and the allowances they need. */
  private static final Map<String, List<String>> ALLOWED =
      Map.of("traps/call-stack-exhausted.wast:7", List.of("CALL_DEPTH"));

  /**
   * Cases Chicory 1.7.5's interpreter cannot run: it has no SIMD (its SIMD is another module) and
   * rejects 64-bit memories ("invalid memory limit: 4").
   */
  private static final Set<String> NOT_RUNNABLE =
      Set.of("traps/oob-simd-lane-load.wast:18", "values/v128-locals-and-operands.wast:46",
          "wasm3/memory64-oob-above-4gib.wast:13", "wasm3/memory64-sparse-data.wast:15");

  /**
   * A finding: after a {@code return_call}, Chicory's frames lose the tail-caller's own caller (1
   * frame where the golden, and V8, have 2). No profile allows it.
   */
  static final Set<String> WRONG =
      Set.of("wasm3/mutual-tail-recursion.wast:19", "wasm3/tail-call-chain.wast:18");

  @TempDir static Path tmp;

  private static Path kit;
  private static Path dumps;
  private static List<ReferenceRunner.Outcome> outcomes;

  @BeforeAll
  static void exportTheKitAndRunEveryCaseInChicory() throws Exception {
    kit = tmp.resolve("kit");
    dumps = tmp.resolve("dumps");
    Path fixtureRoot = Path.of(System.getProperty("coroner.fixtureRoot"));
    Path goldenRoot = Path.of(System.getProperty("coroner.goldenRoot"));
    // Program fixtures too, once their goldens are in the golden tree (wasi-command cases).
    Optional<Path> programRoot = Files.isDirectory(goldenRoot.resolve("programs"))
        ? Optional.of(fixtureRoot.resolveSibling("programs")) : Optional.empty();
    KitExporter.Result exported = KitExporter.export(fixtureRoot, programRoot, goldenRoot, kit);
    outcomes = ChicoryKitRunner.writeDumps(Kit.read(kit), dumps, Duration.ofSeconds(60));
    System.out.println("[ChicoryScorecardTest] kit of " + exported.cases() + " cases; Chicory"
        + " wrote " + outcomes.stream().filter(o -> o.bytes() >= 0).count() + " dumps");
  }

  @Test
  void everyCaseRunsInChicoryAndGetsItsDumpInTheGoldenLayout() throws Exception {
    List<String> failed = new ArrayList<>();
    for (ReferenceRunner.Outcome o : outcomes) {
      if (NOT_RUNNABLE.contains(o.id().toString())) {
        assertTrue(o.bytes() < 0, o.id() + " ran in Chicory; unpin it from NOT_RUNNABLE");
      } else if (o.bytes() < 0) {
        failed.add(o.problem());
      } else {
        Path dump = dumps.resolve(o.id().fixturePath()).resolve(o.id().key() + ".core");
        assertEquals(o.bytes(), Files.size(dump), dump.toString());
      }
    }
    assertTrue(failed.isEmpty(), "cases Chicory could not run:\n" + String.join("\n", failed));
    assertEquals(GoldenLayout.at(Path.of(System.getProperty("coroner.goldenRoot"))).coreFiles()
        .size(), outcomes.size(), "one case per golden");
  }

  @Test
  void underTheChicoryProfileEveryCaseHasItsPinnedVerdict() throws Exception {
    Scorecard card = KitScorer.score(kit, dumps, Profile.named(ChicoryProfile.NAME).orElseThrow());
    System.out.print(card.render(false));
    List<String> changed = new ArrayList<>();
    for (CaseVerdict v : card.verdicts()) {
      List<String> want = ALLOWED.get(v.id().toString());
      CaseVerdict.Kind kind = NOT_RUNNABLE.contains(v.id().toString()) ? CaseVerdict.Kind.MISSING
          : WRONG.contains(v.id().toString()) ? CaseVerdict.Kind.WRONG
          : want == null ? CaseVerdict.Kind.EXACT : CaseVerdict.Kind.ALLOWED;
      List<String> allowances = want == null ? List.of() : want;
      if (v.kind() != kind || !v.allowances().equals(allowances)) {
        changed.add(v.id() + ": expected " + kind.label() + " " + allowances + ", got "
            + v.kind().label() + " " + v.detail());
      }
    }
    assertTrue(changed.isEmpty(), "verdicts changed:\n" + String.join("\n", changed));
    assertEquals(List.of(), card.strays());
  }

  @Test
  void underStrictOnlyTheDeeperExhaustionIsWrongAndTheChicoryProfileIsNamed() throws Exception {
    Scorecard card = KitScorer.score(kit, dumps, Profile.STRICT);
    List<String> wrong = card.verdicts().stream()
        .filter(v -> v.kind() != CaseVerdict.Kind.EXACT)
        .filter(v -> !NOT_RUNNABLE.contains(v.id().toString()))
        .filter(v -> !WRONG.contains(v.id().toString()))
        .map(v -> v.id() + " " + v.kind().label() + " " + v.detail())
        .toList();
    assertEquals(1, wrong.size(), wrong::toString);
    assertTrue(wrong.get(0).startsWith("traps/call-stack-exhausted.wast:7 wrong corestack: thread"
        + " 0 \"main\" frame count"), wrong.get(0));
    assertTrue(wrong.get(0).endsWith("[allowed by profile chicory]"), wrong.get(0));
  }
}
