package dev.coroner.harness.encoder;

/** How {@link EncoderSuite} compares an encoder's output with a golden file. */
public enum Mode {
  /** The output must equal the golden byte for byte; anything else is a failure. */
  EXACT,
  /**
   * The output must decode to the golden's state, up to the named {@link Divergence}s, which are
   * reported but allowed; byte-identical output passes.
   */
  SEMANTIC
}
