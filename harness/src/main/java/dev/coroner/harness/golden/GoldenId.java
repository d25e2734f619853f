package dev.coroner.harness.golden;

import java.util.Objects;

/**
 * Which golden a captured coredump is checked against: the fixture's path relative to the fixture
 * root ({@code /}-separated) and a key naming one coredump of that fixture. For {@code .wast} and
 * {@code .wat} fixtures the key is the line of the trapping command ({@link #of(String, int)});
 * for a program fixture's run spec, the path is the spec's under {@value #PROGRAMS}{@code /} and
 * the key says whether it traps ({@link #ofProgram}).
 *
 * <p>The golden files are {@code <golden root>/<fixturePath>/<key>.core} and its siblings (see
 * {@link GoldenLayout}), and the generated test is named {@code fixturePath:key} ({@link
 * #toString()}).
 *
 * @param fixturePath the fixture's path relative to the fixture root, {@code /}-separated
 * @param key a non-empty file-name-safe key: letters, digits, {@code -}, {@code _} and {@code .},
 *     not starting with a dot
 */
public record GoldenId(String fixturePath, String key) {

  public GoldenId {
    Objects.requireNonNull(fixturePath, "fixturePath");
    Objects.requireNonNull(key, "key");
    if (fixturePath.isEmpty() || fixturePath.startsWith("/") || fixturePath.contains("\\")
        || fixturePath.endsWith("/")) {
      throw new IllegalArgumentException(
          "fixture path must be relative and /-separated: \"" + fixturePath + "\"");
    }
    for (String part : fixturePath.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException(
            "fixture path must not contain empty, . or .. parts: \"" + fixturePath + "\"");
      }
    }
    if (!key.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "golden key must be letters, digits, '-', '_' or '.' (not first): \"" + key + "\"");
    }
  }

  /** The golden of the trapping command on {@code line} of a {@code .wast}/{@code .wat} fixture. */
  public static GoldenId of(String fixturePath, int line) {
    if (line <= 0) {
      throw new IllegalArgumentException("line must be positive: " + line);
    }
    return new GoldenId(fixturePath, Integer.toString(line));
  }

  /** The folder under the golden root that holds the goldens of program fixtures. */
  public static final String PROGRAMS = "programs";

  /** The key of a program run spec that expects a trap: its golden is {@code trap.core}. */
  public static final String TRAP_KEY = "trap";

  /** The key of a program run spec that expects an exit: its test checks it, with no golden. */
  public static final String EXIT_KEY = "exit";

  /**
   * The id of a program fixture's run spec {@code specId} (its path under the program root, such
   * as {@code assert-fail/assert-fail.run.json}): {@code programs/<specId>} with key {@value
   * #TRAP_KEY} when it expects a trap (golden {@code programs/<specId>/trap.core}), else {@value
   * #EXIT_KEY}. The generated test has the same name, {@code programs/<specId>:trap}.
   */
  public static GoldenId ofProgram(String specId, boolean expectsTrap) {
    return new GoldenId(PROGRAMS + "/" + specId, expectsTrap ? TRAP_KEY : EXIT_KEY);
  }

  /** Whether this is the id of a program fixture's run spec ({@link #ofProgram}). */
  public boolean isProgram() {
    return fixturePath.startsWith(PROGRAMS + "/")
        && (key.equals(TRAP_KEY) || key.equals(EXIT_KEY));
  }

  /** For a program fixture's id, the spec's path under the program root. */
  public String programSpecId() {
    if (!isProgram()) {
      throw new IllegalStateException(this + " is not a program fixture's id");
    }
    return fixturePath.substring(PROGRAMS.length() + 1);
  }

  /**
   * Parses a test name {@code fixturePath:key} (the last {@code :} separates them).
   *
   * @throws IllegalArgumentException if there is no {@code :} or a part is invalid
   */
  public static GoldenId parse(String testName) {
    int colon = testName.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a golden test name (path:key): \"" + testName + "\"");
    }
    return new GoldenId(testName.substring(0, colon), testName.substring(colon + 1));
  }

  /** {@code fixturePath:key}, the generated test's display name. */
  @Override
  public String toString() {
    return fixturePath + ":" + key;
  }
}
