package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operand kinds replayed at a {@code nop} placed where the test looks, checked against the
 * stack the WebAssembly validation rules give at that point.
 */
class OperandTypesTest {

  /** Kinds before the first {@code nop} of the last function of {@code wat}. */
  private static List<Kind> atNop(String wat) {
    Instance instance = Instance.builder(Parser.parse(Wat.compile(wat))).withStart(false).build();
    int func = instance.functionCount() - 1;
    var code = instance.function(func).instructions();
    for (int i = 0; i < code.size(); i++) {
      if (code.get(i).opcode() == OpCode.NOP) {
        return OperandTypes.before(instance, func, i);
      }
    }
    throw new AssertionError("no nop");
  }

  @Test
  void numericInstructionsAndLocals() {
    assertEquals(List.of(Kind.I64, Kind.I32, Kind.F64),
        atNop("(module (func (param i64) (local f32)"
            + " local.get 0 i32.const 1 i32.const 2 i32.add"
            + " local.get 1 f64.promote_f32 nop unreachable))"));
  }

  @Test
  void blockParamsAndResultsOfMultiValueBlocks() {
    assertEquals(List.of(Kind.F32, Kind.I32, Kind.I64),
        atNop("(module (type $t (func (param i32) (result i32 i64)))"
            + " (func f32.const 0 i32.const 1"
            + "   (block (type $t) (i64.const 2))"
            + "   nop unreachable))"));
  }

  @Test
  void codeAfterAnUnconditionalBranchIsSkippedUntilItsEnd() {
    assertEquals(List.of(Kind.I32, Kind.F64),
        atNop("(module (func (result i32)"
            + " (block (result i32) (i32.const 1) (br 0) (f32.const 9) (drop) (i32.const 3))"
            + " (f64.const 2) nop unreachable))"));
  }

  @Test
  void theElseBranchStartsFromTheBlockParameters() {
    assertEquals(List.of(Kind.I64),
        atNop("(module (func (param i32)"
            + " (if (local.get 0) (then (i64.const 1) (drop)) (else (i64.const 2) nop (drop)))))"));
  }

  @Test
  void callsAndIndirectCallsAndSelect() {
    assertEquals(List.of(Kind.F32, Kind.I64, Kind.I32),
        atNop("(module (type $t (func (param i32) (result i64)))"
            + " (table 1 funcref) (global $g (mut i32) (i32.const 0))"
            + " (func $f (param f64) (result f32) f32.const 0)"
            + " (func (f64.const 1) (call $f)"
            + "   (call_indirect (type $t) (i32.const 1) (i32.const 0))"
            + "   (select (global.get $g) (i32.const 2) (i32.const 3))"
            + "   nop unreachable))"));
  }

  @Test
  void memoryTableAndReferenceInstructions() {
    assertEquals(List.of(Kind.I32, Kind.I32, Kind.REF, Kind.I32),
        atNop("(module (memory 1) (table 1 funcref)"
            + " (func memory.size (memory.grow (i32.const 0)) (ref.null func)"
            + "   (ref.is_null (table.get (i32.const 0))) nop unreachable))"));
  }

  @Test
  void anInstructionThatIsNotModelledMakesTheAnswerUnknown() {
    assertNull(atNop("(module (func (v128.const i32x4 0 0 0 0) (drop) nop))"));
  }
}
