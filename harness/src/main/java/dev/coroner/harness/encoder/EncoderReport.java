package dev.coroner.harness.encoder;

import dev.coroner.harness.Difference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@link EncoderSuite#run} found for one encoder: a verdict per golden, in golden order.
 *
 * @param encoder the encoder's {@link CoredumpEncoder#name()}
 * @param mode the comparison mode
 * @param goldenRoot the golden tree
 * @param results one per golden
 */
public record EncoderReport(String encoder, Mode mode, Path goldenRoot, List<GoldenResult> results) {

  public EncoderReport {
    results = List.copyOf(results);
  }

  /** How many goldens got {@code outcome}. */
  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** Whether no golden failed (divergent ones are acceptable). */
  public boolean ok() {
    return count(Outcome.FAIL) == 0;
  }

  /** The results with {@code outcome}. */
  public List<GoldenResult> withOutcome(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }

  /** A one-line summary, e.g. {@code coroner-canonical (exact): 12 goldens, 12 pass, 0 ...}. */
  public String summary() {
    return encoder + " (" + mode.name().toLowerCase(Locale.ROOT) + ", " + goldenRoot + "): "
        + results.size() + " golden" + (results.size() == 1 ? "" : "s") + ", "
        + count(Outcome.PASS) + " pass, " + count(Outcome.DIVERGENT) + " divergent, "
        + count(Outcome.FAIL) + " fail";
  }

  /**
   * The report as text: the summary, then one line per golden ({@code pass}, {@code divergent}
   * with the divergences, {@code fail}), each failure followed by its problems, structural
   * differences and hex excerpt, indented.
   */
  public String render() {
    StringBuilder sb = new StringBuilder(summary()).append('\n');
    for (GoldenResult r : results) {
      sb.append(String.format("  %-9s %s", r.outcome().name().toLowerCase(Locale.ROOT), r.golden()));
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
