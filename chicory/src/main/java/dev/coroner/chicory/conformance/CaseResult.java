package dev.coroner.chicory.conformance;

import dev.coroner.harness.Difference;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one case (one trapping command of a fixture, keyed {@code path:line}).
 *
 * @param name the case, e.g. {@code traps/unreachable.wast:9}
 * @param verdict exact, same state, divergent, wrong or not runnable
 * @param divergences the known divergences found (for {@link Verdict#DIVERGENT}, and for {@link
 *     Verdict#WRONG} where some differences were explained)
 * @param unexplained the differences no known divergence explains ({@link Verdict#WRONG} only),
 *     each naming its section and field
 * @param note why the case could not be run ({@link Verdict#NOT_RUNNABLE}), else empty
 */
public record CaseResult(
    String name,
    Verdict verdict,
    List<Divergence> divergences,
    List<Difference> unexplained,
    String note) {

  public CaseResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verdict, "verdict");
    divergences = List.copyOf(divergences);
    unexplained = List.copyOf(unexplained);
    Objects.requireNonNull(note, "note");
  }

  /** A case the producer could not run. */
  public static CaseResult notRunnable(String name, String reason) {
    return new CaseResult(name, Verdict.NOT_RUNNABLE, List.of(), List.of(), reason);
  }

  /** One line of explanation: the divergences, the first unexplained difference, or the note. */
  public String why() {
    switch (verdict) {
      case DIVERGENT:
        return divergences.stream()
            .map(d -> d.kind().description() + " (" + d.detail() + ")")
            .reduce((a, b) -> a + "; " + b)
            .orElse("");
      case WRONG:
        return unexplained.get(0) + (unexplained.size() > 1
            ? " (+" + (unexplained.size() - 1) + " more)" : "");
      case NOT_RUNNABLE:
        return note;
      default:
        return "";
    }
  }
}
