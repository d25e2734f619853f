package dev.coroner.harness.v8;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Frame;
import dev.coroner.harness.golden.GoldenId;
import java.util.List;
import java.util.OptionalLong;

/**
 * Compares a coredump's frames with V8's, frame for frame, and applies the documented exceptions
 * ({@link V8Deviation}); any other difference is a {@link Verdict.Disagreed} naming the fixture,
 * the line and the first differing frame in both engines' terms.
 */
final class FrameComparison {

  /** Where the documented exceptions are explained. */
  static final String EXCEPTIONS_DOC = "docs/coredump-format.md, section 7";

  private final ModulePlaces places;

  FrameComparison(ModulePlaces places) {
    this.places = places;
  }

  /**
   * The verdict on {@code dump} (the coredump of {@code id}) given V8's {@code result} for the same
   * command.
   *
   * @param label what the dump is, for messages: {@code "golden"}, {@code "dump"}
   * @param instances the module bytes of each instance index at that command
   */
  Verdict compare(
      GoldenId id, String label, CoreDump dump, V8Result result, List<byte[]> instances) {
    if (result instanceof V8Result.Unavailable u) {
      String where = u.line().map(l -> " (line " + l + ")").orElse("");
      if (V8Deviation.UNAVAILABLE_HOST_MODULES.contains(u.module())) {
        return new Verdict.Excepted(
            id, V8Deviation.HOST_MODULE,
            "imports host module \"" + u.module() + "\"" + where + ", which V8 does not have;"
                + " not compared",
            0);
      }
      return failed(id, "V8 cannot run it: it imports module \"" + u.module() + "\"" + where
          + ", which V8 does not have and which is not a documented exception ("
          + EXCEPTIONS_DOC + ")");
    }
    if (result instanceof V8Result.Failed f) {
      var feature = V8Deviation.featureV8Lacks(f.message());
      if (feature.isPresent()) {
        return new Verdict.Excepted(id, V8Deviation.WASM_FEATURE,
            "uses " + feature.get() + ", which V8 cannot compile (" + f.message()
                + "); not compared", 0);
      }
      return failed(id, "V8 did not run the fixture as written: " + f.message());
    }
    if (result instanceof V8Result.Exited e) {
      return disagreed(id, "the program exited with code " + e.code() + " in V8; the " + label
          + " holds a trap", 0, 0);
    }
    V8Result.Trapped trap = (V8Result.Trapped) result;
    if (dump.threads().size() != 1) {
      return disagreed(id, "the " + label + " has " + dump.threads().size()
          + " threads; V8 ran one", 0, 0);
    }
    if (dump.instances().size() != instances.size()) {
      return disagreed(id, "the " + label + " lists " + dump.instances().size()
          + " instances, but the fixture had instantiated " + instances.size()
          + " modules by then (instance i of a dump is the i-th instantiation)", 0, 0);
    }
    List<Frame> golden = dump.threads().get(0).frames();
    List<V8Frame> v8 = trap.frames();
    int v8Start = 0;
    String rule = "";
    if (trap.exhaustion()) {
      if (!v8.isEmpty() && codeOffset(instances, v8.get(0)).orElse(-1) == 0) {
        v8Start = 1;
        rule = "V8's frame #0 (" + v8.get(0) + ", code offset 0, not an instruction) dropped";
      }
      int deeper = (v8.size() - v8Start) - golden.size();
      if (deeper > 0) {
        v8Start += deeper;
        rule += (rule.isEmpty() ? "" : "; ") + "V8's " + v8.size() + " frames aligned with the "
            + label + "'s " + golden.size() + " at the oldest frame";
      }
    }
    int compared = Math.min(golden.size(), v8.size() - v8Start);
    for (int i = 0; i < compared; i++) {
      Frame g = golden.get(i);
      V8Frame v = v8.get(v8Start + i);
      if (!same(g, v, instances)) {
        return disagreed(id, "V8 disagrees at " + label + " frame #" + i
            + (v8Start == 0 ? "" : " (V8's frame #" + (v8Start + i) + ")") + ", youngest first:\n"
            + "  Coroner: " + describe(g, instances) + "\n"
            + "  V8:      " + describe(v, instances) + "\n"
            + "  (" + counts(label, golden.size(), v8.size(), trap) + ")",
            i + 1, i);
      }
    }
    if (golden.size() != v8.size() - v8Start) {
      String first =
          golden.size() > compared
              ? "the " + label + "'s frame #" + compared + " (" + describe(golden.get(compared), instances)
                  + ") has no counterpart in V8"
              : "V8's frame #" + (v8Start + compared) + " (" + describe(v8.get(v8Start + compared),
                  instances) + ") has no counterpart in the " + label;
      return disagreed(id, "V8 disagrees on the number of frames: " + first + "\n  ("
          + counts(label, golden.size(), v8.size(), trap) + ")", compared, compared);
    }
    if (trap.exhaustion()) {
      return new Verdict.Excepted(
          id, V8Deviation.STACK_EXHAUSTION, rule.isEmpty() ? "compared as is" : rule, compared);
    }
    return new Verdict.Agreed(id, compared);
  }

  private boolean same(Frame g, V8Frame v, List<byte[]> instances) {
    if (g.instanceIndex() != v.instance() || g.functionIndex() != v.function()) {
      return false;
    }
    OptionalLong offset = moduleOffset(g, instances);
    return offset.isPresent() && offset.getAsLong() == v.moduleOffset();
  }

  private OptionalLong moduleOffset(Frame g, List<byte[]> instances) {
    int i = g.instanceIndex();
    if (i < 0 || i >= instances.size()) {
      return OptionalLong.empty();
    }
    return places.moduleOffset(instances.get(i), g.functionIndex(), g.codeOffset());
  }

  private OptionalLong codeOffset(List<byte[]> instances, V8Frame v) {
    if (v.instance() >= instances.size()) {
      return OptionalLong.empty();
    }
    return places.codeOffset(instances.get(v.instance()), v.function(), v.moduleOffset());
  }

  /** {@code instance 0, func 1, code offset 0x5 (module offset 0x2f)}. */
  private String describe(Frame g, List<byte[]> instances) {
    String head = "instance " + g.instanceIndex() + ", func " + g.functionIndex()
        + ", code offset 0x" + Integer.toHexString(g.codeOffset());
    if (g.instanceIndex() < 0 || g.instanceIndex() >= instances.size()) {
      return head + " (no such instantiation)";
    }
    OptionalLong offset = moduleOffset(g, instances);
    return head + (offset.isPresent()
        ? " (module offset 0x" + Long.toHexString(offset.getAsLong()) + ")"
        : " (not inside a body of a function of its module)");
  }

  /** {@code instance 0, wasm-function[1]:0x2d (code offset 0x3)}. */
  private String describe(V8Frame v, List<byte[]> instances) {
    OptionalLong code = codeOffset(instances, v);
    return v + (code.isPresent()
        ? " (code offset 0x" + Long.toHexString(code.getAsLong()) + ")"
        : " (not inside a body of a function of its module)");
  }

  private static String counts(String label, int golden, int v8, V8Result.Trapped trap) {
    return label + ": " + golden + " frames; V8: " + v8 + " frames, " + trap.error() + " \""
        + trap.message() + "\"; documented exceptions: " + EXCEPTIONS_DOC;
  }

  private static Verdict disagreed(GoldenId id, String text, int compared, int matched) {
    return new Verdict.Disagreed(id, V8Messages.DISAGREES, id + ": " + text, compared, matched);
  }

  private static Verdict failed(GoldenId id, String text) {
    return new Verdict.Disagreed(id, V8Messages.FAILED, id + ": " + text, 0, 0);
  }
}
