package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WebAssembly → host → WebAssembly calls, and their bound. */
class ReentryTest {
  private static final String WAT = "(module (import \"host\" \"down\" (func $down (param i32) (result i32)))"
      + " (func (export \"f\") (param i32) (result i32)"
      + "  (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 100))"
      + "   (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))";

  private static Instance setUp(Store store) {
    Instance[] self = new Instance[1];
    FunctionInstance down = store.hostFunction(
        FuncType.of(new int[] {ValType.I32}, new int[] {ValType.I32}),
        (ctx, args) -> ctx.invoke(self[0].function("f"), args[0]));
    store.register("host", Map.of("down", down));
    self[0] = store.instantiate(Wat.module(WAT));
    return self[0];
  }

  @Test
  void hostFunctionsCanCallBackIntoWasm() {
    Instance inst = setUp(new Store());
    assertArrayEquals(new long[] {150}, inst.invoke("f", 50));
  }

  @Test
  void reentryDepthIsBoundedAndTrapsWithADump() {
    Store store = new Store(StoreConfig.defaults().withCapture("reentry").withMaxHostReentry(20));
    Instance inst = setUp(store);
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("f", 1_000_000));
    assertTrue(t.isExhaustion());
    // 20 nested invocations: each shows one Wasm frame; the host frames are skipped.
    assertEquals(20, t.coreDump().orElseThrow().threads().get(0).frames().size());
    assertArrayEquals(new long[] {103}, inst.invoke("f", 3));
  }
}
