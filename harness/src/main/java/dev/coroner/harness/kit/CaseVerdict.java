package dev.coroner.harness.kit;

import dev.coroner.harness.Difference;
import dev.coroner.harness.golden.GoldenId;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on one case's dump.
 *
 * @param id the case
 * @param kind exact, same state, allowed divergence, wrong or missing
 * @param allowances for {@link Kind#ALLOWED}: the names of the allowances the dump needed, in the
 *     profile's order
 * @param encoding how the bytes differ from the canonical encoding although the state is right
 *     ({@code CanonicalCheck} codes such as {@code SECTION_ORDER}); empty for an exact dump
 * @param differences for {@link Kind#WRONG}: what differs from the golden's state once the
 *     profile's allowances are applied, by section and field
 * @param problems for {@link Kind#WRONG} and {@link Kind#MISSING}: why, when it is not a state
 *     difference (the file does not decode, is another producer's layout, is absent)
 * @param allowedBy for {@link Kind#WRONG}: other profiles under which the dump would pass
 */
public record CaseVerdict(
    GoldenId id,
    Kind kind,
    List<String> allowances,
    List<String> encoding,
    List<Difference> differences,
    List<String> problems,
    List<String> allowedBy) {

  /** The five verdicts, best first. */
  public enum Kind {
    /** Byte-identical with the golden. */
    EXACT("exact"),
    /** Another encoding of exactly the golden's state. */
    SAME_STATE("same state"),
    /** The golden's state up to divergences the profile allows, which are named. */
    ALLOWED("allowed divergence"),
    /** A difference the profile does not allow, or a file that is not a valid coredump. */
    WRONG("wrong"),
    /** No dump for the case. */
    MISSING("missing");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How scorecards write it: {@code exact}, {@code same state}, ... */
    public String label() {
      return label;
    }

    /** Whether a scorecard with this verdict passes. */
    public boolean passes() {
      return this != WRONG && this != MISSING;
    }
  }

  public CaseVerdict {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    allowances = List.copyOf(allowances);
    encoding = List.copyOf(encoding);
    differences = List.copyOf(differences);
    problems = List.copyOf(problems);
    allowedBy = List.copyOf(allowedBy);
  }

  /** What the scorecard prints after the case id: the named divergences or the named field. */
  public String detail() {
    switch (kind) {
      case EXACT:
        return "";
      case SAME_STATE:
        return String.join(", ", encoding);
      case ALLOWED:
        return String.join(", ", allowances)
            + (encoding.isEmpty() ? "" : "; encoded otherwise: " + String.join(", ", encoding));
      case MISSING:
        return problems.isEmpty() ? "" : problems.get(0);
      default:
        {
          String first = !problems.isEmpty() ? problems.get(0) : differences.get(0).toString();
          int more = problems.size() + differences.size() - 1;
          return first + (more > 0 ? " (+" + more + " more)" : "")
              + (allowedBy.isEmpty() ? "" : " [allowed by profile " + String.join(", ", allowedBy)
                  + "]");
        }
    }
  }
}
