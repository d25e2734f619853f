package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Typed exports and registration, and the byte offsets errors carry. */
class PublicSurfaceTest {
  private static final String EXPORTS = "(module (func $f (export \"f\")) (memory (export \"m\") 1)"
      + " (table (export \"t\") 1 funcref) (global (export \"g\") i32 (i32.const 5)))";

  @Test
  void exportsAreTypedAndInModuleOrder() {
    Instance inst = new Store().instantiate(Wat.module(EXPORTS));
    Map<String, Extern> exports = inst.exports();
    assertEquals(List.of("f", "m", "t", "g"), List.copyOf(exports.keySet()));
    assertTrue(exports.get("f") instanceof FunctionInstance);
    assertTrue(exports.get("m") instanceof MemoryInstance);
    assertTrue(exports.get("t") instanceof TableInstance);
    assertEquals(5, inst.global("g").get());
    assertEquals(exports.get("m"), inst.memory("m"));
    assertTrue(inst.export("nothing").isEmpty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> inst.function("m"));
    assertTrue(e.getMessage().contains("no exported FunctionInstance called \"m\""), e.getMessage());
  }

  @Test
  void registeringSomethingThatIsNotAnExternFailsAtOnce() {
    Store store = new Store();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> store.register("host", Map.of("x", "not an extern")));
    assertTrue(e.getMessage().contains("\"host\" \"x\""), e.getMessage());
  }

  @Test
  void malformedAndInvalidErrorsCarryTheOffsetTheirMessageNames() {
    // A type section whose one function type ends after its 0x60.
    byte[] truncated = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 2, 1, 0x60};
    MalformedException m =
        assertThrows(MalformedException.class, () -> WasmModule.parse(truncated));
    assertEquals(OptionalLong.of(truncated.length), m.offset());
    assertEquals("unexpected end of section or function (at offset 0xc)", m.getMessage());

    // i32.const 1, made i64.const 1: the body's end finds an i64 where an i32 is due.
    byte[] bytes = Wat.bytes("(module (func (result i32) i32.const 1))");
    bytes[Bodies.start(bytes, 0) + Bodies.offset(bytes, 0, 0, 0x41, 0x01, 0x0B)] = 0x42;
    InvalidException i = assertThrows(InvalidException.class, () -> WasmModule.parse(bytes));
    long end = Bodies.start(bytes, 0) + Bodies.offset(bytes, 0, 2, 0x42, 0x01, 0x0B);
    assertEquals(OptionalLong.of(end), i.offset());
    assertTrue(i.getMessage().contains("offset 0x" + Long.toHexString(end) + " ("), i.getMessage());
    assertTrue(i.getMessage().contains(", end)"), i.getMessage());
  }

  @Test
  void trapsCarryTheirInstructionsOffsetAndNameItInHex() {
    byte[] bytes = Wat.bytes("(module (func (export \"d\") (param i32) (result i32)"
        + " i32.const 7 local.get 0 i32.div_s))");
    Instance inst = new Store().instantiate(WasmModule.parse(bytes), "M");
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("d", 0));
    int codeOffset = Bodies.offset(bytes, 0, 2, 0x20, 0x00, 0x6D);
    assertEquals(OptionalLong.of(Bodies.start(bytes, 0) + codeOffset), t.offset());
    assertEquals("integer divide by zero (i32.div_s in function 0 of instance M at code offset 0x"
        + Integer.toHexString(codeOffset) + ")", t.getMessage());
    assertEquals("i32.div_s", inst.module().instructionAt(0, codeOffset).orElseThrow());
  }

  /** What a WASI proc_exit does: an exception of its own, which must reach the embedder as is. */
  static final class Exit extends RuntimeException {
    Exit() {
      super("exit", null, false, false);
    }
  }

  @Test
  void hostExceptionsThatAreNotTrapsPropagateUnchangedAndTheStoreStaysUsable() {
    Store store = new Store();
    FunctionInstance exit = store.hostFunction(FuncType.of(new int[] {ValType.I32}, new int[0]),
        (ctx, args) -> {
          if (args[0] != 0) {
            throw new Exit();
          }
          return new long[0];
        });
    store.register("host", Map.of("exit", exit));
    Instance inst = store.instantiate(Wat.module("(module (import \"host\" \"exit\" (func $exit"
        + " (param i32))) (func $deep (param i32) (call $exit (local.get 0)))"
        + " (func (export \"run\") (param i32) (result i32) i64.const 1 drop"
        + "  (call $deep (local.get 0)) (i32.const 42)))"));
    assertThrows(Exit.class, () -> inst.invoke("run", 1));
    assertEquals(42, inst.invoke("run", 0)[0]);
    assertThrows(Exit.class, () -> inst.invoke("run", 7));
  }

  @Test
  void hostAndLinkErrorsHaveNoOffset() {
    Store store = new Store();
    FunctionInstance boom = store.hostFunction(FuncType.of(new int[0], new int[0]),
        (ctx, args) -> {
          throw new TrapException(TrapException.UNREACHABLE, "host");
        });
    assertTrue(assertThrows(TrapException.class, () -> store.invoke(boom)).offset().isEmpty());
    UnlinkableException u = assertThrows(UnlinkableException.class,
        () -> store.instantiate(Wat.module("(module (import \"a\" \"b\" (func)))")));
    assertTrue(u.offset().isEmpty());
    assertEquals(ValType.I32, FuncType.of(new int[] {ValType.I32}, new int[0]).param(0));
  }
}
