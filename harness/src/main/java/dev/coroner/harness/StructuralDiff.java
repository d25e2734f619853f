package dev.coroner.harness;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Compares two coredump models field by field and names every difference by section and field
 * (which frame, which local, which memory range), so a failing comparison reads like a review
 * comment rather than "arrays differ". Memory ranges are half-open, {@code [0x100, 0x105)}; code
 * offsets are hex.
 */
public final class StructuralDiff {

  /** Differences listed at the most; the rest are summarised in one line. */
  public static final int MAX_DIFFERENCES = 40;

  /** Memory ranges listed per memory at the most. */
  static final int MAX_RANGES_PER_MEMORY = 8;

  /** Differing bytes closer than this are reported as one range. */
  private static final int RANGE_GAP = 16;

  /** Bytes of each side shown for a differing memory range. */
  private static final int RANGE_PREVIEW = 16;

  private static final int BLOCK = 1 << 16;

  private final List<Difference> out = new ArrayList<>();
  private int omitted;

  private StructuralDiff() {}

  /** The differences between {@code expected} and {@code actual}; empty when they are equal. */
  public static List<Difference> between(CoreDump expected, CoreDump actual) {
    StructuralDiff d = new StructuralDiff();
    d.compare(expected, actual);
    if (d.omitted > 0) {
      d.out.add(
          new Difference("(all)", "further differences", "", d.omitted + " more not listed"));
    }
    return List.copyOf(d.out);
  }

  /** The differences rendered one per line, or an empty string when there are none. */
  public static String render(List<Difference> differences) {
    StringBuilder sb = new StringBuilder();
    for (Difference d : differences) {
      sb.append("  ").append(d).append('\n');
    }
    return sb.toString();
  }

  private void add(String section, String location, Object expected, Object actual) {
    if (out.size() >= MAX_DIFFERENCES) {
      omitted++;
      return;
    }
    out.add(new Difference(section, location, String.valueOf(expected), String.valueOf(actual)));
  }

  private void compare(CoreDump e, CoreDump a) {
    if (!e.processName().equals(a.processName())) {
      add("core", "process name", quoted(e.processName().orElse(null)),
          quoted(a.processName().orElse(null)));
    }
    compareModules(e.modules(), a.modules());
    compareInstances(e, a);
    compareMemories(e.memories(), a.memories());
    compareGlobals(e.globals(), a.globals());
    compareThreads(e.threads(), a.threads());
  }

  private void compareModules(List<String> e, List<String> a) {
    if (e.size() != a.size()) {
      add("coremodules", "module count", e.size(), a.size());
    }
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      if (!e.get(i).equals(a.get(i))) {
        add("coremodules", "module " + i + " name", quoted(e.get(i)), quoted(a.get(i)));
      }
    }
  }

  private void compareInstances(CoreDump ed, CoreDump ad) {
    List<Instance> e = ed.instances();
    List<Instance> a = ad.instances();
    if (e.size() != a.size()) {
      add("coreinstances", "instance count", e.size(), a.size());
    }
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      Instance x = e.get(i);
      Instance y = a.get(i);
      String where = "instance " + i;
      if (x.moduleIndex() != y.moduleIndex()) {
        add("coreinstances", where + " module index", u32(x.moduleIndex()), u32(y.moduleIndex()));
      }
      if (!x.memories().equals(y.memories())) {
        add("coreinstances", where + " memory indices", indices(x.memories()),
            indices(y.memories()));
      }
      if (!x.globals().equals(y.globals())) {
        add("coreinstances", where + " global indices", indices(x.globals()),
            indices(y.globals()));
      }
    }
  }

  private void compareMemories(List<Memory> e, List<Memory> a) {
    if (e.size() != a.size()) {
      add("memory", "memory count", e.size(), a.size());
    }
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      Memory x = e.get(i);
      Memory y = a.get(i);
      String where = "memory " + i;
      if (x.minPages() != y.minPages()) {
        add("memory", where + " size in pages (min)", x.minPages(), y.minPages());
      }
      if (!x.maxPages().equals(y.maxPages())) {
        add("memory", where + " maximum pages", pages(x), pages(y));
      }
      if (x.memory64() != y.memory64()) {
        add("memory", where + " memory64 flag", x.memory64(), y.memory64());
      }
      if (x.shared() != y.shared()) {
        add("memory", where + " shared flag", x.shared(), y.shared());
      }
      compareContents(where, x.contents(), y.contents());
    }
  }

  private static String pages(Memory m) {
    return m.maxPages().isPresent() ? Long.toString(m.maxPages().getAsLong()) : "none";
  }

  /** Lists the byte ranges where two memories differ (bytes past the shorter one count too). */
  private void compareContents(String where, MemoryContents e, MemoryContents a) {
    long size = Math.max(e.size(), a.size());
    byte[] eb = new byte[BLOCK];
    byte[] ab = new byte[BLOCK];
    long rangeStart = -1;
    long rangeEnd = -1;
    int ranges = 0;
    for (long pos = 0; pos < size; pos += BLOCK) {
      int n = (int) Math.min(BLOCK, size - pos);
      readPadded(e, pos, eb, n);
      readPadded(a, pos, ab, n);
      if (Arrays.equals(eb, 0, n, ab, 0, n)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        if (eb[i] == ab[i]) {
          continue;
        }
        long at = pos + i;
        if (rangeStart >= 0 && at - rangeEnd <= RANGE_GAP) {
          rangeEnd = at + 1;
          continue;
        }
        if (rangeStart >= 0) {
          ranges++;
          if (ranges <= MAX_RANGES_PER_MEMORY) {
            addRange(where, e, a, rangeStart, rangeEnd);
          }
        }
        rangeStart = at;
        rangeEnd = at + 1;
      }
    }
    if (rangeStart >= 0) {
      ranges++;
      if (ranges <= MAX_RANGES_PER_MEMORY) {
        addRange(where, e, a, rangeStart, rangeEnd);
      }
    }
    if (ranges > MAX_RANGES_PER_MEMORY) {
      add("data", where + " contents", "",
          (ranges - MAX_RANGES_PER_MEMORY) + " more differing ranges not listed");
    }
  }

  private void addRange(String where, MemoryContents e, MemoryContents a, long start, long end) {
    String location = where + " bytes " + ByteExcerpt.range(start, end);
    add("data", location, preview(e, start, end), preview(a, start, end));
  }

  private static String preview(MemoryContents m, long start, long end) {
    int n = (int) Math.min(RANGE_PREVIEW, end - start);
    byte[] b = new byte[n];
    readPadded(m, start, b, n);
    String hex = HexFormat.ofDelimiter(" ").formatHex(b);
    return end - start > n ? hex + " ..." : hex;
  }

  /** Reads {@code n} bytes at {@code pos}; bytes past the end of {@code m} read as zero. */
  private static void readPadded(MemoryContents m, long pos, byte[] dst, int n) {
    long avail = Math.max(0, Math.min(n, m.size() - pos));
    if (avail > 0) {
      m.read(pos, dst, 0, (int) avail);
    }
    Arrays.fill(dst, (int) avail, n, (byte) 0);
  }

  private void compareGlobals(List<Global> e, List<Global> a) {
    if (e.size() != a.size()) {
      add("global", "global count", e.size(), a.size());
    }
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      Global x = e.get(i);
      Global y = a.get(i);
      String where = "global " + i;
      if (x.type() != y.type()) {
        add("global", where + " type", x.type(), y.type());
      } else if (x.lowBits() != y.lowBits() || x.highBits() != y.highBits()) {
        add("global", where + " value", globalValue(x), globalValue(y));
      }
      if (x.mutable() != y.mutable()) {
        add("global", where + " mutability", x.mutable() ? "mut" : "const",
            y.mutable() ? "mut" : "const");
      }
    }
  }

  private static String globalValue(Global g) {
    switch (g.type()) {
      case V128:
        return String.format("v128 0x%016x%016x", g.highBits(), g.lowBits());
      case I32:
        return "i32 " + (int) g.lowBits();
      case I64:
        return "i64 " + g.lowBits();
      case F32:
        return Value.f32Bits((int) g.lowBits()).toString();
      case F64:
        return Value.f64Bits(g.lowBits()).toString();
      default:
        return "ref.null " + g.type().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private void compareThreads(List<CoreStack> e, List<CoreStack> a) {
    if (e.size() != a.size()) {
      add("corestack", "thread count", e.size(), a.size());
    }
    for (int t = 0; t < Math.min(e.size(), a.size()); t++) {
      CoreStack x = e.get(t);
      CoreStack y = a.get(t);
      String where = "thread " + t + " " + quoted(x.threadName());
      if (!x.threadName().equals(y.threadName())) {
        add("corestack", "thread " + t + " name", quoted(x.threadName()), quoted(y.threadName()));
      }
      if (x.frames().size() != y.frames().size()) {
        add("corestack", where + " frame count", x.frames().size(), y.frames().size());
      }
      for (int f = 0; f < Math.min(x.frames().size(), y.frames().size()); f++) {
        compareFrame(where + " / frame #" + f, x.frames().get(f), y.frames().get(f));
      }
    }
  }

  private void compareFrame(String where, Frame e, Frame a) {
    if (e.instanceIndex() != a.instanceIndex()) {
      add("corestack", where + " instance index", u32(e.instanceIndex()), u32(a.instanceIndex()));
    }
    if (e.functionIndex() != a.functionIndex()) {
      add("corestack", where + " function index", u32(e.functionIndex()), u32(a.functionIndex()));
    }
    if (e.codeOffset() != a.codeOffset()) {
      add("corestack", where + " code offset", hex(e.codeOffset()), hex(a.codeOffset()));
    }
    compareValues(where, "local", e.locals(), a.locals());
    compareValues(where, "stack", e.stack(), a.stack());
  }

  private void compareValues(String where, String what, List<Value> e, List<Value> a) {
    if (e.size() != a.size()) {
      add("corestack", where + " " + what + " count", e.size() + " " + e, a.size() + " " + a);
      return;
    }
    for (int i = 0; i < e.size(); i++) {
      if (!Objects.equals(e.get(i), a.get(i))) {
        add("corestack", where + " " + what + " " + i, e.get(i), a.get(i));
      }
    }
  }

  private static String quoted(String s) {
    return s == null ? "(none)" : '"' + s + '"';
  }

  private static String u32(int v) {
    return Integer.toUnsignedString(v);
  }

  private static String hex(int v) {
    return "0x" + Integer.toHexString(v);
  }

  private static String indices(List<Integer> list) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      sb.append(i == 0 ? "" : ", ");
      int v = list.get(i);
      sb.append(v == Instance.ABSENT ? "absent" : Integer.toUnsignedString(v));
    }
    return sb.append(']').toString();
  }
}
