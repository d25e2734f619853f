package dev.coroner.chicory.conformance;

/**
 * A divergence found in one case: which known divergence, and what it amounted to there.
 *
 * @param kind the known divergence
 * @param detail the field and the values, e.g. {@code "frames: golden 100, Chicory 4798"}
 */
public record Divergence(KnownDivergence kind, String detail) {

  @Override
  public String toString() {
    return kind.name() + " (" + detail + ")";
  }
}
