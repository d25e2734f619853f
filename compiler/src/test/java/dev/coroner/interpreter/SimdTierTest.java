package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Functions with v128 values and SIMD instructions run compiled, with the interpreter's results,
 * traps and dumps.
 */
class SimdTierTest {
  /**
   * {@code main} calls {@code $mid} with a v128 below the call, {@code $mid} calls {@code $leaf}
   * the same way, and {@code $leaf}'s {@code v128.load} traps when its address is out of bounds,
   * with v128 locals in every frame and a v128 below the load.
   */
  private static final String DEEP = "(module (memory 1)"
      + " (global $g (mut v128) (v128.const i32x4 1 2 3 4))"
      + " (func $leaf (param v128 i32) (result v128) (local v128 i64)"
      + "  (local.set 2 (i32x4.add (local.get 0) (global.get $g)))"
      + "  (local.set 3 (i64.const -5))"
      + "  (v128.const i64x2 5 6)"
      + "  (v128.load offset=8 (local.get 1))"
      + "  (i8x16.add) (local.get 2) (i16x8.mul))"
      + " (func $mid (param i32) (result v128) (local v128 f32)"
      + "  (local.set 1 (i8x16.splat (i32.const 7)))"
      + "  (local.set 2 (f32.const 1.5))"
      + "  (v128.const i32x4 9 8 7 6) (i32.const 3)"
      + "  (call $leaf (local.get 1) (local.get 0))"
      + "  (drop) (drop))"
      + " (func (export \"main\") (param i32) (result i32) (local v128)"
      + "  (local.set 1 (f64x2.splat (f64.const 2.5)))"
      + "  (v128.const i16x8 1 2 3 4 5 6 7 8)"
      + "  (call $mid (local.get 0))"
      + "  (i32x4.add) (i32x4.extract_lane 2))"
      + " (func (export \"pass\") (param i64 v128 f32) (result v128 i32)"
      + "  (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31"
      + "   (local.get 1) (f32x4.splat (local.get 2)))"
      + "  (i32.wrap_i64 (local.get 0)))"
      + " (func (export \"blocks\") (param i32) (result v128) (local v128)"
      + "  (local.set 1 (i32x4.splat (local.get 0)))"
      + "  (block (result v128)"
      + "   (v128.const i32x4 10 20 30 40)"
      + "   (br_if 0 (i32.eqz (local.get 0)))"
      + "   (drop) (local.get 1))"
      + "  (select (local.get 1) (v128.const i64x2 -1 -1) (i32.and (local.get 0) (i32.const 1)))"
      + "  (i64x2.add) (global.set $g)"
      + "  (global.get $g))"
      + " (func (export \"v\") (result v128) (call $mid (i32.const 16)))"
      + ")";

  @Test
  void simdFunctionsRunCompiledWithTheInterpretersResults() {
    byte[] wasm = Differential.wasm(DEEP);
    Store store = new Store(Differential.config(CompiledTier.NAME));
    Instance inst = store.instantiate(WasmModule.parse(wasm));
    for (int f = 0; f < 6; f++) {
      assertTrue(inst.function(f).isTiered(), "function " + f + " compiled");
    }
    long[] main = Differential.agree(wasm, "main", 16).results;
    assertEquals(1, main.length);
    assertArrayEquals(new long[] {0x0000000800000009L, 0x0000000600000007L},
        Differential.agree(wasm, "v").results, "$mid's i32x4 9 8 7 6, left below the call");
    long[] pass = Differential.agree(wasm, "pass", 0x1234_5678_9ABCL,
        0x0706050403020100L, 0x0F0E0D0C0B0A0908L, Float.floatToRawIntBits(1f)).results;
    assertEquals(3, pass.length, "a v128 (two slots) and an i32");
    assertEquals(0x5678_9ABCL, pass[2] & 0xFFFFFFFFL);
    for (int a : new int[] {0, 1, 2, 3}) {
      Differential.agree(wasm, "blocks", a);
    }
  }

  @Test
  void aSimdTrapDeepInCompiledFramesGivesTheInterpretersDumpByteForByte() throws Exception {
    byte[] wasm = Differential.wasm(DEEP);
    Differential.Outcome o = Differential.agree(wasm, "main", 65530);
    assertNotNull(o.dump, o.describe());
    assertTrue(o.trap.contains("out of bounds memory access"), o.trap);
    List<Frame> frames = CoreDumpDecoder.decode(o.dump).threads().get(0).frames();
    assertEquals(3, frames.size());
    assertEquals(4, frames.get(0).locals().size(), "leaf: v128, i32, v128, i64");
    assertEquals(2, frames.get(0).stack().size(), "leaf: the constant and the address");
    assertEquals(2, frames.get(1).stack().size(), "mid: the v128 and the i32 below the call");
    assertEquals(1, frames.get(2).stack().size(), "main: the v128 below the call");
    // What the dump cannot show (it records v128 values as missing): each v128's bytes 0..7, as
    // the interpreter's frame view gives them, from the module's own constants.
    List<FrameView> unwound = o.exception.unwound;
    assertEquals(3, unwound.size());
    FrameView leaf = unwound.get(0);
    assertEquals(0x0707070707070707L, leaf.local(0), "i8x16.splat 7");
    assertEquals(65530, leaf.local(1));
    assertEquals(0x0707070907070708L, leaf.local(2), "splat 7 plus i32x4 1 2");
    assertEquals(-5, leaf.local(3));
    assertEquals(5, leaf.operand(0), "i64x2 5 6");
    assertEquals(0x0000000800000009L, unwound.get(1).operand(0), "i32x4 9 8 7 6");
    assertEquals(0x4004000000000000L, unwound.get(2).local(1), "f64x2.splat 2.5");
    assertEquals(0x0004000300020001L, unwound.get(2).operand(0), "i16x8 1 2 3 4");
  }

  @Test
  void stackExhaustionWithV128sBelowTheCallsHappensWhereTheInterpretersDoes() {
    // each frame holds v128 locals and a v128 below the recursive call: two value-stack slots
    // apiece, so the frames' value-stack use (and where it runs out) counts them as the
    // interpreter does
    byte[] wasm = Differential.wasm("(module (func $r (export \"r\") (param i32) (result i32)"
        + " (local v128 v128 v128 v128 v128 v128 v128 v128)"
        + " (local.set 1 (i32x4.splat (local.get 0)))"
        + " (local.get 1) (v128.const i64x2 1 2) (i64x2.add)"
        + " (call $r (i32.add (local.get 0) (i32.const 1)))"
        + " (i32x4.replace_lane 3) (i32x4.extract_lane 3)))");
    Differential.Outcome o = Differential.agree(wasm, "r", 0);
    assertTrue(o.exception.isExhaustion(), o.describe());
    Differential.Outcome c = Differential.run(smallStack(CompiledTier.NAME), wasm, "r", 0);
    Differential.Outcome i = Differential.run(smallStack(StoreConfig.INTERPRETER), wasm, "r", 0);
    assertEquals(i.describe(), c.describe());
    assertArrayEquals(i.dump, c.dump, "dump bytes");
    assertTrue(c.trap.contains("value stack exhausted"), c.trap);
  }

  /** Capture on, and a value stack of 5,000 slots: it runs out long before the call depth. */
  private static StoreConfig smallStack(String engine) {
    return new StoreConfig(StoreConfig.DEFAULT_MAX_CALL_DEPTH, 5000,
        StoreConfig.DEFAULT_MAX_MEMORY_PAGES, StoreConfig.DEFAULT_MAX_HOST_REENTRY, true,
        "differential", engine);
  }
}
