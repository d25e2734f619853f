package dev.coroner.harness.kit;

import dev.coroner.fixtures.WastValue;
import java.util.List;
import java.util.Objects;

/**
 * What a step must do.
 *
 * @param kind succeed (ignoring results), return these results, trap, or exhaust the call stack
 * @param text the expected trap message (the specification's wording, a prefix of the runtime's
 *     message; empty: any trap), for {@link Kind#TRAP} and {@link Kind#EXHAUSTION}; else empty
 * @param results the expected results for {@link Kind#RESULTS} (may hold NaN patterns); else
 *     empty
 */
public record Expect(Kind kind, String text, List<WastValue> results) {

  /** The kinds of expectation. */
  public enum Kind {
    /** The step must complete without a trap; results, if any, are not checked. */
    NOTHING,
    /** The step must return exactly these results. */
    RESULTS,
    /** The step must trap. */
    TRAP,
    /** The step must exhaust the call stack (a trap of its own kind). */
    EXHAUSTION
  }

  /** Must complete; results are not checked. */
  public static final Expect NOTHING = new Expect(Kind.NOTHING, "", List.of());

  public Expect {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    results = List.copyOf(results);
  }

  /** Must return {@code results}. */
  public static Expect results(List<WastValue> results) {
    return new Expect(Kind.RESULTS, "", results);
  }

  /** Must trap with a message starting with {@code text}. */
  public static Expect trap(String text) {
    return new Expect(Kind.TRAP, text, List.of());
  }

  /** Must exhaust the call stack. */
  public static Expect exhaustion(String text) {
    return new Expect(Kind.EXHAUSTION, text, List.of());
  }

  /** Whether the step must end in a trap (of either kind). */
  public boolean traps() {
    return kind == Kind.TRAP || kind == Kind.EXHAUSTION;
  }
}
