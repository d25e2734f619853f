package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.NameSection;
import dev.coroner.coredump.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a coredump's threads as backtraces, youngest frame first, one line per frame ({@code #0
 * A.f (func 0) offset 0x8}) followed by its locals and operand stack, with names from the modules'
 * name sections where known.
 *
 * <p>Which name section belongs to which coredump module is {@link NameMatch}'s decision. Without
 * names a frame falls back to {@code func N}, and locals to {@code lN}.
 */
final class Backtrace {

  /** Values listed per locals or stack line at the most. */
  static final int MAX_VALUES = 8;

  private final CoreDump dump;
  private final List<NameSection> moduleNames;
  private final int maxFrames;

  private Backtrace(CoreDump dump, List<NameSection> moduleNames, int maxFrames) {
    this.dump = dump;
    this.moduleNames = moduleNames;
    this.maxFrames = maxFrames;
  }

  /**
   * The backtraces of every thread of {@code dump}.
   *
   * @param given the name sections of the modules the program was made of, in order; matched to
   *     the coredump's modules by {@link NameMatch} (its warnings are not shown)
   * @param maxFrames frames shown per thread at the most; the rest are counted
   */
  static String render(CoreDump dump, List<NameSection> given, int maxFrames) {
    List<NameMatch.Given> labelled = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      labelled.add(new NameMatch.Given("module " + i, given.get(i)));
    }
    return renderMatched(dump, NameMatch.match(dump.modules(), labelled).perModule(), maxFrames);
  }

  /**
   * The backtraces of every thread of {@code dump}, with names already matched.
   *
   * @param moduleNames for coredump module {@code i}, its names
   */
  static String renderMatched(CoreDump dump, List<NameSection> moduleNames, int maxFrames) {
    return new Backtrace(dump, moduleNames, maxFrames).renderAll();
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
    NameSection names = NameSection.NONE;
    String module = "?";
    int instance = frame.instanceIndex();
    boolean instanceKnown = instance >= 0 && instance < dump.instances().size();
    if (instanceKnown) {
      int m = dump.instances().get(instance).moduleIndex();
      if (m >= 0 && m < dump.modules().size()) {
        module = dump.modules().get(m);
        names = moduleNames.get(m);
      }
    }
    out.append("  #").append(number).append(' ').append(module);
    String funcIndex = Integer.toUnsignedString(func);
    names.functionName(func).ifPresentOrElse(
        name -> out.append('.').append(name).append(" (func ").append(funcIndex).append(')'),
        () -> out.append(" func ").append(funcIndex));
    out.append(" offset 0x").append(Integer.toHexString(frame.codeOffset()));
    if (!instanceKnown || sharesModule(instance)) {
      out.append(" [instance ").append(Integer.toUnsignedString(instance)).append(']');
    }
    out.append('\n');
    out.append("       locals: ").append(locals(names, func, frame.locals())).append('\n');
    out.append("       stack:  ").append(values(frame.stack())).append('\n');
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
