package dev.coroner.chicory.conformance;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.harness.Difference;
import dev.coroner.harness.StructuralDiff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies a producer's coredump for one case against the case's golden file: {@link
 * Verdict#EXACT} if the canonical bytes are identical, {@link Verdict#SAME_STATE} if only the bytes
 * differ, {@link Verdict#DIVERGENT} if every difference of state is one of the {@link
 * KnownDivergence}s (each named, with its detail), else {@link Verdict#WRONG} with the remaining
 * differences by section and field ({@link StructuralDiff}).
 *
 * <p>Reusable beyond Chicory: a scorecard for any producer can call {@link #classify(String,
 * byte[], byte[])} with the producer's bytes; the known divergences are those of this module's
 * Chicory adapter (its profile).
 */
public final class GoldenComparison {

  private GoldenComparison() {}

  /** Classifies {@code produced} (encoded canonically first) against the golden's bytes. */
  public static CaseResult classify(String name, CoreDump produced, byte[] golden) {
    byte[] bytes = CoreDumpEncoder.encode(produced);
    if (Arrays.equals(bytes, golden)) {
      return result(name, Verdict.EXACT, List.of(), List.of());
    }
    return compareStates(name, produced, decodeGolden(name, golden));
  }

  /**
   * Classifies a producer's coredump file against the golden's bytes; a file that does not decode
   * is {@link Verdict#WRONG}, with the decoder's message and byte offset.
   */
  public static CaseResult classify(String name, byte[] produced, byte[] golden) {
    if (Arrays.equals(produced, golden)) {
      return result(name, Verdict.EXACT, List.of(), List.of());
    }
    CoreDump actual;
    try {
      actual = CoreDumpDecoder.decode(produced);
    } catch (CoreDumpFormatException e) {
      return result(name, Verdict.WRONG, List.of(),
          List.of(new Difference("(file)", "decoding", "a valid coredump", e.getMessage())));
    }
    return compareStates(name, actual, decodeGolden(name, golden));
  }

  private static CoreDump decodeGolden(String name, byte[] golden) {
    try {
      return CoreDumpDecoder.decode(golden);
    } catch (CoreDumpFormatException e) {
      throw new IllegalArgumentException(
          "the golden of " + name + " is not a valid coredump: " + e.getMessage(), e);
    }
  }

  private static CaseResult compareStates(String name, CoreDump actual, CoreDump golden) {
    if (StructuralDiff.between(golden, actual).isEmpty()) {
      return result(name, Verdict.SAME_STATE, List.of(), List.of());
    }
    List<Divergence> found = new ArrayList<>();
    CoreDump current = actual;
    for (KnownDivergence kind : KnownDivergence.values()) {
      KnownDivergence.Normalized n = kind.normalize(golden, current);
      if (n != null) {
        found.add(new Divergence(kind, n.detail()));
        current = n.dump();
      }
    }
    List<Difference> rest = StructuralDiff.between(golden, current);
    return result(name, rest.isEmpty() ? Verdict.DIVERGENT : Verdict.WRONG, found, rest);
  }

  private static CaseResult result(
      String name, Verdict verdict, List<Divergence> divergences, List<Difference> rest) {
    return new CaseResult(name, verdict, divergences, rest, "");
  }
}
