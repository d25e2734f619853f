package dev.coroner.harness.kit;

import dev.coroner.coredump.CanonicalCheck;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.DecodedCoreDump;
import dev.coroner.coredump.Dialect;
import dev.coroner.harness.Difference;
import dev.coroner.harness.StructuralDiff;
import dev.coroner.harness.golden.GoldenId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Judges one dump against its golden under a profile: identical bytes are {@code exact}; a dump
 * that decodes strictly to the golden's state is {@code same state}; one whose remaining
 * differences the profile's {@link Allowance}s all explain is {@code allowed divergence}; anything
 * else is {@code wrong}, naming the first field that differs ({@link StructuralDiff}) or why the
 * file is not a specification coredump (another producer's layout is named, as {@code coroner
 * validate} names it).
 */
public final class CaseScorer {

  private CaseScorer() {}

  /**
   * The verdict on {@code actual} (null: no dump) for the case {@code id} whose golden is {@code
   * goldenBytes}, decoded as {@code golden}.
   *
   * @param others profiles to try on a wrong dump, to say which would accept it
   */
  public static CaseVerdict score(
      GoldenId id, byte[] goldenBytes, CoreDump golden, byte[] actual, Profile profile,
      Collection<Profile> others) {
    if (actual == null) {
      return verdict(id, CaseVerdict.Kind.MISSING, List.of(), List.of(), List.of(),
          List.of("no dump"), List.of());
    }
    if (Arrays.equals(goldenBytes, actual)) {
      return verdict(id, CaseVerdict.Kind.EXACT, List.of(), List.of(), List.of(), List.of(),
          List.of());
    }
    DecodedCoreDump decoded;
    try {
      decoded = CoreDumpDecoder.decodeWithFacts(actual);
    } catch (CoreDumpFormatException e) {
      return verdict(id, CaseVerdict.Kind.WRONG, List.of(), List.of(), List.of(),
          List.of(whyInvalid(actual, e)), List.of());
    }
    List<String> encoding = encoding(decoded, actual);
    CoreDump dump = decoded.dump();
    if (StructuralDiff.between(golden, dump).isEmpty()) {
      return verdict(id, CaseVerdict.Kind.SAME_STATE, List.of(), encoding, List.of(), List.of(),
          List.of());
    }
    List<String> applied = new ArrayList<>();
    List<Difference> remaining = StructuralDiff.between(golden, apply(profile, golden, dump, applied));
    if (remaining.isEmpty()) {
      return verdict(id, CaseVerdict.Kind.ALLOWED, applied, encoding, List.of(), List.of(),
          List.of());
    }
    List<String> allowedBy = new ArrayList<>();
    for (Profile other : others) {
      if (!other.name().equals(profile.name())
          && StructuralDiff.between(golden, apply(other, golden, dump, new ArrayList<>()))
              .isEmpty()) {
        allowedBy.add(other.name());
      }
    }
    return verdict(id, CaseVerdict.Kind.WRONG, List.of(), encoding, remaining, List.of(),
        allowedBy);
  }

  /** {@code dump} with each of the profile's allowances applied in turn; names them in {@code applied}. */
  static CoreDump apply(Profile profile, CoreDump golden, CoreDump dump, List<String> applied) {
    CoreDump current = dump;
    for (Allowance a : profile.allowances()) {
      Optional<CoreDump> normalized = a.normalize(golden, current);
      if (normalized.isPresent()) {
        current = normalized.get();
        applied.add(a.name());
      }
    }
    return current;
  }

  /** Why the bytes are not canonical, as {@link CanonicalCheck} codes (state reasons left out). */
  private static List<String> encoding(DecodedCoreDump decoded, byte[] bytes) {
    List<String> out = new ArrayList<>();
    for (CanonicalCheck.Reason r : CanonicalCheck.check(decoded, bytes).reasons()) {
      switch (r.code()) {
        case MUTABLE_GLOBAL:
        case ABSENT_INDEX:
        case MISSING_CORE:
          break; // state, judged by the structural comparison
        default:
          if (!out.contains(r.code().name())) {
            out.add(r.code().name());
          }
      }
    }
    return out;
  }

  /** One line: another producer's frame layout by name, else the strict decoder's error. */
  static String whyInvalid(byte[] bytes, CoreDumpFormatException e) {
    Optional<Dialect> dialect = Dialect.detect(bytes);
    if (dialect.isPresent() && dialect.get() != Dialect.SPEC) {
      return "corestack: uses " + dialect.get().description()
          + "; not a specification coredump ('coroner convert' rewrites it)";
    }
    return "file: not a valid coredump: " + e.getMessage();
  }

  private static CaseVerdict verdict(
      GoldenId id, CaseVerdict.Kind kind, List<String> allowances, List<String> encoding,
      List<Difference> differences, List<String> problems, List<String> allowedBy) {
    return new CaseVerdict(id, kind, allowances, encoding, differences, problems, allowedBy);
  }
}
