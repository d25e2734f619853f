package dev.coroner.harness.v8;

/** The tags that start the V8 cross-check's failure messages and report lines. */
public final class V8Messages {

  /** V8's frames differ from the dump's (instance, function or offset, or their number). */
  public static final String DISAGREES = "[V8Disagrees]";

  /** V8 did not run the fixture as written (no trap where one is asserted, a module failed...). */
  public static final String FAILED = "[V8Failed]";

  /** The cross-check could not run (Node missing or too old, the script broke); a failure in CI. */
  public static final String UNAVAILABLE = "[V8Unavailable]";

  /** Report line: the counts of a cross-check run. */
  public static final String REPORT = "[V8CrossCheck]";

  /** Report line: a golden left out, with the reason (its own conformance test reports it). */
  public static final String SKIPPED = "[Skipped]";

  private V8Messages() {}
}
