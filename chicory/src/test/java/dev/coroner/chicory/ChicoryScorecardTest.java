package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.chicory.conformance.CaseResult;
import dev.coroner.chicory.conformance.Divergence;
import dev.coroner.chicory.conformance.GoldenComparison;
import dev.coroner.chicory.conformance.KnownDivergence;
import dev.coroner.chicory.conformance.Scorecard;
import dev.coroner.chicory.conformance.Verdict;
import dev.coroner.fixtures.Fixture;
import dev.coroner.harness.golden.GoldenLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every trapping command of every fixture in {@code wat/}, run in Chicory 1.7.5's interpreter with
 * {@link ChicoryCoredumps}, and its dump classified against the golden Coroner's interpreter wrote
 * ({@code conformance-suite/golden/}). The expected verdict of each case is pinned here, so any
 * change (a better or a worse dump, a new fixture) shows up as a failure to be looked at; the
 * scorecard is printed.
 */
class ChicoryScorecardTest {

  /** Cases that are not byte-identical with their golden, and why. Every other case is exact. */
  private static final Map<String, Expected> NOT_EXACT =
      Map.of(
          "traps/call-stack-exhausted.wast:7",
          new Expected(Verdict.DIVERGENT, Set.of(KnownDivergence.CALL_DEPTH)),
          // Chicory 1.7.5 rejects 64-bit memories ("invalid memory limit: 4").
          "wasm3/memory64-oob-above-4gib.wast:13", new Expected(Verdict.NOT_RUNNABLE, Set.of()),
          "wasm3/memory64-sparse-data.wast:15", new Expected(Verdict.NOT_RUNNABLE, Set.of()),
          // A finding: after a return_call, Chicory's frames lose the tail-caller's own caller
          // (1 frame where the golden, and V8, have 2).
          "wasm3/mutual-tail-recursion.wast:19", new Expected(Verdict.WRONG, Set.of()),
          "wasm3/tail-call-chain.wast:18", new Expected(Verdict.WRONG, Set.of()));

  private record Expected(Verdict verdict, Set<KnownDivergence> divergences) {}

  @Test
  void everyFixtureCaseHasItsPinnedVerdict() throws Exception {
    Path root = Path.of(System.getProperty("coroner.fixtureRoot"));
    Path goldenRoot = Path.of(System.getProperty("coroner.goldenRoot"));
    List<CaseResult> results = new ArrayList<>();
    for (String rel : Fixture.discover(root)) {
      Fixture fixture = Fixture.load(root, rel);
      for (ChicoryScriptRunner.Trap o :
          ChicoryScriptRunner.run(fixture.script(), rel, ChicoryScriptRunner.Mode.FIXTURE_COREDUMPS)
              .traps()) {
        String name = rel + ":" + o.line();
        if (o.notRunnable().isPresent()) {
          results.add(CaseResult.notRunnable(name, o.notRunnable().get()));
          continue;
        }
        byte[] golden = Files.readAllBytes(goldenRoot.resolve(rel).resolve(o.line() + ".core"));
        results.add(GoldenComparison.classify(name, o.dump().orElseThrow(
            () -> new AssertionError(name + ": Chicory trapped but no dump was taken")), golden));
      }
    }
    Scorecard card = new Scorecard(results);
    System.out.print("Chicory 1.7.5 interpreter + dev.coroner.chicory against the goldens:\n"
        + card.render());

    // Every golden is a case: nothing was skipped on the way.
    Set<String> goldens = new TreeSet<>();
    GoldenLayout layout = GoldenLayout.at(goldenRoot);
    for (Path p : layout.coreFiles()) {
      String relative = layout.relative(p);
      int slash = relative.lastIndexOf('/');
      goldens.add(relative.substring(0, slash) + ":"
          + relative.substring(slash + 1, relative.length() - ".core".length()));
    }
    assertEquals(goldens, results.stream().map(CaseResult::name)
        .collect(Collectors.toCollection(TreeSet::new)));

    List<String> mismatches = new ArrayList<>();
    for (CaseResult r : results) {
      Expected want = NOT_EXACT.getOrDefault(r.name(), new Expected(Verdict.EXACT, Set.of()));
      Set<KnownDivergence> got =
          r.divergences().stream().map(Divergence::kind).collect(Collectors.toSet());
      if (r.verdict() != want.verdict() || !got.equals(want.divergences())) {
        mismatches.add(r.name() + ": expected " + want.verdict().label() + " " + want.divergences()
            + ", got " + r.verdict().label() + " " + got + (r.why().isEmpty() ? "" : ": " + r.why()));
      }
    }
    assertTrue(mismatches.isEmpty(), "verdicts changed:\n" + String.join("\n", mismatches));
  }
}
