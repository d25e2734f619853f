package dev.coroner.harness.encoder;

import dev.coroner.harness.Difference;
import dev.coroner.harness.HarnessMessages;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link EncoderSuite#run} found for one encoder: a verdict per golden, in golden order, and
 * why the run stopped early, if it did.
 *
 * @param encoder the encoder's {@link CoredumpEncoder#name()}
 * @param mode the comparison mode
 * @param goldenRoot the golden tree
 * @param results one per golden judged or skipped (all of them, unless the run stopped)
 * @param stopped why the run stopped before the last golden (the encoder cannot start, or timed
 *     out on the first goldens); empty when every golden was tried
 */
public record EncoderReport(
    String encoder, Mode mode, Path goldenRoot, List<GoldenResult> results,
    Optional<String> stopped) {

  public EncoderReport {
    results = List.copyOf(results);
  }

  /** How many goldens got {@code outcome}. */
  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** How many goldens were judged (every result but the skipped ones). */
  public long judged() {
    return results.size() - count(Outcome.SKIPPED);
  }

  /** Whether the run went through and no golden failed (divergent and skipped ones are fine). */
  public boolean ok() {
    return stopped.isEmpty() && count(Outcome.FAIL) == 0;
  }

  /** Whether the run went through and every golden judged is byte-identical. */
  public boolean allPass() {
    return stopped.isEmpty() && judged() == count(Outcome.PASS);
  }

  /** The results with {@code outcome}. */
  public List<GoldenResult> withOutcome(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }

  /** For each divergence semantic mode accepted, the number of divergent goldens that show it. */
  public Map<Divergence, Integer> acceptedDivergences() {
    Map<Divergence, Integer> out = new EnumMap<>(Divergence.class);
    for (GoldenResult r : withOutcome(Outcome.DIVERGENT)) {
      for (Divergence d : r.divergences()) {
        out.merge(d, 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * A short summary: the counts, the divergences accepted (by kind and count) and, if it stopped,
   * why; e.g. {@code coroner-canonical (exact, golden): 12 goldens, 12 pass, 0 divergent, 0 fail}.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(encoder).append(" (").append(mode.name().toLowerCase(Locale.ROOT)).append(", ")
        .append(goldenRoot).append("): ");
    if (stopped.isPresent()) {
      sb.append(HarnessMessages.ENCODER_STOPPED).append(' ').append(stopped.get());
      return sb.toString();
    }
    sb.append(results.size()).append(results.size() == 1 ? " golden, " : " goldens, ")
        .append(count(Outcome.PASS)).append(" pass, ")
        .append(count(Outcome.DIVERGENT)).append(" divergent, ")
        .append(count(Outcome.FAIL)).append(" fail");
    if (count(Outcome.SKIPPED) > 0) {
      sb.append(", ").append(count(Outcome.SKIPPED)).append(" skipped (broken golden)");
    }
    Map<Divergence, Integer> accepted = acceptedDivergences();
    if (!accepted.isEmpty()) {
      sb.append("\n  divergences accepted:");
      accepted.forEach(
          (d, n) -> sb.append("\n    ").append(d).append(" in ").append(n)
              .append(n == 1 ? " golden: " : " goldens: ").append(d.description()));
    }
    return sb.toString();
  }

  /** The summary, then one line per skipped golden with the reason (what a passing run shows). */
  public String brief() {
    StringBuilder sb = new StringBuilder(summary()).append('\n');
    for (GoldenResult r : withOutcome(Outcome.SKIPPED)) {
      sb.append(String.format("  %-9s %s: %s\n", "skipped", r.golden(), r.problems().get(0)));
    }
    return sb.toString();
  }

  /**
   * The report as text: the summary, then one line per golden ({@code pass}, {@code divergent}
   * with the divergences, {@code fail}, {@code skipped} with the reason), each failure followed by
   * its problems, structural differences and hex excerpt, indented. A stopped run shows its reason
   * and the skipped goldens only.
   */
  public String render() {
    StringBuilder sb = new StringBuilder(summary()).append('\n');
    for (GoldenResult r : results) {
      if (stopped.isPresent() && r.outcome() != Outcome.SKIPPED) {
        continue;
      }
      sb.append(String.format("  %-9s %s", r.outcome().name().toLowerCase(Locale.ROOT), r.golden()));
      if (r.outcome() == Outcome.SKIPPED) {
        sb.append(": ").append(r.problems().get(0)).append('\n');
        continue;
      }
      if (!r.divergences().isEmpty()) {
        sb.append(r.outcome() == Outcome.DIVERGENT ? ": " : " (divergences: ");
        StringBuilder d = new StringBuilder();
        for (Divergence v : r.divergences()) {
          d.append(d.length() == 0 ? "" : ", ").append(v).append(" (").append(v.description())
              .append(')');
        }
        sb.append(d).append(r.outcome() == Outcome.DIVERGENT ? "" : ")");
      }
      sb.append('\n');
      if (r.outcome() != Outcome.FAIL) {
        continue;
      }
      for (String p : r.problems()) {
        indent(sb, p);
      }
      if (!r.differences().isEmpty()) {
        indent(sb, "structural differences (golden vs output):");
        for (Difference d : r.differences()) {
          indent(sb, "  " + d);
        }
      }
      if (!r.excerpt().isEmpty()) {
        indent(sb, r.excerpt());
      }
    }
    return sb.toString();
  }

  private static void indent(StringBuilder sb, String text) {
    for (String line : text.split("\n", -1)) {
      sb.append("      ").append(line).append('\n');
    }
  }
}
