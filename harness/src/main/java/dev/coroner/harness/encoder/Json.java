package dev.coroner.harness.encoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny strict JSON (RFC 8259) reader and a deterministic writer, just enough for {@link
 * StateJson}.
 *
 * <p>The reader rejects everything RFC 8259 rejects (trailing commas, comments, single quotes,
 * leading zeros, control characters in strings, lone surrogates, trailing text) and also duplicate
 * object keys; every error names its line, column and offset. Numbers are kept as their text, so
 * no precision is lost; the schema layer decides what it accepts. Every parsed value remembers
 * where it started, so schema errors can point at it too.
 *
 * <p>The writer puts a container on one line when it holds no container with more than scalars
 * and fits in {@value #INLINE_WIDTH} characters, otherwise one member per line indented by two
 * spaces; members keep their insertion order; output ends with a newline.
 */
final class Json {

  /** Widest container the writer keeps on one line. */
  static final int INLINE_WIDTH = 100;

  private Json() {}

  /** What a parsed value is. */
  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /**
   * A parsed value and where it starts in the text.
   *
   * @param value a {@code Map<String, Node>} (insertion ordered), {@code List<Node>}, {@code
   *     String}, the number's text as a {@code String}, a {@code Boolean}, or {@code null}
   * @param offset index of the value's first character
   * @param line 1-based line of that character
   * @param column 1-based column of that character
   */
  record Node(Kind kind, Object value, int offset, int line, int column) {

    /** "line L, column C" for messages. */
    String where() {
      return "line " + line + ", column " + column;
    }
  }

  /** A JSON text that does not parse; the message names the position. */
  static final class SyntaxException extends Exception {
    private final int offset;

    SyntaxException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  // ---------------------------------------------------------------- reading

  /** Parses {@code text}, which must hold exactly one JSON value (whitespace around it allowed). */
  static Node parse(String text) throws SyntaxException {
    Reader r = new Reader(text);
    r.skipWhitespace();
    Node n = r.value(0);
    r.skipWhitespace();
    if (r.pos < text.length()) {
      throw r.error("unexpected text after the JSON value");
    }
    return n;
  }

  private static final class Reader {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int pos;
    private int line = 1;
    private int lineStart;

    Reader(String s) {
      this.s = s;
    }

    SyntaxException error(String what) {
      return errorAt(what, pos);
    }

    SyntaxException errorAt(String what, int at) {
      int l = 1;
      int ls = 0;
      for (int i = 0; i < at && i < s.length(); i++) {
        if (s.charAt(i) == '\n') {
          l++;
          ls = i + 1;
        }
      }
      return new SyntaxException(
          what + " (line " + l + ", column " + (at - ls + 1) + ", offset " + at + ")", at);
    }

    void skipWhitespace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\n') {
          line++;
          lineStart = pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    Node node(Kind kind, Object value, int start, int startLine, int startCol) {
      return new Node(kind, value, start, startLine, startCol);
    }

    Node value(int depth) throws SyntaxException {
      if (depth > MAX_DEPTH) {
        throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
      }
      if (pos >= s.length()) {
        throw error("unexpected end of JSON text, expected a value");
      }
      int start = pos;
      int l = line;
      int col = pos - lineStart + 1;
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return node(Kind.OBJECT, object(depth), start, l, col);
        case '[':
          return node(Kind.ARRAY, array(depth), start, l, col);
        case '"':
          return node(Kind.STRING, string(), start, l, col);
        case 't':
          literal("true");
          return node(Kind.BOOLEAN, Boolean.TRUE, start, l, col);
        case 'f':
          literal("false");
          return node(Kind.BOOLEAN, Boolean.FALSE, start, l, col);
        case 'n':
          literal("null");
          return node(Kind.NULL, null, start, l, col);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return node(Kind.NUMBER, number(), start, l, col);
          }
          throw error("unexpected character '" + printable(c) + "', expected a value");
      }
    }

    private static String printable(char c) {
      return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    void literal(String word) throws SyntaxException {
      if (!s.startsWith(word, pos)) {
        throw error("invalid literal, expected '" + word + "'");
      }
      pos += word.length();
    }

    Map<String, Node> object(int depth) throws SyntaxException {
      pos++; // {
      Map<String, Node> out = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return Collections.unmodifiableMap(out);
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a member name in double quotes");
        }
        int keyAt = pos;
        String key = string();
        if (out.containsKey(key)) {
          throw errorAt("duplicate member name \"" + key + "\"", keyAt);
        }
        skipWhitespace();
        expect(':');
        skipWhitespace();
        out.put(key, value(depth + 1));
        skipWhitespace();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == '}') {
          pos++;
          return Collections.unmodifiableMap(out);
        } else {
          throw error("expected ',' or '}' in object");
        }
      }
    }

    List<Node> array(int depth) throws SyntaxException {
      pos++; // [
      List<Node> out = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return Collections.unmodifiableList(out);
      }
      while (true) {
        skipWhitespace();
        out.add(value(depth + 1));
        skipWhitespace();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c == ']') {
          pos++;
          return Collections.unmodifiableList(out);
        } else {
          throw error("expected ',' or ']' in array");
        }
      }
    }

    char peek() throws SyntaxException {
      if (pos >= s.length()) {
        throw error("unexpected end of JSON text");
      }
      return s.charAt(pos);
    }

    void expect(char c) throws SyntaxException {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    String string() throws SyntaxException {
      pos++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = peek();
        pos++;
        if (c == '"') {
          break;
        }
        if (c < 0x20) {
          pos--;
          throw error("control character in string (escape it)");
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = peek();
        pos++;
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            sb.append(hex4());
            break;
          default:
            pos--;
            throw error("invalid escape '\\" + printable(e) + "'");
        }
      }
      String out = sb.toString();
      for (int i = 0; i < out.length(); i++) {
        char c = out.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < out.length()
            && Character.isLowSurrogate(out.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw error("string holds a lone surrogate \\u" + Integer.toHexString(c));
        }
      }
      return out;
    }

    char hex4() throws SyntaxException {
      if (pos + 4 > s.length()) {
        throw error("unexpected end of JSON text in \\u escape");
      }
      int v = 0;
      for (int i = 0; i < 4; i++) {
        int d = Character.digit(s.charAt(pos + i), 16);
        if (d < 0) {
          throw errorAt("invalid hex digit in \\u escape", pos + i);
        }
        v = v * 16 + d;
      }
      pos += 4;
      return (char) v;
    }

    String number() throws SyntaxException {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == '0') {
        pos++;
      } else if (!digits()) {
        throw error("invalid number: expected a digit");
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        if (!digits()) {
          throw error("invalid number: expected a digit after '.'");
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        if (!digits()) {
          throw error("invalid number: expected a digit in the exponent");
        }
      }
      if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        throw error("invalid number: leading zero");
      }
      return s.substring(start, pos);
    }

    boolean digits() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      return pos > start;
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes {@code value}: a {@code Map<String, ?>} (written in its iteration order), a {@code
   * List<?>}, a {@code String}, a {@code Long} or {@code Integer}, a {@code Boolean}, or {@code
   * null}.
   */
  static String write(Object value) {
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
      Object member = m;
      if (isMap) {
        Map.Entry<?, ?> e = (Map.Entry<?, ?>) m;
        string(sb, (String) e.getKey());
        sb.append(": ");
        member = e.getValue();
      }
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
      Object member = m;
      if (isMap) {
        Map.Entry<?, ?> e = (Map.Entry<?, ?>) m;
        string(sb, (String) e.getKey());
        sb.append(": ");
        member = e.getValue();
      }
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
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
