package dev.coroner.harness.golden;

import java.util.Objects;

/**
 * Which golden a captured coredump is checked against: the fixture's path relative to the fixture
 * root ({@code /}-separated) and a key naming one coredump of that fixture. For {@code .wast} and
 * {@code .wat} fixtures the key is the line of the trapping command ({@link #of(String, int)});
 * other kinds of fixture (a program run by a spec file, say) choose their own keys.
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
