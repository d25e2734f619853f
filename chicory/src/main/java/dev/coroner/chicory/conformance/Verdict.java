package dev.coroner.chicory.conformance;

/** How a producer's coredump for one case compares with the golden. */
public enum Verdict {
  /** Byte-identical with the golden. */
  EXACT("exact"),
  /** Different bytes, same state (section order, data segmentation, LEB128 padding...). */
  SAME_STATE("same state"),
  /** A different state, and every difference is a named, known divergence of the producer. */
  DIVERGENT("divergent"),
  /** A difference no known divergence explains: the dump says something false. */
  WRONG("wrong"),
  /** The producer cannot run the case (the reason says why). */
  NOT_RUNNABLE("not runnable");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The verdict as printed in scorecards. */
  public String label() {
    return label;
  }
}
