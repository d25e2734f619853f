package dev.coroner.interpreter;

import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;

/**
 * How values occupy the interpreter's value stack: one {@code long} slot each, except a {@code
 * v128}, which takes two consecutive slots (bytes 0..7 as a little-endian long, then bytes
 * 8..15). Arguments and results of {@link Store#invoke} use the same layout.
 */
final class Slots {
  private Slots() {}

  /** Slots a value of type {@code t} takes: 2 for v128, else 1. */
  static int width(int t) {
    return t == ValType.V128 ? 2 : 1;
  }

  /** Slots of all of {@code types}. */
  static int of(byte[] types) {
    int n = 0;
    for (byte t : types) {
      n += width(t & 0xFF);
    }
    return n;
  }

  /** Slots of a function type's parameters. */
  static int params(FuncType t) {
    int n = 0;
    for (int i = 0; i < t.paramCount(); i++) {
      n += width(t.param(i));
    }
    return n;
  }

  /** Slots of a function type's results. */
  static int results(FuncType t) {
    int n = 0;
    for (int i = 0; i < t.resultCount(); i++) {
      n += width(t.result(i));
    }
    return n;
  }
}
