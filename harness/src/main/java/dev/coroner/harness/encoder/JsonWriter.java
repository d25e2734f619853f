package dev.coroner.harness.encoder;

import java.util.List;
import java.util.Map;

/**
 * A deterministic JSON writer, just enough for {@link StateJson} and the conformance kit's
 * manifests (both read with the shared strict parser {@link dev.coroner.fixtures.json.Json}).
 *
 * <p>It puts a container on one line when it holds no container with more than scalars and fits
 * in {@value #INLINE_WIDTH} characters, otherwise one member per line indented by two spaces;
 * members keep their insertion order; output ends with a newline.
 */
public final class JsonWriter {

  /** Widest container the writer keeps on one line. */
  static final int INLINE_WIDTH = 100;

  private JsonWriter() {}

  /**
   * Writes {@code value}: a {@code Map<String, ?>} (written in its iteration order), a {@code
   * List<?>}, a {@code String}, a {@code Long} or {@code Integer}, a {@code Boolean}, or {@code
   * null}.
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (!(v instanceof Map) && !(v instanceof List)) {
      scalar(sb, v);
      return;
    }
    String inline = inline(v);
    if (inline != null && indent * 2 + inline.length() <= INLINE_WIDTH) {
      sb.append(inline);
      return;
    }
    boolean isMap = v instanceof Map;
    sb.append(isMap ? '{' : '[');
    Iterable<?> members = isMap ? ((Map<?, ?>) v).entrySet() : (List<?>) v;
    boolean first = true;
    for (Object m : members) {
      sb.append(first ? "\n" : ",\n");
      first = false;
      sb.append("  ".repeat(indent + 1));
      Object member = member(sb, m, isMap);
      write(sb, member, indent + 1);
    }
    if (!first) {
      sb.append('\n').append("  ".repeat(indent));
    }
    sb.append(isMap ? '}' : ']');
  }

  /** The one-line form, or null if {@code v} nests containers more than one level deep. */
  private static String inline(Object v) {
    StringBuilder sb = new StringBuilder();
    boolean isMap = v instanceof Map;
    sb.append(isMap ? '{' : '[');
    Iterable<?> members = isMap ? ((Map<?, ?>) v).entrySet() : (List<?>) v;
    boolean first = true;
    for (Object m : members) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      Object member = member(sb, m, isMap);
      if (member instanceof Map || member instanceof List) {
        if (!isFlat(member)) {
          return null;
        }
        String inner = inline(member);
        sb.append(inner);
      } else {
        scalar(sb, member);
      }
    }
    return sb.append(isMap ? '}' : ']').toString();
  }

  /**
   * Writes the key of map member {@code m} (an entry) and returns its value; a list member is its
   * own value.
   */
  private static Object member(StringBuilder sb, Object m, boolean isMap) {
    if (!isMap) {
      return m;
    }
    Map.Entry<?, ?> e = (Map.Entry<?, ?>) m;
    string(sb, (String) e.getKey());
    sb.append(": ");
    return e.getValue();
  }

  private static boolean isFlat(Object container) {
    Iterable<?> members =
        container instanceof Map ? ((Map<?, ?>) container).values() : (List<?>) container;
    for (Object m : members) {
      if ((m instanceof Map && !((Map<?, ?>) m).isEmpty())
          || (m instanceof List && !((List<?>) m).isEmpty())) {
        return false;
      }
    }
    return true;
  }

  private static void scalar(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Long || v instanceof Integer) {
      sb.append(v);
    } else if (v instanceof String) {
      string(sb, (String) v);
    } else {
      throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
    }
  }

  /** Writes {@code s} quoted; escapes {@code "}, {@code \} and control characters only. */
  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape =
          switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
          };
      if (escape != null) {
        sb.append(escape);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
