package dev.coroner.harness.kit;

import dev.coroner.harness.Difference;
import dev.coroner.harness.encoder.JsonWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verdicts on every case of a kit under one profile, their totals, and the report {@code
 * coroner kit score} prints. It passes when no case is wrong or missing.
 *
 * @param kit the kit's root, as given
 * @param dumps the dumps folder, as given
 * @param profile the profile the dumps were judged under
 * @param verdicts one per case, in the kit's order
 * @param strays files under the dumps folder ending in {@code .core} that no case names, relative
 *     to it (a misnamed dump shows up here and as missing)
 */
public record Scorecard(
    String kit, String dumps, Profile profile, List<CaseVerdict> verdicts, List<String> strays) {

  /** Width of the verdict column. */
  private static final int COLUMN = "allowed divergence".length() + 2;

  public Scorecard {
    verdicts = List.copyOf(verdicts);
    strays = List.copyOf(strays);
  }

  /** How many cases got each verdict (every kind present, in order). */
  public Map<CaseVerdict.Kind, Integer> totals() {
    Map<CaseVerdict.Kind, Integer> out = new EnumMap<>(CaseVerdict.Kind.class);
    for (CaseVerdict.Kind k : CaseVerdict.Kind.values()) {
      out.put(k, 0);
    }
    for (CaseVerdict v : verdicts) {
      out.merge(v.kind(), 1, Integer::sum);
    }
    return out;
  }

  /** Whether nothing is wrong or missing. */
  public boolean passes() {
    return verdicts.stream().allMatch(v -> v.kind().passes());
  }

  /** How many cases needed each allowance, by name, in the profile's order (unused ones left out). */
  public Map<String, Integer> allowanceCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Allowance a : profile.allowances()) {
      int n = (int) verdicts.stream().filter(v -> v.allowances().contains(a.name())).count();
      if (n > 0) {
        out.put(a.name(), n);
      }
    }
    for (CaseVerdict v : verdicts) {
      for (String a : v.allowances()) {
        if (profile.allowances().stream().noneMatch(x -> x.name().equals(a))) {
          out.merge(a, 1, Integer::sum);
        }
      }
    }
    return out;
  }

  /**
   * The report: a header, one line per case ({@code verdict  id  detail}), the totals, the
   * allowances used, and the result. With {@code verbose}, a wrong case lists every difference.
   */
  public String render(boolean verbose) {
    StringBuilder sb = new StringBuilder();
    sb.append("coroner kit score: ").append(verdicts.size()).append(" case")
        .append(verdicts.size() == 1 ? "" : "s").append(", profile ").append(profile.name())
        .append(" (").append(profile.description()).append(")\n");
    sb.append("kit ").append(kit).append(", dumps ").append(dumps).append("\n\n");
    for (CaseVerdict v : verdicts) {
      String label = v.kind().label();
      sb.append(label).append(" ".repeat(Math.max(1, COLUMN - label.length())))
          .append(v.id());
      String detail = v.detail();
      if (!detail.isEmpty()) {
        sb.append("  ").append(detail);
      }
      sb.append('\n');
      if (verbose && v.kind() == CaseVerdict.Kind.WRONG) {
        for (String p : v.problems()) {
          sb.append("    ").append(p).append('\n');
        }
        for (Difference d : v.differences()) {
          sb.append("    ").append(d).append('\n');
        }
      }
    }
    sb.append('\n').append(totalsLine()).append('\n');
    Map<String, Integer> counts = allowanceCounts();
    if (!counts.isEmpty()) {
      List<String> parts = new ArrayList<>();
      counts.forEach((name, n) -> parts.add(name + " " + n));
      sb.append("allowed divergences (cases): ").append(String.join(", ", parts)).append('\n');
    }
    if (!strays.isEmpty()) {
      sb.append("note: ").append(strays.size()).append(" file").append(strays.size() == 1 ? "" : "s")
          .append(" under ").append(dumps).append(" named by no case: ")
          .append(String.join(", ", strays.subList(0, Math.min(5, strays.size()))))
          .append(strays.size() > 5 ? ", ..." : "").append('\n');
    }
    Map<CaseVerdict.Kind, Integer> t = totals();
    sb.append(passes()
        ? "result: pass (nothing wrong or missing)\n"
        : "result: FAIL (" + t.get(CaseVerdict.Kind.WRONG) + " wrong, "
            + t.get(CaseVerdict.Kind.MISSING) + " missing)\n");
    return sb.toString();
  }

  /** {@code 59 cases: 57 exact, 0 same state, 1 allowed divergence, 1 wrong, 0 missing}. */
  public String totalsLine() {
    List<String> parts = new ArrayList<>();
    totals().forEach((k, n) -> parts.add(n + " " + k.label()));
    return verdicts.size() + " case" + (verdicts.size() == 1 ? "" : "s") + ": "
        + String.join(", ", parts);
  }

  /** The scorecard as JSON, for tools and for publishing a runtime's score. */
  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", "coroner-kit-score/1");
    root.put("profile", profile.name());
    Map<String, Object> totals = new LinkedHashMap<>();
    totals().forEach((k, n) -> totals.put(k.name().toLowerCase(java.util.Locale.ROOT), n));
    root.put("totals", totals);
    root.put("passes", passes());
    List<Object> cases = new ArrayList<>();
    for (CaseVerdict v : verdicts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", v.id().toString());
      m.put("verdict", v.kind().name().toLowerCase(java.util.Locale.ROOT));
      m.put("allowances", v.allowances());
      m.put("encoding", v.encoding());
      List<Object> differences = new ArrayList<>();
      for (Difference d : v.differences()) {
        Map<String, Object> dm = new TreeMap<>();
        dm.put("section", d.section());
        dm.put("field", d.location());
        dm.put("expected", d.expected());
        dm.put("actual", d.actual());
        differences.add(dm);
      }
      m.put("differences", differences);
      m.put("problems", v.problems());
      m.put("allowedBy", v.allowedBy());
      cases.add(m);
    }
    root.put("cases", cases);
    return JsonWriter.write(root);
  }
}
