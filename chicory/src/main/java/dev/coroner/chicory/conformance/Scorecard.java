package dev.coroner.chicory.conformance;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A table of case results, one line per case, with totals per verdict. */
public final class Scorecard {

  private final List<CaseResult> results;

  public Scorecard(List<CaseResult> results) {
    this.results = List.copyOf(results);
  }

  public List<CaseResult> results() {
    return results;
  }

  /** How many cases got each verdict (every verdict present, zero or not). */
  public Map<Verdict, Integer> totals() {
    Map<Verdict, Integer> totals = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      totals.put(v, 0);
    }
    for (CaseResult r : results) {
      totals.merge(r.verdict(), 1, Integer::sum);
    }
    return totals;
  }

  /** The totals on one line, e.g. {@code 58 exact, 0 same state, 1 divergent, ...}. */
  public String totalsLine() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Verdict, Integer> e : totals().entrySet()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ')
          .append(e.getKey().label());
    }
    return sb.append(" (").append(results.size()).append(" cases)").toString();
  }

  /** One line per case ({@code case  verdict  why}), then the totals. */
  public String render() {
    int width = 4;
    for (CaseResult r : results) {
      width = Math.max(width, r.name().length());
    }
    StringBuilder sb = new StringBuilder();
    for (CaseResult r : results) {
      String why = r.why();
      String line = String.format("%-" + width + "s  %-12s  %s", r.name(), r.verdict().label(), why);
      sb.append(line.stripTrailing()).append(System.lineSeparator());
    }
    return sb.append(totalsLine()).append(System.lineSeparator()).toString();
  }
}
