package dev.coroner.harness.kit;

import dev.coroner.fixtures.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Strict typed access to a parsed manifest ({@code kit.json}, {@code case.json}): every member is
 * checked for presence, type and range, unknown members are errors, and every error names the
 * file, the member path and its line and column.
 */
final class ManifestReader {

  /** Largest integer a manifest holds (2^53 - 1), so every JSON reader holds it exactly. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final String file;

  ManifestReader(String file) {
    this.file = file;
  }

  /** Parses {@code text}; a syntax error names the file, line, column and offset. */
  Json.Value parse(String text) throws KitException {
    try {
      return Json.parse(text);
    } catch (Json.SyntaxException e) {
      Json.Pos at = e.pos();
      throw new KitException(
          file + ": invalid JSON: " + e.getMessage() + " (line " + at.line() + ", column "
              + at.column() + ")");
    }
  }

  KitException error(Json.Value at, String path, String what) {
    return new KitException(
        file + ": " + path + " (line " + at.pos().line() + ", column " + at.pos().column()
            + "): " + what);
  }

  /** The members of an object that must have exactly {@code required} plus any of {@code optional}. */
  Map<String, Json.Value> object(
      Json.Value node, String path, Set<String> required, Set<String> optional)
      throws KitException {
    if (!(node instanceof Json.Obj obj)) {
      throw error(node, path, "expected an object, got " + node.kind());
    }
    for (Map.Entry<String, Json.Value> e : obj.members().entrySet()) {
      if (!required.contains(e.getKey()) && !optional.contains(e.getKey())) {
        throw error(e.getValue(), path + "." + e.getKey(), "unknown member");
      }
    }
    for (String name : required) {
      if (!obj.members().containsKey(name)) {
        throw error(node, path, "missing member \"" + name + "\"");
      }
    }
    return new LinkedHashMap<>(obj.members());
  }

  Map<String, Json.Value> object(Json.Value node, String path, String... required)
      throws KitException {
    return object(node, path, Set.of(required), Set.of());
  }

  String string(Json.Value node, String path) throws KitException {
    if (!(node instanceof Json.Str s)) {
      throw error(node, path, "expected a string, got " + node.kind());
    }
    return s.value();
  }

  /** A string, or {@code null} for JSON {@code null}. */
  String stringOrNull(Json.Value node, String path) throws KitException {
    return node instanceof Json.Null ? null : string(node, path);
  }

  boolean bool(Json.Value node, String path) throws KitException {
    if (!(node instanceof Json.Bool b)) {
      throw error(node, path, "expected true or false, got " + node.kind());
    }
    return b.value();
  }

  /** An integer in {@code [min, max]} written without fraction or exponent. */
  long integer(Json.Value node, String path, long min, long max) throws KitException {
    if (!(node instanceof Json.Num n)) {
      throw error(node, path, "expected an integer, got " + node.kind());
    }
    String text = n.text();
    if (!text.matches("-?(0|[1-9][0-9]{0,15})")) {
      throw error(node, path, "expected an integer in [" + min + ", " + max + "], got " + text);
    }
    long v = Long.parseLong(text);
    if (v < min || v > max) {
      throw error(node, path, "expected an integer in [" + min + ", " + max + "], got " + text);
    }
    return v;
  }

  int index(Json.Value node, String path, int max) throws KitException {
    return (int) integer(node, path, 0, max);
  }

  /** A 1-based source line, or empty for JSON {@code null}. */
  OptionalInt line(Json.Value node, String path) throws KitException {
    if (node instanceof Json.Null) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) integer(node, path, 1, Integer.MAX_VALUE));
  }

  List<Json.Value> array(Json.Value node, String path) throws KitException {
    if (!(node instanceof Json.Arr a)) {
      throw error(node, path, "expected an array, got " + node.kind());
    }
    return a.elements();
  }

  List<String> strings(Json.Value node, String path) throws KitException {
    List<String> out = new ArrayList<>();
    List<Json.Value> elements = array(node, path);
    for (int i = 0; i < elements.size(); i++) {
      out.add(string(elements.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** Lower-case hex digits, exactly {@code digits} of them. */
  String hex(Json.Value node, String path, int digits) throws KitException {
    String s = string(node, path);
    if (s.length() != digits || !s.matches("[0-9a-f]*")) {
      throw error(node, path, "expected " + digits + " lower-case hex digits, got \"" + s + "\"");
    }
    return s;
  }

  /**
   * A file name inside the case directory: relative, {@code /}-separated, without empty, {@code .}
   * or {@code ..} parts.
   */
  String relativeFile(Json.Value node, String path) throws KitException {
    String s = string(node, path);
    if (!isRelativeFile(s)) {
      throw error(
          node, path,
          "expected a relative /-separated path inside the directory (no '..', no leading '/'),"
              + " got \"" + s + "\"");
    }
    return s;
  }

  static boolean isRelativeFile(String s) {
    if (s.isEmpty() || s.startsWith("/") || s.contains("\\") || s.contains(":")) {
      return false;
    }
    for (String part : s.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
