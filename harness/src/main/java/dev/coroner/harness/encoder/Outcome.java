package dev.coroner.harness.encoder;

/** The verdict on one golden. */
public enum Outcome {
  /** Byte-identical with the golden. */
  PASS,
  /** Semantic mode only: same state, up to allowed {@link Divergence}s, which are named. */
  DIVERGENT,
  /** Different state, output that does not decode, an encoder error, or (exact mode) any difference. */
  FAIL,
  /**
   * Not checked: the golden itself is broken (does not decode, or is not canonical). That is the
   * golden's problem, not the encoder's; the conformance suite's test for it reports it.
   */
  SKIPPED
}
