package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Rewrites a coredump from the layout it uses ({@link Dialect#detect}) into another, keeping
 * everything the target layout can hold and naming, in {@link Result#notes()}, everything it
 * could not recover or had to leave out. Besides the frame layout, the output is the canonical
 * encoding (section order, data chunks, minimal LEB128); what the input says (mutable globals,
 * {@code u32::MAX} placeholders) is kept as it is.
 *
 * <p>A {@link Dialect#SPEC} output is always a valid specification coredump: when the input has
 * no {@code coreinstances} section but has frames, the converter writes one instance of module 0
 * (named {@value #UNKNOWN_MODULE} when there is no {@code coremodules} either) holding every
 * memory and global, and points every frame at it; the notes say so.
 */
public final class DialectConverter {

  /** The module name written when the input names none. */
  public static final String UNKNOWN_MODULE = "<unknown-module>";

  /**
   * A conversion.
   *
   * @param bytes the converted coredump
   * @param from the layout the input used
   * @param to the layout written
   * @param notes what could not be recovered or was left out, one sentence each; empty when the
   *     conversion lost nothing
   */
  public record Result(byte[] bytes, Dialect from, Dialect to, List<String> notes) {
    public Result {
      bytes = bytes.clone();
      notes = List.copyOf(notes);
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  private DialectConverter() {}

  /**
   * Converts {@code input} to {@code to}.
   *
   * @throws CoreDumpFormatException if {@code input} is not a valid coredump in any known layout
   *     (the error is the strict decoder's, or the detected layout's)
   */
  public static Result convert(byte[] input, Dialect to) throws CoreDumpFormatException {
    Dialect from = Dialect.detect(input).orElse(Dialect.SPEC);
    DecodedCoreDump decoded = CoreDumpDecoder.decodeWithFacts(input, from);
    List<String> notes = new ArrayList<>();
    CoreDump dump = decoded.dump();

    String process = dump.processName().orElse(null);
    if (process == null) {
      notes.add("no core section: the process name is unknown; written as \"\"");
      process = "";
    }
    List<String> modules = new ArrayList<>(dump.modules());
    List<Instance> instances = new ArrayList<>(dump.instances());
    List<CoreStack> threads = dump.threads();
    int frames = 0;
    for (CoreStack t : threads) {
      frames += t.frames().size();
    }

    if (!from.hasInstanceIndex() && frames > 0) {
      notes.add(
          "instance index unknown: written as 0 (" + Checks.count(frames, "frame", "frames")
              + "; the " + from.id() + " layout has none)");
    }
    if (!decoded.has(SectionKind.CORE_INSTANCES) && frames > 0 && to.hasInstanceIndex()) {
      if (modules.isEmpty()) {
        modules.add(UNKNOWN_MODULE);
      }
      instances.add(new Instance(0, indices(dump.memories().size()), indices(dump.globals().size())));
      notes.add(
          "no coreinstances section: wrote instance 0 of module 0 \"" + modules.get(0)
              + "\" holding every memory and global, for the frames to name");
      threads = pointAtInstanceZero(threads, notes);
    }

    if (from.hasInstanceIndex() && !to.hasInstanceIndex() && frames > 0) {
      notes.add("instance indices dropped: the " + to.id() + " layout has none");
    }
    if (!from.hasStacks() && to.hasStacks() && frames > 0) {
      notes.add("operand stacks unknown (the " + from.id() + " layout has none): written empty");
    }
    if (to == Dialect.WASMGDB || (!to.hasStacks() && from.hasStacks())) {
      threads = dropStacks(threads, to, notes);
    }
    if ((from == Dialect.WASMGDB || from == Dialect.FIXED_U32) && to != from && frames > 0) {
      notes.add(
          "code offsets copied as written: producers of " + from.id() + " files count them from"
              + " other origins (xtuc's runtime from the first instruction, WasmEdge as file"
              + " offsets for older frames); the specification counts from the start of the"
              + " function body");
    }

    CoreDump out =
        new CoreDump(
            Optional.of(process), modules, instances, dump.memories(), dump.globals(), threads);
    byte[] bytes = CoreDumpEncoder.encode(out, to);
    try {
      CoreDumpDecoder.decodeWithFacts(bytes, to);
    } catch (CoreDumpFormatException e) {
      throw new IllegalStateException("converted coredump does not decode: " + e.getMessage(), e);
    }
    return new Result(bytes, from, to, notes);
  }

  private static List<Integer> indices(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  /** Every frame rewritten to name instance 0; a note lists the indices that were replaced. */
  private static List<CoreStack> pointAtInstanceZero(List<CoreStack> threads, List<String> notes) {
    TreeSet<Long> replaced = new TreeSet<>();
    List<CoreStack> out = new ArrayList<>();
    for (CoreStack t : threads) {
      List<Frame> frames = new ArrayList<>();
      for (Frame f : t.frames()) {
        if (f.instanceIndex() != 0) {
          replaced.add(Integer.toUnsignedLong(f.instanceIndex()));
        }
        frames.add(new Frame(0, f.functionIndex(), f.codeOffset(), f.locals(), f.stack()));
      }
      out.add(new CoreStack(t.threadName(), frames));
    }
    if (!replaced.isEmpty()) {
      List<String> list = new ArrayList<>();
      replaced.forEach(i -> list.add(Long.toString(i)));
      notes.add(
          "frame instance " + (replaced.size() == 1 ? "index " : "indices ")
              + String.join(", ", list) + " named no instance (no coreinstances section):"
              + " written as 0");
    }
    return out;
  }

  /** Every frame with an empty operand stack; a note counts the values left out. */
  private static List<CoreStack> dropStacks(List<CoreStack> threads, Dialect to, List<String> notes) {
    long values = 0;
    int frames = 0;
    List<CoreStack> out = new ArrayList<>();
    for (CoreStack t : threads) {
      List<Frame> kept = new ArrayList<>();
      for (Frame f : t.frames()) {
        if (!f.stack().isEmpty()) {
          values += f.stack().size();
          frames++;
        }
        kept.add(new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(), f.locals(), List.of()));
      }
      out.add(new CoreStack(t.threadName(), kept));
    }
    if (values > 0) {
      String why =
          to == Dialect.WASMGDB
              ? "wasmgdb reads no operand stack values"
              : "the " + to.id() + " layout has no operand stack";
      notes.add(
          "operand stacks dropped: " + why + " (" + Checks.count(values, "value", "values")
              + " in " + Checks.count(frames, "frame", "frames") + ")");
    }
    return out;
  }
}
