package dev.coroner.coredump;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * A deterministic, human-readable, diff-friendly rendering of a {@link CoreDump}, committed beside
 * every golden file so that a change reads as a text diff.
 *
 * <p>Layout: the process name; modules; instances (module, memory and global indices); memories
 * (limits, flags, size, and a 16-bytes-per-line hex view of the lines that hold a non-zero byte,
 * each run of zero lines summarized on one line with its half-open range, {@code [0x10, 0x40)});
 * globals (type, mutability, value); each thread
 * and its frames youngest first, with locals and the operand stack bottom to top.
 *
 * <p>Indices are rendered unsigned; {@link Instance#ABSENT} as {@code absent (u32::MAX)}. Integers
 * are signed decimal. Floats show the shortest decimal that reads back to the same value (computed
 * with {@link BigDecimal}, so the text does not depend on the JDK's {@code Double.toString}) and
 * their raw bits, e.g. {@code f32 1.5 (0x3fc00000)}; NaNs show their payload, e.g. {@code f32
 * nan:0x400000 (0x7fc00000)}. Strings are quoted, with {@code "}, {@code \} and control characters
 * escaped. Lines end with {@code \n}.
 */
public final class CoreDumpText {

  private static final int LINE = 16;
  private static final int WINDOW = 4096;

  private final StringBuilder out = new StringBuilder();
  private final CoreDump dump;

  private CoreDumpText(CoreDump dump) {
    this.dump = dump;
  }

  /** The rendering of {@code dump}. */
  public static String render(CoreDump dump) {
    CoreDumpText t = new CoreDumpText(dump);
    t.renderAll();
    return t.out.toString();
  }

  private void renderAll() {
    line(0, "coredump");
    line(
        1,
        "process "
            + dump.processName().map(CoreDumpText::quote).orElse("(none: no core section)"));
    line(1, "modules: " + dump.modules().size());
    for (int i = 0; i < dump.modules().size(); i++) {
      line(2, "module " + i + " " + quote(dump.modules().get(i)));
    }
    line(1, "instances: " + dump.instances().size());
    for (int i = 0; i < dump.instances().size(); i++) {
      Instance inst = dump.instances().get(i);
      line(2, "instance " + i + ": module " + moduleRef(inst.moduleIndex()));
      line(3, "memories: " + indexList(inst.memories()));
      line(3, "globals: " + indexList(inst.globals()));
    }
    line(1, "memories: " + dump.memories().size());
    for (int i = 0; i < dump.memories().size(); i++) {
      renderMemory(i, dump.memories().get(i));
    }
    line(1, "globals: " + dump.globals().size());
    for (int i = 0; i < dump.globals().size(); i++) {
      Global g = dump.globals().get(i);
      line(
          2,
          "global " + i + ": " + g.type().textName() + " "
              + (g.mutable() ? "mutable" : "immutable") + " " + globalValue(g));
    }
    line(1, "threads: " + dump.threads().size());
    for (int i = 0; i < dump.threads().size(); i++) {
      CoreStack t = dump.threads().get(i);
      int n = t.frames().size();
      line(2, "thread " + i + " " + quote(t.threadName()) + ": " + n + " frame" + (n == 1 ? "" : "s"));
      for (int f = 0; f < n; f++) {
        renderFrame(f, t.frames().get(f));
      }
    }
  }

  private void renderFrame(int number, Frame f) {
    StringBuilder s = new StringBuilder();
    s.append('#').append(number).append(" instance ").append(u32(f.instanceIndex()));
    int inst = f.instanceIndex();
    if (inst >= 0 && inst < dump.instances().size()) {
      s.append(" (module ").append(moduleRef(dump.instances().get(inst).moduleIndex())).append(')');
    }
    s.append(" func ").append(u32(f.functionIndex()));
    s.append(" offset 0x").append(Integer.toHexString(f.codeOffset()));
    line(3, s.toString());
    renderValues("locals", "l", f.locals());
    renderValues("stack (bottom to top)", "s", f.stack());
  }

  private void renderValues(String title, String prefix, List<Value> values) {
    if (values.isEmpty()) {
      line(4, title + ": none");
      return;
    }
    line(4, title + ":");
    for (int i = 0; i < values.size(); i++) {
      line(5, prefix + i + " " + value(values.get(i)));
    }
  }

  private void renderMemory(int index, Memory m) {
    long pages = m.minPages();
    long size = m.contents().size();
    StringBuilder s = new StringBuilder();
    s.append("memory ").append(index).append(": ").append(pages).append(pages == 1 ? " page (" : " pages (")
        .append(size).append(" bytes), min ").append(pages).append(", max ")
        .append(m.maxPages().isPresent() ? Long.toUnsignedString(m.maxPages().getAsLong()) : "none")
        .append(m.memory64() ? ", memory64" : ", memory32")
        .append(m.shared() ? ", shared" : ", unshared");
    line(2, s.toString());
    renderHex(m.contents());
  }

  /** The hex view: every 16-byte line holding a non-zero byte; zero lines summarized by runs. */
  private void renderHex(MemoryContents c) {
    long size = c.size();
    int width = size <= 0x1_0000_0000L ? 8 : 16;
    byte[] window = new byte[WINDOW];
    long zeroStart = 0;
    long pos = 0;
    while (pos < size) {
      long next = c.skipZeros(pos);
      long lineStart = next - next % LINE;
      if (lineStart >= size) {
        break;
      }
      pos = Math.max(pos, lineStart);
      int n = (int) Math.min(WINDOW, size - pos);
      c.read(pos, window, 0, n);
      for (int i = 0; i < n; i += LINE) {
        int len = Math.min(LINE, n - i);
        boolean nonZero = false;
        for (int j = i; j < i + len; j++) {
          nonZero |= window[j] != 0;
        }
        if (nonZero) {
          long at = pos + i;
          zeroRun(zeroStart, at);
          line(3, hexLine(at, window, i, len, width));
          zeroStart = at + len;
        }
      }
      pos += n;
    }
    zeroRun(zeroStart, size);
  }

  /** One line for the zero bytes {@code [from, to)}, if there are any. */
  private void zeroRun(long from, long to) {
    if (to > from) {
      line(
          3,
          "*  " + (to - from) + " zero bytes " + Checks.range(from, to));
    }
  }

  private static String hexLine(long at, byte[] b, int from, int len, int width) {
    StringBuilder s = new StringBuilder(offset(at, width)).append(' ');
    for (int j = 0; j < LINE; j++) {
      if (j == 8) {
        s.append(' ');
      }
      if (j < len) {
        s.append(' ').append(String.format("%02x", b[from + j] & 0xFF));
      } else {
        s.append("   ");
      }
    }
    s.append("  |");
    for (int j = 0; j < len; j++) {
      int ch = b[from + j] & 0xFF;
      s.append(ch >= 0x20 && ch < 0x7F ? (char) ch : '.');
    }
    return s.append('|').toString();
  }

  private static String offset(long at, int width) {
    String h = Long.toHexString(at);
    return "0".repeat(Math.max(0, width - h.length())) + h;
  }

  private String moduleRef(int moduleIndex) {
    String s = u32(moduleIndex);
    if (moduleIndex >= 0 && moduleIndex < dump.modules().size()) {
      s += " " + quote(dump.modules().get(moduleIndex));
    }
    return s;
  }

  private static String indexList(List<Integer> indices) {
    if (indices.isEmpty()) {
      return "none";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < indices.size(); i++) {
      int index = indices.get(i);
      s.append(i == 0 ? "" : ", ")
          .append(index == Instance.ABSENT ? "absent (u32::MAX)" : u32(index));
    }
    return s.toString();
  }

  private static String u32(int index) {
    return Integer.toUnsignedString(index);
  }

  /**
   * A frame value as this rendering shows it: {@code i32 42}, {@code f32 1.5 (0x3fc00000)}, {@code
   * f32 nan:0x400001 (0x7fc00001)}, {@code missing}. Floats show their value and their raw bits.
   */
  public static String value(Value v) {
    switch (v.kind()) {
      case MISSING:
        return "missing";
      case I32:
        return "i32 " + v.asI32();
      case I64:
        return "i64 " + v.asI64();
      case F32:
        return "f32 " + f32((int) v.bits());
      default:
        return "f64 " + f64(v.bits());
    }
  }

  private static String globalValue(Global g) {
    switch (g.type()) {
      case I32:
        return Integer.toString((int) g.lowBits());
      case I64:
        return Long.toString(g.lowBits());
      case F32:
        return f32((int) g.lowBits());
      case F64:
        return f64(g.lowBits());
      case V128:
        return String.format(
            "i32x4 0x%08x 0x%08x 0x%08x 0x%08x",
            (int) g.lowBits(), (int) (g.lowBits() >>> 32),
            (int) g.highBits(), (int) (g.highBits() >>> 32));
      case FUNCREF:
        return "ref.null func";
      default:
        return "ref.null extern";
    }
  }

  /** {@code 1.5 (0x3fc00000)} or {@code nan:0x400000 (0x7fc00000)}. */
  static String f32(int bits) {
    float f = Float.intBitsToFloat(bits);
    String raw = String.format("(0x%08x)", bits);
    String sign = bits < 0 ? "-" : "";
    if (Float.isNaN(f)) {
      return sign + "nan:0x" + Integer.toHexString(bits & 0x7F_FFFF) + " " + raw;
    }
    if (Float.isInfinite(f)) {
      return sign + "inf " + raw;
    }
    return decimal(f, true) + " " + raw;
  }

  /** {@code 1.5 (0x3ff8000000000000)} or {@code nan:0x8000000000000 (0x7ff8000000000000)}. */
  static String f64(long bits) {
    double d = Double.longBitsToDouble(bits);
    String raw = String.format("(0x%016x)", bits);
    String sign = bits < 0 ? "-" : "";
    if (Double.isNaN(d)) {
      return sign + "nan:0x" + Long.toHexString(bits & 0xF_FFFF_FFFF_FFFFL) + " " + raw;
    }
    if (Double.isInfinite(d)) {
      return sign + "inf " + raw;
    }
    return decimal(d, false) + " " + raw;
  }

  /** The shortest decimal that parses back to {@code v} (as a float if {@code isFloat}). */
  private static String decimal(double v, boolean isFloat) {
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(v);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      boolean back =
          isFloat
              ? Float.parseFloat(r.toString()) == (float) v
              : Double.parseDouble(r.toString()) == v;
      if (back) {
        shortest = r;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    BigDecimal abs = shortest.abs();
    if (abs.compareTo(new BigDecimal("1e-5")) >= 0 && abs.compareTo(new BigDecimal("1e16")) < 0) {
      String plain = shortest.toPlainString();
      return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String mantissa = digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
    return (shortest.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
  }

  /** {@code "name"} with {@code "}, {@code \} and control characters escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F) {
        b.append(String.format("\\u{%x}", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }
}
