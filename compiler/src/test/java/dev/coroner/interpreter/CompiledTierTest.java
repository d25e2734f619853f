package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDumpDecoder;
import org.junit.jupiter.api.Test;

/** The compiled tier runs functions as JVM methods, with the interpreter's results and dumps. */
class CompiledTierTest {
  private static final String FIB = "(module (func $fib (export \"fib\") (param i32) (result i32)"
      + " (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))"
      + " (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))"
      + " (call $fib (i32.sub (local.get 0) (i32.const 2))))))))";

  @Test
  void functionsRunCompiledWithTheInterpretersResults() {
    byte[] wasm = Differential.wasm(FIB);
    Store store = new Store(Differential.config(CompiledTier.NAME));
    Instance inst = store.instantiate(WasmModule.parse(wasm));
    assertTrue(inst.function("fib").isTiered());
    assertArrayEquals(new long[] {6765}, inst.invoke("fib", 20));
    Differential.agree(wasm, "fib", 15);
  }

  @Test
  void aTrapInACalleeGivesTheInterpretersDumpWithEveryOperandBelowTheCall() throws Exception {
    byte[] wasm = Differential.wasm("(module (memory 1) (global $g (mut i64) (i64.const 3))"
        + " (func $div (param i32 i32) (result i32) (local f64)"
        + "  (local.set 2 (f64.const -0.5)) (i64.const 77) (drop) (f32.const 2.5)"
        + "  (i32.div_s (local.get 0) (local.get 1)) (drop) (drop) (i32.const 0))"
        + " (func (export \"main\") (param i32) (result i32) (local i64)"
        + "  (global.set $g (i64.const -9)) (i32.store (i32.const 16) (i32.const 1234))"
        + "  (i64.const 5) (f64.const 1.25) (i32.const 7)"
        + "  (call $div (i32.const 10) (local.get 0)) (i32.add) (drop) (drop) (drop)"
        + "  (i32.const 1)))");
    Differential.Outcome o = Differential.agree(wasm, "main", 0);
    assertNotNull(o.dump);
    assertEquals(2, CoreDumpDecoder.decode(o.dump).threads().get(0).frames().size());
    assertArrayEquals(new long[] {1}, Differential.agree(wasm, "main", 2).results);
  }

  @Test
  void stackExhaustionHappensAtTheSameCallWithTheSameDump() {
    byte[] wasm = Differential.wasm("(module (func $r (export \"r\") (param i32) (result i32)"
        + " (i32.add (local.get 0) (call $r (i32.add (local.get 0) (i32.const 1))))))");
    Differential.Outcome o = Differential.agree(wasm, "r", 0);
    assertTrue(o.exception.isExhaustion(), o.describe());
  }
}
