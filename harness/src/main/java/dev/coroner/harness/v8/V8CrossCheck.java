package dev.coroner.harness.v8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The V8 cross-check: runs the jobs of some coredumps in V8 (Node.js, one process for all of them)
 * and compares each dump's frames with V8's: instance, function index and module offset, frame for
 * frame, with only the documented exceptions of {@link V8Deviation}.
 *
 * <p>Used by the build over every golden ({@code conformance-suite}'s {@code V8CrossCheckTest}),
 * before blessing ({@link V8BlessGuard}), and by {@code coroner run --check-v8}.
 */
public final class V8CrossCheck {

  /** {@code CI=true}: a missing Node.js fails instead of skipping. */
  public static final String CI_VARIABLE = "CI";

  private static final Object LOCK = new Object();
  private static Node node;
  private static String whyNot;

  private final Node runtime;

  private V8CrossCheck(Node runtime) {
    this.runtime = runtime;
  }

  /**
   * The cross-check, or why it cannot run here (Node.js missing or older than version 20); the
   * lookup is done once per JVM.
   */
  public static Availability find() {
    synchronized (LOCK) {
      if (node == null && whyNot == null) {
        StringBuilder reason = new StringBuilder();
        node = Node.find(reason);
        whyNot = node == null ? reason.toString() : null;
      }
      return node != null
          ? new Availability(Optional.of(new V8CrossCheck(node)), "")
          : new Availability(Optional.empty(), whyNot);
    }
  }

  /**
   * Whether the cross-check can run, and why not.
   *
   * @param check the cross-check, if Node.js is usable
   * @param reason why not, else empty
   */
  public record Availability(Optional<V8CrossCheck> check, String reason) {

    /** Whether a missing check must fail (under {@code CI=true}) rather than be skipped. */
    public static boolean required() {
      return "true".equalsIgnoreCase(System.getenv(CI_VARIABLE));
    }
  }

  /** {@code node v20.20.2}. */
  public String node() {
    return runtime.describe();
  }

  /**
   * Runs the subjects' jobs in V8, each job once, and compares every subject with V8's frames.
   *
   * @param label what the subjects are, for messages: {@code "golden"}, {@code "dump"}
   * @throws V8Exception if Node.js or the script fails, or its output is not as written
   */
  public V8Report check(List<V8Subject> subjects, String label) throws V8Exception {
    Map<String, V8Job> jobs = new LinkedHashMap<>();
    for (V8Subject s : subjects) {
      V8Job known = jobs.putIfAbsent(s.job().id(), s.job());
      if (known != null && known != s.job()) {
        throw new IllegalArgumentException("two different jobs for fixture " + s.job().id());
      }
    }
    Results results = Results.of(run(new ArrayList<>(jobs.values())));
    FrameComparison comparison = new FrameComparison(new ModulePlaces());
    List<Verdict> verdicts = new ArrayList<>();
    for (V8Subject s : subjects) {
      V8Result result = results.of(s.job().id(), s.id().key());
      verdicts.add(
          comparison.compare(
              s.id(), label, s.dump(), result, s.job().instances().get(s.id().key())));
    }
    return new V8Report(runtime.describe(), label, verdicts);
  }

  /** Runs {@code jobs} in one Node.js process and returns what V8 did, in output order. */
  List<V8Result> run(List<V8Job> jobs) throws V8Exception {
    return V8Output.parse(runtime.run(V8Manifest.write(jobs)), jobs.size());
  }

  /** V8's results by job and key; a job that stopped early answers for its later keys. */
  private record Results(Map<String, Map<String, V8Result>> byJob, Map<String, V8Result> stops) {

    static Results of(List<V8Result> list) throws V8Exception {
      Map<String, Map<String, V8Result>> byJob = new HashMap<>();
      Map<String, V8Result> stops = new HashMap<>();
      for (V8Result r : list) {
        if (r instanceof V8Result.Failed f) {
          stops.putIfAbsent(f.id(), f);
        }
        if (r.key().isPresent()) {
          V8Result before =
              byJob.computeIfAbsent(r.id(), k -> new HashMap<>()).put(r.key().get(), r);
          if (before != null) {
            throw new V8Exception(
                "the V8 script reported " + r.id() + ":" + r.key().get() + " twice");
          }
        }
      }
      return new Results(byJob, stops);
    }

    V8Result of(String id, String key) throws V8Exception {
      V8Result r = byJob.getOrDefault(id, Map.of()).get(key);
      if (r != null) {
        return r;
      }
      V8Result.Failed stop = (V8Result.Failed) stops.get(id);
      if (stop != null) {
        return new V8Result.Failed(
            id, Optional.of(key), "V8 stopped before this command: " + stop.message());
      }
      throw new V8Exception("the V8 script reported nothing for " + id + ":" + key);
    }
  }
}
