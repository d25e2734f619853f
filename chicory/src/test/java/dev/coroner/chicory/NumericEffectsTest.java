package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stack effects derived from Chicory's opcode names, against the spec's instruction types. */
class NumericEffectsTest {

  private static NumericEffects.Effect effect(List<Kind> pops, List<Kind> pushes) {
    return new NumericEffects.Effect(pops, pushes);
  }

  @Test
  void everyNumericAndMemoryAccessInstructionOfWasm2HasAnEffect() {
    List<String> missing = new ArrayList<>();
    for (OpCode op : OpCode.values()) {
      int code = op.opcode();
      boolean memory = code >= 0x28 && code <= 0x3E; // loads and stores
      boolean numeric = code >= 0x41 && code <= 0xC4; // consts, tests, arithmetic, conversions
      boolean saturating = code >= 0xFC00 && code <= 0xFC07;
      if ((memory || numeric || saturating) && NumericEffects.of(op) == null) {
        missing.add(op.name());
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void effectsAsTheSpecTypesThem() {
    List<Kind> i32 = List.of(Kind.I32);
    List<Kind> i64 = List.of(Kind.I64);
    assertEquals(effect(i32, i64), NumericEffects.of(OpCode.I64_LOAD32_U)); // [i32] -> [i64]
    assertEquals(effect(List.of(Kind.I32, Kind.F64), List.of()),
        NumericEffects.of(OpCode.F64_STORE)); // [i32 f64] -> []
    assertEquals(effect(i64, i32), NumericEffects.of(OpCode.I32_WRAP_I64));
    assertEquals(effect(i32, i64), NumericEffects.of(OpCode.I64_EXTEND_I32_U));
    assertEquals(effect(i64, i64), NumericEffects.of(OpCode.I64_EXTEND_32_S));
    assertEquals(effect(List.of(Kind.F64), List.of(Kind.F32)),
        NumericEffects.of(OpCode.F32_DEMOTE_F64));
    assertEquals(effect(List.of(Kind.F64), i32), NumericEffects.of(OpCode.I32_TRUNC_SAT_F64_U));
    assertEquals(effect(List.of(Kind.F32), i32), NumericEffects.of(OpCode.I32_REINTERPRET_F32));
    assertEquals(effect(i64, i32), NumericEffects.of(OpCode.I64_EQZ));
    assertEquals(effect(List.of(Kind.F32, Kind.F32), i32), NumericEffects.of(OpCode.F32_LT));
    assertEquals(effect(List.of(Kind.F64, Kind.F64), List.of(Kind.F64)),
        NumericEffects.of(OpCode.F64_COPYSIGN));
    assertEquals(effect(List.of(), List.of(Kind.F32)), NumericEffects.of(OpCode.F32_CONST));
    assertEquals(effect(i64, i64), NumericEffects.of(OpCode.I64_POPCNT));
  }

  @Test
  void atomicVectorAndOtherInstructionsAreLeftToTheCaller() {
    for (OpCode op : OpCode.values()) {
      String n = op.name();
      if (n.contains("ATOMIC") || n.contains("X4") || n.contains("X2") || n.contains("X8")
          || n.contains("X16") || n.startsWith("V128")) {
        assertNull(NumericEffects.of(op), n);
      }
    }
    assertNull(NumericEffects.of(OpCode.CALL));
    assertNull(NumericEffects.of(OpCode.LOCAL_GET));
    assertNotNull(NumericEffects.of(OpCode.I32_ADD));
    assertNull(NumericEffects.derive("I32_FROBNICATE"));
  }
}
