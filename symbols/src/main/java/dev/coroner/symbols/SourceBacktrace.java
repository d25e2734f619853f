package dev.coroner.symbols;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders coredump frames at the source level when the module's DWARF describes them:
 *
 * <pre>
 * sum_first at hp.c:23:5 (inlined into main at hp.c:37:11)
 * </pre>
 *
 * <p>the function (qualified for C++), its position, then each function it was inlined into with
 * the call site, innermost first. A frame without DWARF keeps the name-section form, {@code A.f
 * (func 0) offset 0x8}, or {@code A func 0 offset 0x8} without a name.
 *
 * <p>Unreadable debugging information never stops a backtrace: the frame falls back to the
 * name-section form and one warning per module and section ({@link #warnings}) names the section
 * and the byte where reading failed. Not thread-safe; use one per backtrace.
 */
public final class SourceBacktrace {

  private final Map<String, String> warnings = new LinkedHashMap<>();

  /**
   * One frame, without its number: the source form if {@code symbols} has DWARF for it, else the
   * name-section form.
   *
   * @param moduleName the coredump's name for the frame's module ({@code ?} if unknown)
   * @param symbols the module's symbolizer, or null if the module is not available
   */
  public String frame(String moduleName, Symbolizer symbols, int funcIndex, int codeOffset) {
    List<SourceLocation> chain = locate(moduleName, symbols, funcIndex, codeOffset);
    if (chain.isEmpty()) {
      return nameForm(moduleName, symbols, funcIndex, codeOffset);
    }
    String physical = null;
    if (chain.get(chain.size() - 1).qualifiedName().isEmpty()) {
      physical = functionName(moduleName, symbols, funcIndex);
    }
    return source(chain, physical);
  }

  /**
   * The chain of source locations of one frame ({@link Symbolizer#locate}), or an empty list when
   * {@code symbols} is null, has no DWARF for the frame, or cannot read it; in the last case the
   * error becomes one of the {@link #warnings}. For callers that render the name-section form
   * themselves.
   *
   * @param moduleName the coredump's name for the frame's module, for the warning
   */
  public List<SourceLocation> locate(
      String moduleName, Symbolizer symbols, int funcIndex, int codeOffset) {
    if (symbols != null) {
      try {
        return symbols.locate(funcIndex, codeOffset);
      } catch (DwarfException e) {
        warn(moduleName, e);
      }
    }
    return List.of();
  }

  /** The source form of a chain from {@link Symbolizer#locate}. */
  public static String source(List<SourceLocation> chain) {
    return source(chain, null);
  }

  /**
   * The source form of a chain from {@link Symbolizer#locate}; a function DWARF gives no name is
   * shown as {@code ??}, except the outermost one (the function the code belongs to), which takes
   * {@code functionName} when it is not null (its name in the {@code name} section).
   */
  public static String source(List<SourceLocation> chain, String functionName) {
    StringBuilder s = new StringBuilder();
    int last = chain.size() - 1;
    SourceLocation first = chain.get(0);
    s.append(display(first, last == 0 ? functionName : null)).append(" at ")
        .append(first.position());
    for (int i = 1; i < chain.size(); i++) {
      SourceLocation outer = chain.get(i);
      s.append(i == 1 ? " (" : ", ").append("inlined into ")
          .append(display(outer, i == last ? functionName : null))
          .append(" at ").append(outer.position());
    }
    if (chain.size() > 1) {
      s.append(')');
    }
    return s.toString();
  }

  private static String display(SourceLocation l, String fallback) {
    if (!l.qualifiedName().isEmpty()) {
      return l.qualifiedName();
    }
    return fallback == null || fallback.isEmpty() ? "??" : fallback;
  }

  private String nameForm(String moduleName, Symbolizer symbols, int funcIndex, int codeOffset) {
    StringBuilder s = new StringBuilder(moduleName);
    String index = Integer.toUnsignedString(funcIndex);
    String name = functionName(moduleName, symbols, funcIndex);
    if (name != null) {
      s.append('.').append(name).append(" (func ").append(index).append(')');
    } else {
      s.append(" func ").append(index);
    }
    return s.append(" offset 0x").append(Integer.toHexString(codeOffset)).toString();
  }

  /** The name-section name of a function, or null (none, or the section cannot be read). */
  private String functionName(String moduleName, Symbolizer symbols, int funcIndex) {
    if (symbols != null) {
      try {
        return symbols.functionName(funcIndex).orElse(null);
      } catch (DwarfException e) {
        warn(moduleName, e);
      }
    }
    return null;
  }

  private void warn(String moduleName, DwarfException e) {
    warnings.putIfAbsent(moduleName + "\0" + e.section(),
        "warning: module " + moduleName + ": cannot read its debugging information, frames show"
            + " function index and offset: " + e.getMessage());
  }

  /** One line per module and section whose debugging information could not be read. */
  public List<String> warnings() {
    return List.copyOf(warnings.values());
  }

  /**
   * Every thread of {@code dump} as a backtrace, youngest frame first, one line per frame, then
   * the warnings.
   *
   * @param symbols for each coredump module (by index), its symbolizer, or null
   */
  public static String render(CoreDump dump, List<Symbolizer> symbols) {
    SourceBacktrace b = new SourceBacktrace();
    StringBuilder out = new StringBuilder();
    for (int t = 0; t < dump.threads().size(); t++) {
      CoreStack thread = dump.threads().get(t);
      int n = thread.frames().size();
      out.append("backtrace of thread ").append(t).append(" \"").append(thread.threadName())
          .append("\" (").append(n).append(n == 1 ? " frame" : " frames")
          .append(", youngest first):\n");
      List<Frame> frames = thread.frames();
      for (int f = 0; f < n; f++) {
        Frame frame = frames.get(f);
        String module = "?";
        Symbolizer s = null;
        int instance = frame.instanceIndex();
        if (instance >= 0 && instance < dump.instances().size()) {
          int m = dump.instances().get(instance).moduleIndex();
          if (m >= 0 && m < dump.modules().size()) {
            module = dump.modules().get(m);
            s = m < symbols.size() ? symbols.get(m) : null;
          }
        }
        out.append("  #").append(f).append(' ')
            .append(b.frame(module, s, frame.functionIndex(), frame.codeOffset())).append('\n');
      }
    }
    List<String> lines = new ArrayList<>(b.warnings());
    for (String w : lines) {
      out.append(w).append('\n');
    }
    return out.toString();
  }
}
