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
    if (symbols != null) {
      try {
        List<SourceLocation> chain = symbols.locate(funcIndex, codeOffset);
        if (!chain.isEmpty()) {
          return source(chain);
        }
      } catch (DwarfException e) {
        warn(moduleName, e);
      }
    }
    return nameForm(moduleName, symbols, funcIndex, codeOffset);
  }

  /** The source form of a chain from {@link Symbolizer#locate}. */
  public static String source(List<SourceLocation> chain) {
    StringBuilder s = new StringBuilder();
    SourceLocation first = chain.get(0);
    s.append(display(first)).append(" at ").append(first.position());
    for (int i = 1; i < chain.size(); i++) {
      SourceLocation outer = chain.get(i);
      s.append(i == 1 ? " (" : ", ").append("inlined into ").append(display(outer))
          .append(" at ").append(outer.position());
    }
    if (chain.size() > 1) {
      s.append(')');
    }
    return s.toString();
  }

  private static String display(SourceLocation l) {
    return l.qualifiedName().isEmpty() ? "??" : l.qualifiedName();
  }

  private String nameForm(String moduleName, Symbolizer symbols, int funcIndex, int codeOffset) {
    StringBuilder s = new StringBuilder(moduleName);
    String index = Integer.toUnsignedString(funcIndex);
    String name = null;
    if (symbols != null) {
      try {
        name = symbols.functionName(funcIndex).orElse(null);
      } catch (DwarfException e) {
        warn(moduleName, e);
      }
    }
    if (name != null) {
      s.append('.').append(name).append(" (func ").append(index).append(')');
    } else {
      s.append(" func ").append(index);
    }
    return s.append(" offset 0x").append(Integer.toHexString(codeOffset)).toString();
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
