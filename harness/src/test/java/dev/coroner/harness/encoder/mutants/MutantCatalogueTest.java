package dev.coroner.harness.encoder.mutants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.harness.HarnessMessages;
import dev.coroner.harness.encoder.Divergence;
import dev.coroner.harness.encoder.EncoderReport;
import dev.coroner.harness.encoder.EncoderSuite;
import dev.coroner.harness.encoder.GoldenResult;
import dev.coroner.harness.encoder.Mode;
import dev.coroner.harness.encoder.Outcome;
import dev.coroner.harness.encoder.SyntheticGoldens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the suite against every mutant encoder in {@link Bug}: exact mode must catch all of them
 * (the kill table says which goldens catch each), and semantic mode must call the allowed ones
 * divergent with the right named divergence and fail the others.
 *
 * <p>Runs over a synthetic golden tree, or over a real one given by {@code
 * -Dcoroner.goldenRoot=<dir>}.
 */
class MutantCatalogueTest {

  /** The divergence semantic mode must name for each semantically allowed bug. */
  private static final Map<Bug, Set<Divergence>> EXPECTED_DIVERGENCES =
      Map.of(
          Bug.MUTABLE_GLOBALS, Set.of(Divergence.GLOBAL_MUTABILITY),
          Bug.CHUNKS_UNTRIMMED, Set.of(Divergence.DATA_SEGMENTATION),
          Bug.PADDED_U32, Set.of(Divergence.NON_MINIMAL_LEB128),
          Bug.VALUES_OMITTED, Set.of(Divergence.LOCALS_OMITTED, Divergence.STACK_OMITTED),
          Bug.CORE_LAST, Set.of(Divergence.SECTION_ORDER),
          Bug.SINGLE_SEGMENT, Set.of(Divergence.DATA_SEGMENTATION),
          Bug.EMPTY_SECTIONS_OMITTED, Set.of(Divergence.EMPTY_SECTION_OMITTED),
          Bug.EXPLICIT_MEMIDX_ZERO, Set.of(Divergence.DATA_SEGMENTATION));

  @TempDir static Path temp;
  private static Path root;

  @BeforeAll
  static void goldens() {
    root = SyntheticGoldens.rootOr(temp);
  }

  @Test
  void catalogueHasAtLeastTwentyBugs() {
    assertTrue(Bug.values().length >= 20, "only " + Bug.values().length + " mutants");
    for (Bug b : Bug.values()) {
      assertEquals(b.allowedSemantically(), EXPECTED_DIVERGENCES.containsKey(b), b.name());
    }
  }

  @Test
  void writerWithoutBugsIsCanonical() throws IOException {
    EncoderReport report = EncoderSuite.run(root, MutantWriter.correct(), Mode.EXACT);
    assertTrue(report.allPass(), report.render());
    assertTrue(report.judged() > 0, "no usable goldens under " + root);
  }

  @Test
  void exactModeCatchesEveryMutant() throws IOException {
    StringBuilder table = new StringBuilder("kill table (exact mode) over " + root + "\n");
    List<Bug> survivors = new ArrayList<>();
    boolean skipsListed = false;
    for (Bug bug : Bug.values()) {
      EncoderReport exact = EncoderSuite.run(root, MutantWriter.with(bug), Mode.EXACT);
      if (!skipsListed) {
        // A broken golden would "kill" every mutant: it is left out, and said so once.
        for (GoldenResult r : exact.withOutcome(Outcome.SKIPPED)) {
          table.append("  ").append(HarnessMessages.SKIPPED).append(' ').append(r.golden())
              .append(": ").append(r.problems().get(0)).append('\n');
        }
        skipsListed = true;
      }
      List<String> killers = new ArrayList<>();
      for (GoldenResult r : exact.withOutcome(Outcome.FAIL)) {
        killers.add(r.golden());
      }
      if (killers.isEmpty()) {
        survivors.add(bug);
      }
      String examples = String.join(", ", killers.subList(0, Math.min(3, killers.size())))
          + (killers.size() > 3 ? ", ..." : "");
      table.append(String.format("  %-34s killed by %2d/%d goldens: %s%n", bug, killers.size(),
          exact.judged(), examples));
    }
    System.out.print(table);
    assertEquals(List.of(), survivors, "mutants no golden catches:\n" + table);
  }

  @Test
  void semanticModeAllowsOnlyTheNamedDivergences() throws IOException {
    StringBuilder problems = new StringBuilder();
    for (Bug bug : Bug.values()) {
      EncoderReport semantic = EncoderSuite.run(root, MutantWriter.with(bug), Mode.SEMANTIC);
      if (!bug.allowedSemantically()) {
        if (semantic.count(Outcome.FAIL) == 0) {
          problems.append(bug).append(" should fail semantically:\n").append(semantic.render());
        }
        continue;
      }
      if (!semantic.ok() || semantic.count(Outcome.DIVERGENT) == 0) {
        problems.append(bug).append(" should be divergent:\n").append(semantic.render());
        continue;
      }
      Set<Divergence> found = EnumSet.noneOf(Divergence.class);
      semantic.withOutcome(Outcome.DIVERGENT).forEach(r -> found.addAll(r.divergences()));
      if (!found.equals(EXPECTED_DIVERGENCES.get(bug))) {
        problems.append(bug).append(": divergences ").append(found).append(", expected ")
            .append(EXPECTED_DIVERGENCES.get(bug)).append('\n');
      }
    }
    assertEquals("", problems.toString());
  }
}
