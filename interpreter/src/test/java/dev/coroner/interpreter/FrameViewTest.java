package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live frames a host function sees through {@link HostFunction.CallContext#frames()}. */
class FrameViewTest {
  private static final String WAT = "(module (import \"host\" \"look\" (func $look (param i32)))"
      + " (func $inner (export \"inner\") (param i32) (local f64)"
      + "  (local.set 1 (f64.const 2.5)) i64.const 7 local.get 0 call $look drop)"
      + " (func (export \"outer\") (param i64) f32.const 1.5 i32.const 9 call $inner drop))";

  /** What one frame showed, copied while the host function ran. */
  record Seen(int function, int codeOffset, List<String> locals, List<String> stack) {}

  private static String typed(int type, long bits) {
    return ValType.name(type) + ":" + Long.toHexString(bits);
  }

  @Test
  void hostFunctionSeesItsWasmCallersYoungestFirstWithTypedLocalsAndStacks() {
    Store store = new Store();
    List<Seen> seen = new ArrayList<>();
    Instance[] instanceSeen = new Instance[1];
    FunctionInstance look = store.hostFunction(FuncType.of(new int[] {ValType.I32}, new int[0]),
        (ctx, args) -> {
          for (FrameView f : ctx.frames()) {
            List<String> locals = new ArrayList<>();
            for (int i = 0; i < f.localCount(); i++) {
              locals.add(typed(f.localType(i), f.local(i)));
            }
            List<String> stack = new ArrayList<>();
            for (int i = 0; i < f.stackHeight(); i++) {
              stack.add(typed(f.operandType(i), f.operand(i)));
            }
            seen.add(new Seen(f.functionIndex(), f.codeOffset(), locals, stack));
            instanceSeen[0] = f.instance();
          }
          return new long[0];
        });
    store.register("host", Map.of("look", look));
    byte[] bytes = Wat.bytes(WAT);
    Instance inst = store.instantiate(WasmModule.parse(bytes), "M");

    inst.invoke("outer", 3);

    // Function indices: 0 the import, 1 $inner, 2 outer. Each frame is at its call.
    int innerCall = Bodies.offset(bytes, 0, 2, 0x20, 0x00, 0x10, 0x00);
    int outerCall = Bodies.offset(bytes, 1, 2, 0x41, 0x09, 0x10, 0x01);
    assertEquals(List.of(
        new Seen(1, innerCall, List.of("i32:9", "f64:4004000000000000"), List.of("i64:7")),
        new Seen(2, outerCall, List.of("i64:3"), List.of("f32:3fc00000"))), seen);
    assertSame(inst, instanceSeen[0]);
  }

  @Test
  void viewsRejectIndicesOutsideTheFrame() {
    Store store = new Store();
    List<FrameView> frames = new ArrayList<>();
    FunctionInstance look = store.hostFunction(FuncType.of(new int[] {ValType.I32}, new int[0]),
        (ctx, args) -> {
          frames.addAll(ctx.frames());
          FrameView f = ctx.frames().get(0);
          assertThrows(IndexOutOfBoundsException.class, () -> f.local(f.localCount()));
          assertThrows(IndexOutOfBoundsException.class, () -> f.operand(f.stackHeight()));
          assertThrows(IndexOutOfBoundsException.class, () -> f.operandType(-1));
          return new long[0];
        });
    store.register("host", Map.of("look", look));
    store.instantiate(Wat.module(WAT)).invoke("inner", 1);
    assertEquals(1, frames.size());
  }

  @Test
  void hostFunctionCalledFromOutsideSeesNoFrames() {
    Store store = new Store();
    List<FrameView> frames = new ArrayList<>();
    FunctionInstance look = store.hostFunction(FuncType.of(new int[0], new int[0]),
        (ctx, args) -> {
          frames.addAll(ctx.frames());
          return new long[0];
        });
    store.invoke(look);
    assertTrue(frames.isEmpty());
  }
}
