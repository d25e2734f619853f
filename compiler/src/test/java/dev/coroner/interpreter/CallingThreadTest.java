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
 * Compiled invocations start on the calling thread and continue on a large-stack thread only
 * past {@link CompiledCode#LOCAL_DEPTH} frames; across that move, results and dumps stay the
 * interpreter's.
 */
class CallingThreadTest {
  private static final String DEEP = "(module"
      + " (func $sum (export \"sum\") (param i32) (result i32)"
      + "  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))"
      + "   (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1)))))))"
      + " (func $down (export \"down\") (param i32) (result i32) (local i64)"
      + "  (local.set 1 (i64.extend_i32_u (local.get 0)))"
      + "  (if (result i32) (i32.eqz (local.get 0)) (then (unreachable))"
      + "   (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))";

  @Test
  void aCallPastTheCallingThreadsDepthContinuesOnALargeStackAndReturns() {
    byte[] wasm = Differential.wasm(DEEP);
    int n = 3 * CompiledCode.LOCAL_DEPTH;
    Store store = new Store(Differential.config(CompiledTier.NAME));
    Instance inst = store.instantiate(WasmModule.parse(wasm));
    assertTrue(inst.function("sum").isTiered());
    assertArrayEquals(new long[] {(long) n * (n + 1) / 2}, inst.invoke("sum", n));
    assertArrayEquals(new long[] {55}, inst.invoke("sum", 10));
    Differential.agree(wasm, "sum", n);
  }

  @Test
  void aTrapOnTheLargeStackGivesTheInterpretersDumpWithEveryFrame() throws Exception {
    int n = 3 * CompiledCode.LOCAL_DEPTH;
    Differential.Outcome o = Differential.agree(Differential.wasm(DEEP), "down", n);
    assertNotNull(o.dump, o.describe());
    List<Frame> frames = CoreDumpDecoder.decode(o.dump).threads().get(0).frames();
    assertEquals(n + 1, frames.size());
  }

  /**
   * $tail (interpreted: the compiled tier leaves return_call to the interpreter) tail-calls
   * $leaf (compiled), which traps: the dump shows $leaf above main, $tail replaced, as the
   * interpreter's does. Hand-assembled: this project's wat2wasm does not enable tail calls.
   */
  @Test
  void aTailCallFromInterpretedCodeToACompiledFunctionReplacesTheCallersFrame() throws Exception {
    byte[] wasm = {
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      // type 0: (param i32) (result i32)
      0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
      0x03, 0x04, 0x03, 0x00, 0x00, 0x00,
      0x07, 0x08, 0x01, 0x04, 'm', 'a', 'i', 'n', 0x00, 0x02,
      0x0a, 0x24, 0x03,
      // $leaf: 100 / arg
      0x08, 0x00, 0x41, (byte) 0xe4, 0x00, 0x20, 0x00, 0x6e, 0x0b,
      // $tail: (drop (i32.add (local.get 0) (i32.const 1))) (return_call $leaf (local.get 0))
      0x0c, 0x00, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x1a, 0x20, 0x00, 0x12, 0x00, 0x0b,
      // main: (i64.const 7) (drop) (i32.add (i32.const 5) (call $tail (local.get 0)))
      0x0c, 0x00, 0x42, 0x07, 0x1a, 0x41, 0x05, 0x20, 0x00, 0x10, 0x01, 0x6a, 0x0b,
    };
    Store store = new Store(Differential.config(CompiledTier.NAME));
    Instance inst = store.instantiate(WasmModule.parse(wasm));
    assertTrue(inst.function(0).isTiered(), "$leaf compiled");
    assertFalse(inst.function(1).isTiered(), "$tail interpreted");
    assertTrue(inst.function(2).isTiered(), "main compiled");
    assertArrayEquals(new long[] {30}, Differential.agree(wasm, "main", 4).results);
    Differential.Outcome o = Differential.agree(wasm, "main", 0);
    assertNotNull(o.dump, o.describe());
    List<Frame> frames = CoreDumpDecoder.decode(o.dump).threads().get(0).frames();
    assertEquals(List.of(0, 2), frames.stream().map(Frame::functionIndex).toList());
    assertEquals(1, frames.get(1).stack().size(), "the 5 below the call");
  }
}
