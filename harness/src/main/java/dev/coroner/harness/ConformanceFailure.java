package dev.coroner.harness;

import java.util.Objects;

/**
 * A conformance test failed for an expected reason (a golden missing, stale, invalid or different,
 * a fixture that does not trap...): the message, starting with its {@link HarnessMessages} tag and
 * {@code path:line}, says everything there is to say.
 *
 * <p>It carries no stack trace: the trace would only show the harness and JUnit, and in a build log
 * it buries the message (Surefire prints traces in full). Unexpected failures (bugs) keep theirs.
 * It is an {@link AssertionError}, so JUnit counts it as a failed test, not an error.
 */
public final class ConformanceFailure extends AssertionError {

  private static final long serialVersionUID = 1L;

  private final String tag;

  /**
   * A failure with the message {@code tag + " " + text}.
   *
   * @param tag one of the {@link HarnessMessages} tags
   * @param text the rest of the message, starting with {@code path:line}
   */
  public ConformanceFailure(String tag, String text) {
    super(Objects.requireNonNull(tag, "tag") + " " + text);
    this.tag = tag;
  }

  /** The message's tag, e.g. {@link HarnessMessages#GOLDEN_MISSING}. */
  public String tag() {
    return tag;
  }

  /** No stack trace: the message is the whole report. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
