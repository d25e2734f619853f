package dev.coroner.harness.encoder;

import dev.coroner.coredump.CanonicalCheck;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.DecodedCoreDump;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Value;
import dev.coroner.harness.Difference;
import dev.coroner.harness.StructuralDiff;
import java.util.ArrayList;
import dev.coroner.harness.ByteExcerpt;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Compares an encoder's output with a golden: identical bytes pass; otherwise the output is
 * decoded strictly, the allowed divergences of its state (mutability, omitted values) are
 * normalized to the golden's and recorded, the states are compared with {@link StructuralDiff},
 * and the byte-level reasons the output is not canonical ({@link CanonicalCheck}) are mapped to
 * allowed divergences or, if none fits, to failures.
 */
public final class Comparison {

  private final Set<Divergence> divergences = EnumSet.noneOf(Divergence.class);
  private final List<String> problems = new ArrayList<>();

  private Comparison() {}

  /** The verdict on {@code actual} for the golden {@code name} whose state is {@code golden}. */
  static GoldenResult compare(
      String name, byte[] goldenBytes, CoreDump golden, byte[] actual, Mode mode) {
    if (Arrays.equals(goldenBytes, actual)) {
      return new GoldenResult(name, Outcome.PASS, Set.of(), List.of(), List.of(), "");
    }
    String excerpt = ByteExcerpt.describe(goldenBytes, actual).stripTrailing();
    DecodedCoreDump decoded;
    try {
      decoded = CoreDumpDecoder.decodeWithFacts(actual);
    } catch (CoreDumpFormatException e) {
      return new GoldenResult(
          name, Outcome.FAIL, Set.of(), List.of(),
          List.of("output does not decode: " + e.getMessage()), excerpt);
    }
    Comparison c = new Comparison();
    CoreDump normalized = c.normalize(golden, decoded.dump());
    List<Difference> differences = StructuralDiff.between(golden, normalized);
    if (differences.isEmpty()) {
      c.explainBytes(decoded, actual);
      if (c.divergences.isEmpty() && c.problems.isEmpty()) {
        c.problems.add(
            "the bytes differ from the golden's, but decode to the same state and are canonical "
                + "(is the golden itself canonical?)");
      }
    }
    Outcome outcome;
    if (!differences.isEmpty() || !c.problems.isEmpty()) {
      outcome = Outcome.FAIL;
    } else if (mode == Mode.SEMANTIC) {
      outcome = Outcome.DIVERGENT;
    } else {
      outcome = Outcome.FAIL;
      c.problems.add("not byte-identical (exact mode); semantically only divergent");
    }
    return new GoldenResult(name, outcome, c.divergences, differences, c.problems, excerpt);
  }

  /** An encoder that threw: a failure with its message. */
  static GoldenResult encoderError(String name, Exception e) {
    String problem =
        e instanceof EncoderException ? "encoder error: " + e.getMessage() : "encoder threw " + e;
    return new GoldenResult(name, Outcome.FAIL, Set.of(), List.of(), List.of(problem), "");
  }

  /**
   * {@code actual} with the allowed state divergences replaced by the golden's values, recording
   * each one found. Parts that do not line up (different counts) are left for the diff to report.
   */
  private CoreDump normalize(CoreDump golden, CoreDump actual) {
    List<Global> globals = new ArrayList<>(actual.globals());
    if (globals.size() == golden.globals().size()) {
      for (int i = 0; i < globals.size(); i++) {
        Global g = golden.globals().get(i);
        if (globals.get(i).mutable() != g.mutable()) {
          divergences.add(Divergence.GLOBAL_MUTABILITY);
          globals.set(i, globals.get(i).withMutable(g.mutable()));
        }
      }
    }
    List<CoreStack> threads = new ArrayList<>(actual.threads());
    if (threads.size() == golden.threads().size()) {
      for (int t = 0; t < threads.size(); t++) {
        threads.set(t, normalize(golden.threads().get(t), threads.get(t)));
      }
    }
    return new CoreDump(
        actual.processName(), actual.modules(), actual.instances(), actual.memories(), globals,
        threads);
  }

  private CoreStack normalize(CoreStack golden, CoreStack actual) {
    if (golden.frames().size() != actual.frames().size()) {
      return actual;
    }
    List<Frame> frames = new ArrayList<>();
    for (int f = 0; f < actual.frames().size(); f++) {
      Frame g = golden.frames().get(f);
      Frame a = actual.frames().get(f);
      List<Value> locals = a.locals();
      if (omits(g.locals(), a.locals())) {
        divergences.add(Divergence.LOCALS_OMITTED);
        locals = g.locals();
      }
      List<Value> stack = a.stack();
      if (omits(g.stack(), a.stack())) {
        divergences.add(Divergence.STACK_OMITTED);
        stack = g.stack();
      }
      frames.add(new Frame(a.instanceIndex(), a.functionIndex(), a.codeOffset(), locals, stack));
    }
    return new CoreStack(actual.threadName(), frames);
  }

  /**
   * Whether {@code actual} omits the golden's values: it is empty where the golden's is not, or
   * has the same length with every value missing where the golden has at least one value.
   */
  public static boolean omits(List<Value> golden, List<Value> actual) {
    if (golden.equals(actual)) {
      return false;
    }
    if (actual.isEmpty()) {
      return true;
    }
    return actual.size() == golden.size() && actual.stream().allMatch(Value::isMissing);
  }

  /** Maps why the output's bytes are not canonical to allowed divergences or problems. */
  private void explainBytes(DecodedCoreDump decoded, byte[] actual) {
    for (CanonicalCheck.Reason r : CanonicalCheck.check(decoded, actual).reasons()) {
      switch (r.code()) {
        case SECTION_ORDER:
          divergences.add(Divergence.SECTION_ORDER);
          break;
        case MISSING_SECTION:
          // The state matched the golden's, so what the absent section would hold is empty.
          divergences.add(Divergence.EMPTY_SECTION_OMITTED);
          break;
        case DATA_LAYOUT:
        case DATA_SEGMENT_HEADER:
          divergences.add(Divergence.DATA_SEGMENTATION);
          break;
        case MUTABLE_GLOBAL:
          divergences.add(Divergence.GLOBAL_MUTABILITY);
          break;
        case NON_MINIMAL_LEB:
          divergences.add(Divergence.NON_MINIMAL_LEB128);
          break;
        default: // MISSING_CORE, FOREIGN_SECTION, ABSENT_INDEX, REENCODING_DIFFERS
          problems.add("not an allowed divergence: " + r);
          break;
      }
    }
  }
}
