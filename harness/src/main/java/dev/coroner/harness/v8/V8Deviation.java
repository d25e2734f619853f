package dev.coroner.harness.v8;

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
  HOST_MODULE("host module V8 lacks");

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
