package dev.coroner.processor;

/**
 * The stable tags that start every diagnostic of the {@link ConformanceProcessor}; tests and
 * build tooling may match on them.
 */
public final class ConformanceMessages {
  /** wabt rejected a fixture (or its {@code ;; @trap} directive); the message is wabt's. */
  public static final String FIXTURE_SYNTAX = "[FixtureSyntax]";

  /**
   * The fixture root or the program root does not exist or is not a directory; the message has
   * the absolute path.
   */
  public static final String FIXTURE_ROOT_MISSING = "[FixtureRootMissing]";

  /** A fixture has no {@code assert_trap} / {@code assert_exhaustion}: it produces no coredump. */
  public static final String NO_TRAP = "[NoTrap]";

  /** A fixture or run spec, or the root holding them, could not be read. */
  public static final String FIXTURE_IO = "[FixtureIo]";

  /** wast2json's output for a fixture could not be understood (a tooling gap, not the fixture). */
  public static final String FIXTURE_FORMAT = "[FixtureFormat]";

  /** The fixture root holds no {@code .wast}/{@code .wat} file (a warning). */
  public static final String NO_FIXTURES = "[NoFixtures]";

  /**
   * A program run spec ({@code *.run.json}) cannot be used; the message is the spec reader's,
   * {@code NAME/NAME.run.json:LINE:COLUMN: error: ...}.
   */
  public static final String PROGRAM_SPEC = "[ProgramSpec]";

  /** The program root holds no {@code *.run.json} run spec (a warning). */
  public static final String NO_PROGRAMS = "[NoPrograms]";

  /** The annotation is on something other than a top-level class. */
  public static final String BAD_TARGET = "[ConformanceTarget]";

  /** The generated source could not be written. */
  public static final String WRITE_FAILED = "[ConformanceWrite]";

  /** An unexpected failure inside the processor (a bug); the message has the exception. */
  public static final String INTERNAL = "[ConformanceInternal]";

  /** The NOTE summarising what was generated. */
  public static final String SUMMARY = "[ConformanceSummary]";

  private ConformanceMessages() {}
}
