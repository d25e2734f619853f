package dev.coroner.wasi;

/**
 * A run spec that cannot be used: not strict JSON, a wrong or unknown member, a missing file. The
 * message reads {@code assert-fail/assert-fail.run.json:7:12: error: ...}: the spec's path
 * relative to the programs folder, the line and column (both 1-based) and what is wrong.
 */
public final class ProgramSpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String spec;
  private final int line;
  private final int column;

  ProgramSpecException(String spec, int line, int column, String message) {
    super(spec + ":" + line + ":" + column + ": error: " + message);
    this.spec = spec;
    this.line = line;
    this.column = column;
  }

  /** The spec's path relative to the programs folder. */
  public String spec() {
    return spec;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }
}
