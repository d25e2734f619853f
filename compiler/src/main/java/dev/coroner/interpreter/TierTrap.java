package dev.coroner.interpreter;

/**
 * A trap raised by compiled code itself (not by an instruction's semantics): unreachable, a failed
 * indirect call, a refused call, an interruption. Like {@link
 * dev.coroner.interpreter.semantics.Trap} it carries no position; the method's handler turns it
 * into a {@link TrapException} at its site. Without a stack trace.
 */
final class TierTrap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String specMessage;
  final String suffix;
  final String detail;
  /**
   * True when the trap happens before a call, with the call's operands still on the stack: the
   * handler then uses the call's full-stack site instead of the one below the arguments.
   */
  final boolean beforeCall;

  TierTrap(String specMessage, String suffix, String detail, boolean beforeCall) {
    super(specMessage, null, false, false);
    this.specMessage = specMessage;
    this.suffix = suffix;
    this.detail = detail;
    this.beforeCall = beforeCall;
  }
}
