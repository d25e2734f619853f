package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A function the JVM refuses (its method would pass 64 KiB of bytecode) runs in the interpreter,
 * between compiled ones, and the stack that crosses the tiers still gives the interpreter's dump.
 */
class MixedTierTest {
  /**
   * {@code $big} (about 100 KiB of bytecode: thousands of additions kept on the operand stack)
   * sits between {@code main} and {@code $leaf}; {@code $leaf} divides by its argument.
   */
  private static byte[] module() {
    StringBuilder big = new StringBuilder("(func $big (param i32) (result i32) (local i64)"
        + " (local.set 1 (i64.const 99)) (i32.const 1)");
    for (int i = 0; i < 6000; i++) {
      big.append(" (i32.add (i32.const ").append(i).append("))");
    }
    big.append(" (f64.const 2.5) (drop) (i64.const 4) (call $leaf (local.get 0)) (drop) (drop))");
    return Differential.wasm("(module (memory 1)"
        + " (func $leaf (param i32) (result i32) (i32.div_u (i32.const 100) (local.get 0)))"
        + big
        + " (func (export \"main\") (param i32) (result i32) (local f32)"
        + "  (local.set 1 (f32.const 0.5)) (i64.const 7) (drop) (f32.const 1)"
        + "  (call $big (local.get 0)) (drop) (drop) (i32.const 5)))");
  }

  @Test
  void aRefusedFunctionRunsInTheInterpreterBetweenCompiledOnes() {
    byte[] wasm = module();
    Store store = new Store(Differential.config(CompiledTier.NAME));
    Instance inst = store.instantiate(WasmModule.parse(wasm));
    assertTrue(inst.function(0).isTiered(), "$leaf compiled");
    assertFalse(inst.function(1).isTiered(), "$big interpreted");
    assertTrue(inst.function(2).isTiered(), "main compiled");
    assertArrayEquals(new long[] {5}, inst.invoke("main", 4));
    Differential.agree(wasm, "main", 4);
  }

  @Test
  void aTrapUnderAMixedStackGivesTheInterpretersDumpByteForByte() throws Exception {
    Differential.Outcome o = Differential.agree(module(), "main", 0);
    assertNotNull(o.dump, o.describe());
    List<Frame> frames = CoreDumpDecoder.decode(o.dump).threads().get(0).frames();
    assertEquals(List.of(0, 1, 2), frames.stream().map(Frame::functionIndex).toList());
    assertEquals(2, frames.get(1).stack().size(), "the sum and the i64 below the call");
  }

  @Test
  void stackExhaustionThroughTheInterpretedFunctionMatches() {
    StringBuilder big = new StringBuilder("(func $big (param i32) (result i32) (i32.const 0)");
    for (int i = 0; i < 6000; i++) {
      big.append(" (i32.add (i32.const ").append(i).append("))");
    }
    big.append(" (call $rec (local.get 0)) (i32.add))");
    byte[] wasm = Differential.wasm("(module"
        + " (func $rec (param i32) (result i32) (i64.const 1) (drop)"
        + "  (call $big (i32.add (local.get 0) (i32.const 1))))"
        + big + " (export \"rec\" (func $rec)))");
    Differential.Outcome o = Differential.agree(wasm, "rec", 0);
    assertTrue(o.exception.isExhaustion(), o.describe());
  }
}
