package dev.coroner.interpreter.spec;

import dev.coroner.fixtures.Action;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.LaneType;
import dev.coroner.fixtures.ValueType;
import dev.coroner.fixtures.WastValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-reads the float constants of an {@code assert_return} from the script's text. The wast2json
 * we convert scripts with (wabt 1.0.35 as Chicory's {@code wabt} 1.0.0 ships it, compiled to Wasm)
 * misrounds some long float literals by one ulp: {@code 0x0123456789ABCDEFabcdef} becomes
 * {@code 0x1.23456789abcdep+80} instead of {@code ...abcdfp+80} (Debian's wast2json 1.0.32 gets it
 * right). Three files of {@code simd/} ({@code simd_f64x2_arith}, {@code simd_f64x2_pmin_pmax},
 * {@code simd_f64x2_rounding}) pass such literals as arguments and spell the expected result
 * exactly, so the converted assertions are wrong, not the interpreter. For every {@code f32.const},
 * {@code f64.const} and float {@code v128.const} of the assertion this class parses the literal
 * with Java's correctly rounded parser ({@link Double#parseDouble}, {@link Float#parseFloat}, which
 * round hexadecimal and decimal literals to nearest) and uses those bits; NaN and infinity
 * literals, integers and anything it cannot read keep the converter's value.
 */
final class FloatLiterals {
  private FloatLiterals() {}

  /** {@code c} with its float constants re-read from {@code lines} (the script), or {@code c}. */
  static Command.AssertReturn correct(Command.AssertReturn c, List<String> lines) {
    List<Object> form = read(lines, c.line());
    if (form == null || form.size() < 2 || !"assert_return".equals(form.get(0))
        || !(form.get(1) instanceof List) || !(c.action() instanceof Action.Invoke)) {
      return c;
    }
    @SuppressWarnings("unchecked")
    List<Object> invoke = (List<Object>) form.get(1);
    Action.Invoke a = (Action.Invoke) c.action();
    List<Object> argForms = new ArrayList<>();
    for (Object o : invoke) {
      if (o instanceof List) {
        argForms.add(o);
      }
    }
    List<Object> resultForms = form.subList(2, form.size());
    if (argForms.size() != a.args().size() || resultForms.size() != c.expected().size()) {
      return c;
    }
    List<WastValue> args = new ArrayList<>();
    for (int i = 0; i < argForms.size(); i++) {
      args.add(value(argForms.get(i), a.args().get(i)));
    }
    List<WastValue> expected = new ArrayList<>();
    for (int i = 0; i < resultForms.size(); i++) {
      expected.add(value(resultForms.get(i), c.expected().get(i)));
    }
    return new Command.AssertReturn(c.line(),
        new Action.Invoke(a.module(), a.field(), args), expected);
  }

  /** The value of constant form {@code f} if it is a float constant we can read, else {@code v}. */
  private static WastValue value(Object f, WastValue v) {
    if (!(f instanceof List)) {
      return v;
    }
    List<?> form = (List<?>) f;
    try {
      if (v instanceof WastValue.Num && form.size() == 2) {
        WastValue.Num n = (WastValue.Num) v;
        OptionalBits b = bits(n.type() == ValueType.F32 ? 32 : n.type() == ValueType.F64 ? 64 : 0,
            form.get(1));
        return b.present ? new WastValue.Num(n.type(), b.bits) : v;
      }
      if (v instanceof WastValue.Vec && form.size() >= 3) {
        WastValue.Vec vec = (WastValue.Vec) v;
        LaneType lt = vec.laneType();
        if (!lt.isFloat() || form.size() != 2 + vec.lanes().size()) {
          return v;
        }
        List<WastValue.Lane> lanes = new ArrayList<>();
        for (int i = 0; i < vec.lanes().size(); i++) {
          WastValue.Lane lane = vec.lanes().get(i);
          OptionalBits b = lane.nan().isPresent() ? OptionalBits.NONE : bits(lt.bits(), form.get(2 + i));
          lanes.add(b.present ? WastValue.Lane.ofBits(b.bits) : lane);
        }
        return new WastValue.Vec(lt, lanes);
      }
    } catch (RuntimeException e) {
      return v;
    }
    return v;
  }

  private record OptionalBits(boolean present, long bits) {
    static final OptionalBits NONE = new OptionalBits(false, 0);
  }

  /** The bits of float literal {@code token} of {@code width} bits, if it is a finite number. */
  private static OptionalBits bits(int width, Object token) {
    if (width == 0 || !(token instanceof String)) {
      return OptionalBits.NONE;
    }
    String s = ((String) token).replace("_", "");
    String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    if (body.startsWith("nan") || body.startsWith("inf")) {
      return OptionalBits.NONE;
    }
    String text = s;
    if (body.startsWith("0x") && !body.contains("p") && !body.contains("P")) {
      text = s + "p0";
    }
    if (width == 32) {
      return new OptionalBits(true, Float.floatToRawIntBits(Float.parseFloat(text)) & 0xFFFFFFFFL);
    }
    return new OptionalBits(true, Double.doubleToRawLongBits(Double.parseDouble(text)));
  }

  /** The s-expression that starts on line {@code line} (1-based): nested lists of atoms. */
  static List<Object> read(List<String> lines, int line) {
    if (line < 1 || line > lines.size()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (int i = line - 1; i < lines.size() && i < line + 200; i++) {
      text.append(lines.get(i)).append('\n');
    }
    int[] pos = {text.indexOf("(")};
    if (pos[0] < 0) {
      return null;
    }
    try {
      Object o = parse(text, pos);
      return o instanceof List ? castList(o) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> castList(Object o) {
    return (List<Object>) o;
  }

  private static Object parse(CharSequence s, int[] pos) {
    skipSpace(s, pos);
    if (s.charAt(pos[0]) == '(') {
      pos[0]++;
      List<Object> list = new ArrayList<>();
      while (true) {
        skipSpace(s, pos);
        if (s.charAt(pos[0]) == ')') {
          pos[0]++;
          return list;
        }
        list.add(parse(s, pos));
      }
    }
    int start = pos[0];
    if (s.charAt(start) == '"') {
      int i = start + 1;
      while (s.charAt(i) != '"') {
        i += s.charAt(i) == '\\' ? 2 : 1;
      }
      pos[0] = i + 1;
      return s.subSequence(start, i + 1).toString();
    }
    int i = start;
    while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '('
        && s.charAt(i) != ')' && s.charAt(i) != ';') {
      i++;
    }
    pos[0] = i;
    return s.subSequence(start, i).toString();
  }

  private static void skipSpace(CharSequence s, int[] pos) {
    int i = pos[0];
    while (true) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
      } else if (s.charAt(i) == ';' && s.charAt(i + 1) == ';') {
        while (s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.charAt(i) == '(' && s.charAt(i + 1) == ';') {
        int depth = 0;
        do {
          if (s.charAt(i) == '(' && s.charAt(i + 1) == ';') {
            depth++;
            i += 2;
          } else if (s.charAt(i) == ';' && s.charAt(i + 1) == ')') {
            depth--;
            i += 2;
          } else {
            i++;
          }
        } while (depth > 0);
      } else {
        break;
      }
    }
    pos[0] = i;
  }
}
