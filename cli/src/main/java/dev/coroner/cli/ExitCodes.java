package dev.coroner.cli;

/** The exit codes every {@code coroner} command uses. */
final class ExitCodes {
  /** Success: a trap was captured, files are valid, dumps are the same. */
  static final int OK = 0;
  /** The answer is "no" (invalid, different, did not trap) or running failed. */
  static final int FAILURE = 1;
  /** The command line is wrong or an input file cannot be read. */
  static final int USAGE = 2;
  /** A bug in coroner itself (an unexpected exception). */
  static final int INTERNAL = 3;

  private ExitCodes() {}
}
