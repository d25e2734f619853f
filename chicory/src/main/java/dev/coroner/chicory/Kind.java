package dev.coroner.chicory;

import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinds of value a coredump tells apart: the four number types, v128 (two of Chicory's stack
 * slots, written as missing) and references (written as missing).
 */
enum Kind {
  I32,
  I64,
  F32,
  F64,
  V128,
  REF;

  /** Slots the value takes in Chicory's operand stack and locals. */
  int slots() {
    return this == V128 ? 2 : 1;
  }

  /** The kind of a Chicory value type. */
  static Kind of(ValType t) {
    return ofOpcode(t.opcode());
  }

  /** The kind of a value type given by its binary code (references: any reference code). */
  static Kind ofOpcode(int opcode) {
    switch (opcode) {
      case ValType.ID.I32:
        return I32;
      case ValType.ID.I64:
        return I64;
      case ValType.ID.F32:
        return F32;
      case ValType.ID.F64:
        return F64;
      case ValType.ID.V128:
        return V128;
      default:
        return REF;
    }
  }

  static List<Kind> of(List<ValType> types) {
    List<Kind> out = new ArrayList<>(types.size());
    for (ValType t : types) {
      out.add(of(t));
    }
    return out;
  }

  static int slots(List<Kind> kinds) {
    int n = 0;
    for (Kind k : kinds) {
      n += k.slots();
    }
    return n;
  }
}
