package dev.coroner.harness.encoder;

/** The verdict on one golden. */
public enum Outcome {
  /** Byte-identical with the golden. */
  PASS,
  /** Semantic mode only: same state, up to allowed {@link Divergence}s, which are named. */
  DIVERGENT,
  /** Different state, output that does not decode, an encoder error, or (exact mode) any difference. */
  FAIL
}
