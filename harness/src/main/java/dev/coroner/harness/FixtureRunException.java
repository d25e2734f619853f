package dev.coroner.harness;

/**
 * A fixture did not run as written: a module failed to load, an action trapped where no trap was
 * asserted, an assertion did not hold, or the fixture ran past its time limit. The message starts
 * with {@code path:line}.
 */
public final class FixtureRunException extends RuntimeException {

  public FixtureRunException(String message) {
    super(message);
  }

  public FixtureRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
