package dev.coroner.harness;

/**
 * The stable tags that start every failure message and report line of the harness, as {@code
 * ConformanceMessages} does for the processor; tests and tools may match on
 * them. Each generated conformance test fails with exactly one of the {@code Golden*}, {@code
 * Fixture*}, {@code StaleBuild}, {@code NotCanonical}, {@code EncoderOutputInvalid} or {@code
 * BlessRefused} tags.
 */
public final class HarnessMessages {

  /** No golden file yet; candidates {@code .core.new}, {@code .core.txt.new} and {@code .state.json.new} were written. */
  public static final String GOLDEN_MISSING = "[GoldenMissing]";

  /** The golden file is not a valid coredump (truncated, corrupted); the decoder's offset follows. */
  public static final String GOLDEN_INVALID = "[GoldenInvalid]";

  /** The captured dump differs from the golden; the differences are named by section and field. */
  public static final String GOLDEN_MISMATCH = "[GoldenMismatch]";

  /** The golden's {@code .core.txt} is missing or is not the rendering of its bytes. */
  public static final String GOLDEN_TEXT_STALE = "[GoldenTextStale]";

  /** The golden's {@code .state.json} is missing or does not describe its bytes. */
  public static final String GOLDEN_STATE_STALE = "[GoldenStateStale]";

  /** A golden (or a candidate about to be blessed) decodes but is not in canonical form. */
  public static final String NOT_CANONICAL = "[NotCanonical]";

  /** Coroner's own canonical encoder wrote bytes its decoder rejects (a bug in Coroner). */
  public static final String ENCODER_OUTPUT_INVALID = "[EncoderOutputInvalid]";

  /** Blessing was asked for with {@code CI=true}. */
  public static final String BLESS_REFUSED = "[BlessRefused]";

  /** The fixture changed or disappeared since its tests were generated. */
  public static final String STALE_BUILD = "[StaleBuild]";

  /**
   * The fixture did not run as written: a command that must trap completed (or trapped
   * differently), a module failed, an assertion did not hold, or the run timed out.
   */
  public static final String FIXTURE_RUN = "[FixtureRun]";

  /** The fixture could not be read or converted at test time. */
  public static final String FIXTURE_LOAD = "[FixtureLoad]";

  /** Report line: blessing wrote or rewrote golden files (never a failure). */
  public static final String BLESSED = "[Blessed]";

  /** Report line: a test leaves out a fixture or golden that another test reports as failing. */
  public static final String SKIPPED = "[Skipped]";

  /** Report line: the encoder gate stopped early (the encoder cannot start, or keeps timing out). */
  public static final String ENCODER_STOPPED = "[EncoderStopped]";

  private HarnessMessages() {}
}
