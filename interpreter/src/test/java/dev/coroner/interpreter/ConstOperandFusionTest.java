package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code i32.const c} followed by {@code i32.and}, {@code i32.shl}, {@code i32.shr_u} or {@code
 * i32.rotl} runs as one super-instruction ({@link Op#I32_BINOP_CONST}); the other i32 binary
 * operators stay two instructions. Either way the results must be those of the two instructions
 * run apart: each operator is checked against Java's own operators and against the unfused form
 * (the constant passed as a parameter instead), for constants at the shift and sign boundaries and
 * arbitrary operands.
 */
class ConstOperandFusionTest {
  private static final int[] CONSTANTS = {
    0, 1, 2, 7, 16, 31, 32, 33, 63, 64, -1, -31, -32, -33, 0x7fffffff, 0x80000000, 0x1234_5678
  };

  private enum Case {
    SUB(Instruction.I32_SUB, (a, b) -> a - b),
    MUL(Instruction.I32_MUL, (a, b) -> a * b),
    AND(Instruction.I32_AND, (a, b) -> a & b),
    OR(Instruction.I32_OR, (a, b) -> a | b),
    XOR(Instruction.I32_XOR, (a, b) -> a ^ b),
    SHL(Instruction.I32_SHL, (a, b) -> a << (b & 31)),
    SHR_S(Instruction.I32_SHR_S, (a, b) -> a >> (b & 31)),
    SHR_U(Instruction.I32_SHR_U, (a, b) -> a >>> (b & 31)),
    ROTL(Instruction.I32_ROTL, (a, b) -> (a << (b & 31)) | (a >>> ((32 - (b & 31)) & 31))),
    ROTR(Instruction.I32_ROTR, (a, b) -> (a >>> (b & 31)) | (a << ((32 - (b & 31)) & 31)));

    final Instruction in;
    final IntBinaryOperator java;

    Case(Instruction in, IntBinaryOperator java) {
      this.in = in;
      this.java = java;
    }

    boolean fused() {
      return this == AND || this == SHL || this == SHR_U || this == ROTL;
    }
  }

  @Test
  void anOperatorWithAConstantComputesWhatTheTwoInstructionsCompute() {
    Store store = new Store();
    for (Case k : Case.values()) {
      Instance unfused = store.instantiate(Wat.module("(module (func (export \"f\")"
          + " (param i32 i32) (result i32) local.get 0 local.get 1 " + k.in.text() + "))"));
      for (int c : CONSTANTS) {
        WasmModule m = Wat.module("(module (func (export \"f\") (param i32) (result i32)"
            + " local.get 0 i32.const " + c + " " + k.in.text() + "))");
        int[] code = m.compiled(0).code;
        assertEquals(k.fused(), contains(code, Op.I32_BINOP_CONST + (k.in.code() - Op.I32_ADD)),
            k.in.text() + " with i32.const " + c + ": fused?");
        assertEquals(!k.fused(), contains(code, k.in.code()), k.in.text() + " left in the code?");
        Instance fused = store.instantiate(m);
        qt().withExamples(200).forAll(integers().all()).checkAssert(a -> {
          int want = k.java.applyAsInt(a, c);
          assertEquals(want, (int) fused.invoke("f", a)[0], k.in.text() + " " + a + ", " + c);
          assertEquals(want, (int) unfused.invoke("f", a, c)[0], k.in.text() + " unfused");
        });
      }
    }
  }

  @Test
  void divisionsAndRemaindersStayUnfusedSoTheyTrapWithTheirOperands() {
    Instruction[] divisions = {
      Instruction.I32_DIV_S, Instruction.I32_DIV_U, Instruction.I32_REM_S, Instruction.I32_REM_U
    };
    for (Instruction in : divisions) {
      WasmModule m = Wat.module("(module (func (export \"f\") (param i32) (result i32)"
          + " local.get 0 i32.const 0 " + in.text() + "))");
      assertTrue(contains(m.compiled(0).code, in.code()), in.text() + " was fused");
      Instance inst = new Store().instantiate(m);
      TrapException t = assertThrows(TrapException.class, () -> inst.invoke("f", 7));
      assertEquals("integer divide by zero", t.specMessage());
    }
  }

  private static boolean contains(int[] code, int op) {
    for (int x : code) {
      if (x == op) {
        return true;
      }
    }
    return false;
  }
}
