package dev.coroner.harness.v8;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The documented exceptions of the V8 cross-check, each explained in {@code
 * docs/coredump-format.md} section 7 ("Cross-checks with other engines: documented exceptions").
 * Any other difference is a disagreement.
 */
public enum V8Deviation {

  /**
   * V8 ran out of stack ({@code RangeError}). V8 lists a frame for the callee whose prologue
   * overflowed, at code offset 0 of its body (the local-declaration count, never an instruction);
   * it is dropped, and the comparison starts at the first frame that ran an instruction. V8's
   * stack is also deeper than Coroner's fixture limit (100 frames), so the golden's frames are
   * compared with V8's oldest ones, call depth for call depth.
   */
  STACK_EXHAUSTION("stack exhaustion"),

  /**
   * The fixture imports a host module V8 does not have ({@link #UNAVAILABLE_HOST_MODULES}); the
   * commands from that module on cannot run in V8 and their dumps are not compared.
   */
  HOST_MODULE("host module V8 lacks"),

  /**
   * The fixture uses a WebAssembly 3.0 feature that this Node.js's V8 cannot compile, even with
   * the experimental flags the cross-check passes ({@link Node#FEATURE_FLAGS}): Node 20 (V8 11.3)
   * has no multiple memories. Recognised only by V8's own compile error ({@link
   * #FEATURES_V8_LACKS}); from that module on the fixture's dumps are not compared.
   */
  WASM_FEATURE("WebAssembly 3.0 feature V8 lacks");

  /**
   * V8's compile errors for WebAssembly 3.0 features it does not implement or enable, and the
   * feature each names. Any other compile error is a failure.
   */
  public static final Map<String, String> FEATURES_V8_LACKS = features();

  private static Map<String, String> features() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("exceeds internal limit of 1", "multiple memories");
    m.put("invalid memory limits flags 0x4", "64-bit memories");
    m.put("is not allowed in constant expressions", "extended constant expressions");
    return Map.copyOf(m);
  }

  /** The feature V8 lacks according to its compile error {@code message}, if it is one. */
  public static Optional<String> featureV8Lacks(String message) {
    if (!message.contains("CompileError")) {
      return Optional.empty();
    }
    return FEATURES_V8_LACKS.entrySet().stream()
        .filter(e -> message.contains(e.getKey())).map(Map.Entry::getValue).findFirst();
  }

  /**
   * Host modules of Coroner's fixtures that V8 does not have: {@code coroner} ({@code
   * call_table} calls into the caller's unexported table, which no JavaScript function can reach).
   */
  public static final Set<String> UNAVAILABLE_HOST_MODULES = Set.of("coroner");

  private final String label;

  V8Deviation(String label) {
    this.label = label;
  }

  /** How reports name it. */
  public String label() {
    return label;
  }
}
