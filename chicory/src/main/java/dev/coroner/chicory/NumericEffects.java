package dev.coroner.chicory;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operand-stack effects of the numeric, memory-access and conversion instructions of WebAssembly
 * 2.0 (without SIMD), derived from Chicory's {@link OpCode} names, which follow the spec's
 * ({@code I32_ADD} is {@code i32.add}, {@code F32_CONVERT_I64_S} is {@code f32.convert_i64_s}).
 *
 * <p>The effect of {@code T.op} is determined by the suffix after the type: arithmetic takes two
 * {@code T} and gives one, a comparison takes two and gives an i32, {@code T.op_U} conversions take
 * the type named in the suffix. Everything else (control, variables, calls, tables, bulk memory,
 * references) is handled by {@link OperandTypes} directly.
 */
final class NumericEffects {

  /** Pops (bottom to top) and pushes of one instruction. */
  record Effect(List<Kind> pops, List<Kind> pushes) {}

  private static final Set<String> BINARY =
      Set.of(
          "ADD", "SUB", "MUL", "DIV", "DIV_S", "DIV_U", "REM_S", "REM_U", "AND", "OR", "XOR",
          "SHL", "SHR_S", "SHR_U", "ROTL", "ROTR", "MIN", "MAX", "COPYSIGN");
  private static final Set<String> COMPARE =
      Set.of(
          "EQ", "NE", "LT", "GT", "LE", "GE", "LT_S", "LT_U", "GT_S", "GT_U", "LE_S", "LE_U",
          "GE_S", "GE_U");
  private static final Set<String> UNARY =
      Set.of(
          "CLZ", "CTZ", "POPCNT", "ABS", "NEG", "SQRT", "CEIL", "FLOOR", "TRUNC", "NEAREST",
          "EXTEND_8_S", "EXTEND_16_S", "EXTEND_32_S");

  private static final Map<OpCode, Effect> EFFECTS = build();

  private NumericEffects() {}

  /** The effect of {@code op}, or null if it is not a numeric or memory-access instruction. */
  static Effect of(OpCode op) {
    return EFFECTS.get(op);
  }

  private static Map<OpCode, Effect> build() {
    Map<OpCode, Effect> m = new EnumMap<>(OpCode.class);
    for (OpCode op : OpCode.values()) {
      Effect e = derive(op.name());
      if (e != null) {
        m.put(op, e);
      }
    }
    return m;
  }

  /** The effect named by {@code name}, e.g. {@code I64_LOAD32_U}; null if not of this family. */
  static Effect derive(String name) {
    Kind t = prefix(name);
    if (t == null) {
      return null;
    }
    String op = name.substring(4);
    if (op.equals("CONST")) {
      return new Effect(List.of(), List.of(t));
    }
    if (op.equals("EQZ")) {
      return new Effect(List.of(t), List.of(Kind.I32));
    }
    if (BINARY.contains(op)) {
      return new Effect(List.of(t, t), List.of(t));
    }
    if (COMPARE.contains(op)) {
      return new Effect(List.of(t, t), List.of(Kind.I32));
    }
    if (UNARY.contains(op)) {
      return new Effect(List.of(t), List.of(t));
    }
    if (op.startsWith("LOAD")) {
      return new Effect(List.of(Kind.I32), List.of(t));
    }
    if (op.startsWith("STORE")) {
      return new Effect(List.of(Kind.I32, t), List.of());
    }
    // Conversions: T_WORD_SOURCE or T_WORD_SOURCE_S/U, e.g. I32_TRUNC_SAT_F64_U, F32_DEMOTE_F64.
    String[] parts = op.split("_");
    for (int i = 1; i < parts.length; i++) {
      Kind source = prefix(parts[i] + "_");
      boolean last = i == parts.length - 1;
      boolean signed = i == parts.length - 2 && (parts[i + 1].equals("S") || parts[i + 1].equals("U"));
      if (source != null && (last || signed)) {
        return new Effect(List.of(source), List.of(t));
      }
    }
    return null;
  }

  private static Kind prefix(String name) {
    if (name.startsWith("I32_")) {
      return Kind.I32;
    }
    if (name.startsWith("I64_")) {
      return Kind.I64;
    }
    if (name.startsWith("F32_")) {
      return Kind.F32;
    }
    if (name.startsWith("F64_")) {
      return Kind.F64;
    }
    return null;
  }
}
