package dev.coroner.harness.v8;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of one cross-check run, and their counts.
 *
 * @param node the Node.js that ran, e.g. {@code node v20.20.2}
 * @param label what was checked: {@code "golden"}, {@code "dump"}
 * @param verdicts one per subject, in the order given
 */
public record V8Report(String node, String label, List<Verdict> verdicts) {

  /** Copies the list. */
  public V8Report {
    verdicts = List.copyOf(verdicts);
  }

  /** The disagreements (and fixtures V8 did not run as written), in order. */
  public List<Verdict.Disagreed> disagreements() {
    List<Verdict.Disagreed> out = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v instanceof Verdict.Disagreed d) {
        out.add(d);
      }
    }
    return out;
  }

  /** The documented exceptions met, by kind. */
  public Map<V8Deviation, Integer> exceptions() {
    Map<V8Deviation, Integer> out = new EnumMap<>(V8Deviation.class);
    for (Verdict v : verdicts) {
      if (v instanceof Verdict.Excepted e) {
        out.merge(e.kind(), 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * Subjects whose frames were compared: all but those of a fixture V8 cannot run (a host module
   * or a WebAssembly 3.0 feature it lacks, or a fixture that did not run as written).
   */
  public int compared() {
    return (int) verdicts.stream()
        .filter(v -> !(v instanceof Verdict.Excepted e && (e.kind() == V8Deviation.HOST_MODULE
            || e.kind() == V8Deviation.WASM_FEATURE)))
        .filter(v -> !(v instanceof Verdict.Disagreed d && d.tag().equals(V8Messages.FAILED)))
        .count();
  }

  /** Frames compared over all subjects. */
  public int framesCompared() {
    return verdicts.stream().mapToInt(Verdict::framesCompared).sum();
  }

  /** Frames that were the same in both engines. */
  public int framesMatched() {
    return verdicts.stream().mapToInt(Verdict::framesMatched).sum();
  }

  /**
   * {@code [V8CrossCheck] node v20.20.2: 59 goldens, 58 compared frame by frame (246 frames, 246
   * matched), 0 disagreements; documented exceptions: stack exhaustion 1, host module V8 lacks 1}.
   */
  public String summary() {
    StringBuilder s = new StringBuilder(V8Messages.REPORT).append(' ').append(node).append(": ")
        .append(verdicts.size()).append(' ').append(label).append(verdicts.size() == 1 ? "" : "s")
        .append(", ").append(compared()).append(" compared frame by frame (")
        .append(framesCompared()).append(" frames, ").append(framesMatched()).append(" matched), ")
        .append(disagreements().size()).append(" disagreeing; documented exceptions:");
    Map<V8Deviation, Integer> exceptions = exceptions();
    for (V8Deviation kind : V8Deviation.values()) {
      s.append(kind.ordinal() == 0 ? " " : ", ").append(kind.label()).append(' ')
          .append(exceptions.getOrDefault(kind, 0));
    }
    return s.toString();
  }

  /** One line per documented exception met: {@code traps/x.wast:7: stack exhaustion: detail}. */
  public List<String> exceptionLines() {
    List<String> out = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v instanceof Verdict.Excepted e) {
        out.add("  " + e.id() + ": " + e.kind().label() + ": " + e.detail());
      }
    }
    return out;
  }
}
