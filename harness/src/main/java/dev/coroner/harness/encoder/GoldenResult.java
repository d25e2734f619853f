package dev.coroner.harness.encoder;

import dev.coroner.harness.Difference;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict on one golden file.
 *
 * @param golden the golden's path relative to the golden root, e.g. {@code spec/div.wast/12.core}
 * @param outcome pass, divergent, fail, or skipped (the golden itself is broken)
 * @param divergences the allowed divergences found (also listed for an exact-mode failure whose
 *     state is otherwise the same, to say what the output would be in semantic mode)
 * @param differences the structural differences between the golden's state and the output's
 *     (after the allowed divergences were normalized away); empty unless the state differs
 * @param problems other reasons for a failure: the decoder's error with its byte offset, the
 *     encoder's error, byte differences no allowed divergence explains; for a skipped golden, the
 *     one reason it was skipped
 * @param excerpt where the bytes first differ, with a hex excerpt of both; empty on a pass or when
 *     there is no output
 */
public record GoldenResult(
    String golden,
    Outcome outcome,
    Set<Divergence> divergences,
    List<Difference> differences,
    List<String> problems,
    String excerpt) {

  public GoldenResult {
    divergences =
        divergences.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(divergences));
    differences = List.copyOf(differences);
    problems = List.copyOf(problems);
  }

  /** A golden that cannot serve as a reference, with the reason. */
  static GoldenResult skipped(String golden, String reason) {
    return new GoldenResult(golden, Outcome.SKIPPED, Set.of(), List.of(), List.of(reason), "");
  }
}
