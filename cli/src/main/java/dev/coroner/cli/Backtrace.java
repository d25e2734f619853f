package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.NameSection;
import dev.coroner.coredump.Value;
import dev.coroner.symbols.SourceBacktrace;
import dev.coroner.symbols.SourceLocation;
import java.util.List;

/**
 * Renders a coredump's threads as backtraces, youngest frame first, one headline per frame
 * followed by its locals and operand stack.
 *
 * <p>A frame whose module's DWARF describes its code is headed by its source locations, inlined
 * functions expanded ({@code #0 sum_first at hp.c:23:5 (inlined into main at hp.c:37:11)}, see
 * {@link SourceBacktrace}), followed by a {@code wasm:} line with the name-section form. Any
 * other frame is headed by the name-section form itself, {@code #0 A.f (func 0) offset 0x8},
 * with names from the modules' name sections where known ({@code func N} and locals {@code lN}
 * without). Debugging information that cannot be read never stops a backtrace: its frames take
 * the name-section form and {@link Rendered#warnings} holds one line per module and section,
 * naming the byte where reading failed.
 *
 * <p>Which supplied module belongs to which coredump module is {@link NameMatch}'s decision.
 */
final class Backtrace {

  /** Values listed per locals or stack line at the most. */
  static final int MAX_VALUES = 8;

  /**
   * A rendered backtrace.
   *
   * @param text the backtraces, one line per frame and per locals and stack
   * @param warnings one line each ({@code warning: module M: cannot read its debugging
   *     information, ...}), for stderr
   */
  record Rendered(String text, List<String> warnings) {
    Rendered {
      warnings = List.copyOf(warnings);
    }
  }

  private final CoreDump dump;
  private final List<NameMatch.Given> modules;
  private final int maxFrames;
  private final SourceBacktrace source = new SourceBacktrace();

  private Backtrace(CoreDump dump, List<NameMatch.Given> modules, int maxFrames) {
    this.dump = dump;
    this.modules = modules;
    this.maxFrames = maxFrames;
  }

  /**
   * The backtraces of every thread of {@code dump}, with names and source locations.
   *
   * @param given the modules the program was made of, in order; matched to the coredump's
   *     modules by {@link NameMatch} (its warnings are not shown: the modules came from the
   *     program, not from the user)
   * @param maxFrames frames shown per thread at the most; the rest are counted
   */
  static Rendered of(CoreDump dump, List<NameMatch.Given> given, int maxFrames) {
    return matched(dump, NameMatch.match(dump.modules(), given).perModule(), maxFrames);
  }

  /**
   * The backtraces of every thread of {@code dump}, with modules already matched.
   *
   * @param perModule for coredump module {@code i}, the module it takes
   */
  static Rendered matched(CoreDump dump, List<NameMatch.Given> perModule, int maxFrames) {
    Backtrace b = new Backtrace(dump, perModule, maxFrames);
    String text = b.renderAll();
    return new Rendered(text, b.source.warnings());
  }

  private String renderAll() {
    StringBuilder out = new StringBuilder();
    for (int t = 0; t < dump.threads().size(); t++) {
      CoreStack thread = dump.threads().get(t);
      int n = thread.frames().size();
      out.append("backtrace of thread ").append(t).append(" \"").append(thread.threadName())
          .append("\" (").append(n).append(n == 1 ? " frame" : " frames")
          .append(", youngest first):\n");
      if (n == 0) {
        out.append("  (no WebAssembly frames)\n");
      }
      for (int f = 0; f < Math.min(n, maxFrames); f++) {
        renderFrame(out, f, thread.frames().get(f));
      }
      if (n > maxFrames) {
        out.append("  ... ").append(n - maxFrames).append(" older frames not shown\n");
      }
    }
    return out.toString();
  }

  private void renderFrame(StringBuilder out, int number, Frame frame) {
    int func = frame.functionIndex();
    NameMatch.Given module = NameMatch.Given.NONE;
    String moduleName = "?";
    int instance = frame.instanceIndex();
    boolean instanceKnown = instance >= 0 && instance < dump.instances().size();
    if (instanceKnown) {
      int m = dump.instances().get(instance).moduleIndex();
      if (m >= 0 && m < dump.modules().size()) {
        moduleName = dump.modules().get(m);
        module = modules.get(m);
      }
    }
    String instanceSuffix = !instanceKnown || sharesModule(instance)
        ? " [instance " + Integer.toUnsignedString(instance) + "]" : "";
    List<SourceLocation> chain =
        source.locate(moduleName, module.symbols(), func, frame.codeOffset());
    String wasm = nameForm(moduleName, module.names(), func, frame.codeOffset()) + instanceSuffix;
    if (chain.isEmpty()) {
      out.append("  #").append(number).append(' ').append(wasm).append('\n');
    } else {
      String name = module.names().functionName(func).orElse(null);
      out.append("  #").append(number).append(' ').append(SourceBacktrace.source(chain, name))
          .append('\n');
      out.append("       wasm:   ").append(wasm).append('\n');
    }
    out.append("       locals: ").append(locals(module.names(), func, frame.locals()))
        .append('\n');
    out.append("       stack:  ").append(values(frame.stack())).append('\n');
  }

  /** {@code A.f (func 0) offset 0x8}, or {@code A func 0 offset 0x8} without a name. */
  static String nameForm(String moduleName, NameSection names, int func, int codeOffset) {
    StringBuilder s = new StringBuilder(moduleName);
    String funcIndex = Integer.toUnsignedString(func);
    names.functionName(func).ifPresentOrElse(
        name -> s.append('.').append(name).append(" (func ").append(funcIndex).append(')'),
        () -> s.append(" func ").append(funcIndex));
    return s.append(" offset 0x").append(Integer.toHexString(codeOffset)).toString();
  }

  /** Whether another instance of the dump has the same module as {@code instance}. */
  private boolean sharesModule(int instance) {
    int module = dump.instances().get(instance).moduleIndex();
    for (int i = 0; i < dump.instances().size(); i++) {
      if (i != instance && dump.instances().get(i).moduleIndex() == module) {
        return true;
      }
    }
    return false;
  }

  private static String locals(NameSection names, int func, List<Value> locals) {
    if (locals.isEmpty()) {
      return "none";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(locals.size(), MAX_VALUES); i++) {
      if (i > 0) {
        s.append(", ");
      }
      int index = i;
      s.append(names.localName(func, i).map(n -> "$" + n).orElseGet(() -> "l" + index))
          .append('=').append(CoreDumpText.value(locals.get(i)));
    }
    more(s, locals.size());
    return s.toString();
  }

  private static String values(List<Value> stack) {
    if (stack.isEmpty()) {
      return "empty";
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(stack.size(), MAX_VALUES); i++) {
      if (i > 0) {
        s.append(", ");
      }
      s.append(CoreDumpText.value(stack.get(i)));
    }
    more(s, stack.size());
    return s.append(" (bottom to top)").toString();
  }

  private static void more(StringBuilder s, int size) {
    if (size > MAX_VALUES) {
      s.append(", ... ").append(size - MAX_VALUES).append(" more");
    }
  }
}
