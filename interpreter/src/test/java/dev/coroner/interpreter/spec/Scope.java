package dev.coroner.interpreter.spec;

import java.util.List;

/**
 * Which files of the WebAssembly 3.0 suite test a feature this interpreter does not implement, and
 * which feature: garbage collection, exception handling, typed function references and relaxed
 * SIMD (out of scope for issue 11). Fixed-width SIMD is implemented and its files run. A file is named
 * here only when its subject is that feature, or when commands of it need the feature (the reason
 * then says so); every other file must pass.
 */
final class Scope {
  private record Rule(String feature, List<String> prefixes) {}

  private static final String GC = "garbage collection";
  private static final String EH = "exception handling";
  private static final String FUNC_REFS = "typed function references";
  private static final String RELAXED = "relaxed SIMD";

  private static final List<Rule> RULES = List.of(
      new Rule(GC, List.of("array", "struct", "i31", "ref_cast", "ref_test", "ref_eq",
          "br_on_cast", "type-canon", "type-equivalence", "type-rec", "type-subtyping",
          "binary-gc", "extern")),
      new Rule(EH, List.of("throw", "throw_ref", "try_table", "tag", "legacy/")),
      new Rule(FUNC_REFS, List.of("call_ref", "return_call_ref", "ref_as_non_null",
          "br_on_null", "br_on_non_null", "local_init")),
      new Rule(RELAXED, List.of("relaxed_", "i16x8_relaxed", "i32x4_relaxed", "i8x16_relaxed")));

  private Scope() {}

  /** The out-of-scope feature {@code rel} tests, or null if the file is in scope. */
  static String notImplemented(String rel) {
    String stem = rel.endsWith(".wast") ? rel.substring(0, rel.length() - 5) : rel;
    for (Rule r : RULES) {
      for (String p : r.prefixes()) {
        boolean prefix = p.endsWith("/") || p.endsWith("_");
        if (prefix ? stem.startsWith(p) : stem.equals(p) || stem.startsWith(p + "_")) {
          return r.feature();
        }
      }
    }
    return null;
  }
}
