package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

/**
 * Every kind of trap points at its own instruction, with the operands that caused it still on the
 * captured stack.
 */
class TrapPositionTest {
  /** A case: the function body (after a marker {@code i32.const 77}), the expected message, the
   * opcode bytes that start the trapping instruction, and the expected stack. */
  record Case(String body, String message, int[] pattern, List<Value> stack) {}

  private static Case c(String body, String message, List<Value> stack, int... pattern) {
    return new Case(body, message, pattern, stack);
  }

  @TestFactory
  Stream<DynamicTest> trapsPointAtTheTrappingInstruction() {
    Value m = Value.i32(77);
    return Stream.of(
        c("unreachable", "unreachable", List.of(m), 0x00),
        c("i32.const 1 i32.const 0 i32.rem_u drop", "integer divide by zero",
            List.of(m, Value.i32(1), Value.i32(0)), 0x70),
        c("i64.const 1 i64.const 0 i64.div_s drop", "integer divide by zero",
            List.of(m, Value.i64(1), Value.i64(0)), 0x7F),
        c("i32.const 0x80000000 i32.const -1 i32.div_s drop", "integer overflow",
            List.of(m, Value.i32(Integer.MIN_VALUE), Value.i32(-1)), 0x6D),
        c("f32.const nan i32.trunc_f32_s drop", "invalid conversion to integer",
            List.of(m, Value.f32Bits(0x7FC00000)), 0xA8),
        c("f64.const 1e30 i64.trunc_f64_u drop", "integer overflow",
            List.of(m, Value.f64(1e30)), 0xB1),
        c("i32.const 65534 i32.load offset=1 drop", "out of bounds memory access",
            List.of(m, Value.i32(65534)), 0x28, 0x02, 0x01),
        c("local.get 0 i64.trunc_f64_s i32.wrap_i64 i32.const 65535 i32.add local.set 1"
                + " nop i32.const 5 drop local.get 1 i32.load offset=1 drop",
            "out of bounds memory access", List.of(m, Value.i32(65535)), 0x28, 0x02, 0x01),
        c("i32.const 65535 i64.const 3 i64.store16 offset=0 ", "out of bounds memory access",
            List.of(m, Value.i32(65535), Value.i64(3)), 0x3D),
        c("i32.const 10 i32.const 1 i32.const 65530 memory.fill", "out of bounds memory access",
            List.of(m, Value.i32(10), Value.i32(1), Value.i32(65530)), 0xFC, 0x0B),
        c("i32.const 0 i32.const 0 i32.const 3 memory.init 0", "out of bounds memory access",
            List.of(m, Value.i32(0), Value.i32(0), Value.i32(3)), 0xFC, 0x08),
        c("i32.const 5 table.get 0 drop", "out of bounds table access",
            List.of(m, Value.i32(5)), 0x25),
        c("i32.const 0 ref.null func i32.const 3 table.fill 0", "out of bounds table access",
            List.of(m, Value.i32(0), Value.MISSING, Value.i32(3)), 0xFC, 0x11),
        c("i32.const 9 call_indirect (type 0)", "undefined element",
            List.of(m, Value.i32(9)), 0x11),
        c("i32.const 1 call_indirect (type 0)", "uninitialized element",
            List.of(m, Value.i32(1)), 0x11),
        c("i64.const 4 i32.const 0 call_indirect (type 1)", "indirect call type mismatch",
            List.of(m, Value.i64(4), Value.i32(0)), 0x11))
        .map(k -> DynamicTest.dynamicTest(k.message() + ": " + k.body(), () -> check(k)));
  }

  @org.junit.jupiter.api.Test
  void fusedLocalLoadTrapsLikeTheLoadAlone() {
    WasmModule m = Wat.module("(module (memory 1) (func (export \"f\") (param i32) (result i32)"
        + " i32.const 1 drop local.get 0 i32.load offset=4))");
    int[] code = m.compiled(0).code;
    assertEquals(true, java.util.Arrays.stream(code).anyMatch(op -> op == Op.I32_LOAD_LOCAL));
    Store store = new Store(StoreConfig.defaults().withCapture("fused"));
    Instance inst = store.instantiate(m);
    assertEquals(0, inst.invoke("f", 0)[0]);
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("f", 65533));
    Frame f = t.coreDump().orElseThrow().threads().get(0).frames().get(0);
    assertEquals(List.of(Value.i32(65533)), f.stack());
    assertEquals(List.of(Value.i32(65533)), f.locals());
    assertEquals(Bodies.offset(Wat.bytes("(module (memory 1) (func (export \"f\") (param i32)"
        + " (result i32) i32.const 1 drop local.get 0 i32.load offset=4))"), 0, 2, 0x20, 0x00, 0x28),
        f.codeOffset());
  }

  private static void check(Case k) {
    byte[] bytes = Wat.bytes("(module (type (func)) (type (func (param i64)))"
        + " (memory 1) (data \"ab\") (table 2 funcref) (elem (i32.const 0) $nop)"
        + " (func $nop)"
        + " (func (export \"f\") (local f64 i32) i32.const 77 " + k.body() + " drop))");
    Store store = new Store(StoreConfig.defaults().withCapture("positions"));
    Instance inst = store.instantiate(WasmModule.parse(bytes));
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("f"));
    assertEquals(k.message(), t.specMessage(), t.getMessage());
    Frame f = t.coreDump().orElseThrow().threads().get(0).frames().get(0);
    assertEquals(1, f.functionIndex());
    // The marker i32.const 77 is 41 cd 00; the trapping instruction is the first match after it.
    int marker = Bodies.offset(bytes, 1, 0, 0x41, 0xCD, 0x00);
    int[] p = k.pattern();
    int start = Bodies.start(bytes, 1);
    int expected = -1;
    for (int i = start + marker + 3; i + p.length <= bytes.length && expected < 0; i++) {
      boolean match = true;
      for (int j = 0; j < p.length; j++) {
        match &= (bytes[i + j] & 0xFF) == p[j];
      }
      if (match) {
        expected = i - start;
      }
    }
    assertEquals(expected, f.codeOffset());
    // The table agrees that the instruction there can trap.
    String name = inst.module().instructionAt(1, f.codeOffset()).orElseThrow();
    assertTrue(java.util.Arrays.stream(Instruction.values())
        .anyMatch(in -> in.text().equals(name) && in.traps()), name + " should be marked TRAPS");
    assertEquals(Value.f64(0), f.locals().get(0));
    assertEquals(k.stack(), f.stack());
  }
}
