package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Value;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * v128 values take two value-stack slots; frames, capture and the API still see one value each:
 * {@link FrameView} gives bytes 0..7 and 8..15, capture writes them 0x01 and v128 globals as
 * {@code v128.const}, and {@link Store#invoke} passes a v128 as two longs.
 */
class V128FrameTest {
  private static final String WAT = "(module (import \"host\" \"look\" (func $look))"
      + " (global $g (mut v128) (v128.const i64x2 0x1111 0x2222))"
      + " (func $inner (param v128) (param i32) (local v128) (local i64)"
      + "  (local.set 2 (v128.const i64x2 5 6)) (local.set 3 (i64.const 9))"
      + "  (v128.const i64x2 7 8) (i32.const 4) (local.get 0) call $look"
      + "  (i32.div_s (local.get 1) (i32.const 0)) unreachable)"
      + " (func (export \"outer\") (param i32)"
      + "  (v128.const i64x2 -1 -2) (i32.const 3)"
      + "  (call $inner (v128.const i64x2 1 2) (local.get 0)) unreachable)"
      + " (func (export \"swap\") (param v128) (result v128 i32)"
      + "  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0))"
      + "  (i32.const 42)))";

  private static String typed(int type, long low, long high) {
    return ValType.name(type) + ":" + Long.toHexString(low)
        + (type == ValType.V128 ? "/" + Long.toHexString(high) : "");
  }

  @Test
  void framesShowV128ValuesWhole() {
    Store store = new Store();
    List<List<String>> seen = new ArrayList<>();
    FunctionInstance look = store.hostFunction(FuncType.of(new int[0], new int[0]), (ctx, a) -> {
      for (FrameView f : ctx.frames()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < f.localCount(); i++) {
          values.add(typed(f.localType(i), f.local(i), f.localHigh(i)));
        }
        values.add("|");
        for (int i = 0; i < f.stackHeight(); i++) {
          values.add(typed(f.operandType(i), f.operand(i), f.operandHigh(i)));
        }
        seen.add(values);
      }
      return new long[0];
    });
    store.register("host", Map.of("look", look));
    Instance inst = store.instantiate(WasmModule.parse(Wat.bytes(WAT)), "M");
    assertThrows(TrapException.class, () -> inst.invoke("outer", 5));
    assertEquals(List.of(
        List.of("v128:1/2", "i32:5", "v128:5/6", "i64:9", "|", "v128:7/8", "i32:4", "v128:1/2"),
        List.of("i32:5", "|", "v128:ffffffffffffffff/fffffffffffffffe", "i32:3")), seen);
  }

  @Test
  void captureWritesV128FrameValuesMissingAndV128GlobalsAsConstants() {
    Store store = new Store(StoreConfig.defaults().withCapture("v128"));
    store.register("host", Map.of("look",
        store.hostFunction(FuncType.of(new int[0], new int[0]), (ctx, a) -> new long[0])));
    Instance inst = store.instantiate(WasmModule.parse(Wat.bytes(WAT)), "M");
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("outer", 5));
    CoreDump dump = t.coreDump().orElseThrow();
    assertEquals(List.of(Global.v128(0x1111, 0x2222)), dump.globals());
    List<Frame> frames = dump.threads().get(0).frames();
    assertEquals(List.of(Value.MISSING, Value.i32(5), Value.MISSING, Value.i64(9)),
        frames.get(0).locals());
    // i32.div_s traps with its operands on the stack: v128 7/8, i32 4, v128 1/2, i32 5, i32 0.
    assertEquals(List.of(Value.MISSING, Value.i32(4), Value.MISSING, Value.i32(5), Value.i32(0)),
        frames.get(0).stack());
    assertEquals(List.of(Value.i32(5)), frames.get(1).locals());
    assertEquals(List.of(Value.MISSING, Value.i32(3)), frames.get(1).stack());
  }

  @Test
  void invokePassesAndReturnsAV128AsTwoLongs() {
    Store store = new Store();
    store.register("host", Map.of("look",
        store.hostFunction(FuncType.of(new int[0], new int[0]), (ctx, a) -> new long[0])));
    Instance inst = store.instantiate(WasmModule.parse(Wat.bytes(WAT)), "M");
    long[] r = inst.invoke("swap", 0x0706050403020100L, 0x0F0E0D0C0B0A0908L);
    assertEquals(List.of(0x0F0E0D0C0B0A0908L, 0x0706050403020100L, 42L),
        List.of(r[0], r[1], r[2]));
  }
}
