package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CoreTargetTest {

  /**
   * Functions and the offsets of their interesting instructions (from the body start: one byte of
   * local declarations, then two bytes per local.get / i32.const 0).
   */
  private static final String WAT = """
      (module $m
        (type $v (func))
        (table 1 funcref)
        (func $div (param i32 i32) (result i32)
          (i32.div_s (local.get 0) (local.get 1)))          ;; div_s at 5
        (func $caller (param i32) (result i32)
          (call $div (local.get 0) (i32.const 0)))           ;; call at 5, 2 bytes
        (func $trunc (param f32) (result i32)
          (i32.trunc_f32_s (local.get 0)))                   ;; trunc at 3
        (func $load (param i32) (result i32)
          (i32.load (local.get 0)))                          ;; load at 3
        (func $u (unreachable))                              ;; unreachable at 1
        (func $indirect (param i32)
          (call_indirect (type $v) (local.get 0))))          ;; call_indirect at 3, 3 bytes
      """;

  private static ModuleImage module() throws Exception {
    return Targets.wat("m.wasm", WAT);
  }

  private static CoreDump dump(Frame... frames) {
    byte[] memory = new byte[Memory.PAGE_SIZE];
    memory[Memory.PAGE_SIZE - 2] = 0x11;
    memory[Memory.PAGE_SIZE - 1] = 0x22;
    CoreDump.Builder b = CoreDump.builder("test");
    b.addModule("m");
    b.addInstance(new Instance(0, List.of(0), List.of(0, 1, 2, Instance.ABSENT)));
    b.addMemory(Memory.of(MemoryContents.of(memory), OptionalLong.empty()));
    b.addGlobal(Global.i32(7));
    b.addGlobal(Global.i64(-2));
    b.addGlobal(Global.nullRef(ValueType.FUNCREF));
    b.addThread(new CoreStack("main", List.of(frames)));
    return b.build();
  }

  private static Frame frame(int function, int offset, List<Value> locals, List<Value> stack) {
    return new Frame(0, function, offset, locals, stack);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void theYoungestFramePointsAtItsTrapAndOlderFramesAtTheirReturnAddress() throws Exception {
    ModuleImage m = module();
    CoreTarget t = Targets.of(dump(
        frame(0, 5, List.of(Value.i32(7), Value.i32(0)), List.of(Value.i32(7), Value.i32(0))),
        frame(1, 5, List.of(Value.i32(7)), List.of())), m);
    assertEquals(WasmAddress.object(0, m.body(0).start() + 5), t.pc(0, 0));
    assertEquals(0x6D, m.byteAt(m.body(0).start() + 5));
    assertEquals(WasmAddress.object(0, m.body(1).start() + 5 + 2), t.pc(0, 1));
    assertEquals("trap: integer divide by zero (i32.div_s)", t.trapDescription());
  }

  @Test
  void aReturnAddressSkipsTheWholeCallIndirect() throws Exception {
    ModuleImage m = module();
    CoreTarget t = Targets.of(dump(
        frame(4, 1, List.of(), List.of()),
        frame(5, 3, List.of(Value.i32(0)), List.of())), m);
    assertEquals(WasmAddress.object(0, m.body(5).start() + 3 + 3), t.pc(0, 1));
  }

  @Test
  void theTrapCauseComesFromTheInstructionAndItsOperands() throws Exception {
    ModuleImage m = module();
    assertEquals("trap: integer overflow (i32.div_s)", Targets.of(dump(frame(0, 5,
        List.of(), List.of(Value.i32(Integer.MIN_VALUE), Value.i32(-1)))), m).trapDescription());
    assertEquals("trap: integer divide by zero or integer overflow (i32.div_s)",
        Targets.of(dump(frame(0, 5, List.of(), List.of())), m).trapDescription());
    assertEquals("trap: invalid conversion to integer (i32.trunc_f32_s)", Targets.of(dump(
        frame(2, 3, List.of(), List.of(Value.f32(Float.NaN)))), m).trapDescription());
    assertEquals("trap: integer overflow (i32.trunc_f32_s)", Targets.of(dump(
        frame(2, 3, List.of(), List.of(Value.f32(1e10f)))), m).trapDescription());
    assertEquals("trap: out of bounds memory access (load)",
        Targets.of(dump(frame(3, 3, List.of(), List.of())), m).trapDescription());
    assertEquals("trap: unreachable",
        Targets.of(dump(frame(4, 1, List.of(), List.of())), m).trapDescription());
    assertTrue(Targets.of(dump(frame(5, 3, List.of(), List.of())), m).trapDescription()
        .contains("indirect call type mismatch"));
  }

  @Test
  void aFunctionTheModuleDoesNotDefineIsAMismatch() throws Exception {
    TargetException e = assertThrows(TargetException.class,
        () -> Targets.of(dump(frame(9, 1, List.of(), List.of())), module()));
    assertEquals("[ModuleMismatch] frame #0 of thread 0 \"main\" is in function 9, which m.wasm"
        + " does not define (it imports 0 and defines 6 functions): is it the module that"
        + " crashed?", e.getMessage());
  }

  @Test
  void aCodeOffsetOutsideTheBodyIsAMismatch() throws Exception {
    TargetException past = assertThrows(TargetException.class,
        () -> Targets.of(dump(frame(4, 40, List.of(), List.of())), module()));
    assertTrue(past.getMessage().startsWith(
        "[ModuleMismatch] frame #0 of thread 0 \"main\" is at code offset 0x28 of function 4,"
            + " but in m.wasm that function's body has 3 bytes"), past::getMessage);
    // Offset 0 is the local declarations, not an instruction.
    assertThrows(TargetException.class,
        () -> Targets.of(dump(frame(4, 0, List.of(), List.of())), module()));
  }

  @Test
  void aFrameInAMissingInstanceIsDangling() {
    CoreDump d = dump(new Frame(3, 0, 5, List.of(), List.of()));
    TargetException e = assertThrows(TargetException.class, () -> Targets.of(d));
    assertEquals("[DanglingIndex] frame #0 of thread 0 \"main\" names instance 3, but the dump"
        + " has 1", e.getMessage());
  }

  @Test
  void withoutItsModuleAFrameKeepsItsInstanceAndOffset() throws Exception {
    CoreTarget t = Targets.of(dump(frame(0, 5, List.of(), List.of())));
    assertEquals(WasmAddress.object(0, 5), t.pc(0, 0));
    assertTrue(t.trapDescription().contains("module was not given"), t::trapDescription);
    Unavailable e = assertThrows(Unavailable.class,
        () -> t.read(WasmAddress.object(0, 0), new byte[4], 4));
    assertEquals(Unavailable.BAD_ADDRESS, e.code());
  }

  @Test
  void localsAndStackValuesAreLittleEndianInTheirTypesWidth() throws Exception {
    CoreTarget t = Targets.of(dump(frame(0, 5,
        List.of(Value.i32(-2), Value.i64(0x0102030405060708L), Value.f32(1.0f), Value.MISSING),
        List.of(Value.f64(2.0)))), module());
    assertEquals("feffffff", hex(t.local(0, 0, 0)));
    assertEquals("0807060504030201", hex(t.local(0, 0, 1)));
    assertEquals("0000803f", hex(t.local(0, 0, 2)));
    assertEquals("0000000000000040", hex(t.stackValue(0, 0, 0)));
    assertEquals(Unavailable.NOT_CAPTURED,
        assertThrows(Unavailable.class, () -> t.local(0, 0, 3)).code());
    assertEquals(Unavailable.NO_SUCH,
        assertThrows(Unavailable.class, () -> t.local(0, 0, 4)).code());
    assertEquals(Unavailable.NO_SUCH,
        assertThrows(Unavailable.class, () -> t.stackValue(0, 0, 1)).code());
    assertEquals(Unavailable.NO_SUCH,
        assertThrows(Unavailable.class, () -> t.local(0, 1, 0)).code());
    assertEquals(Unavailable.NO_SUCH,
        assertThrows(Unavailable.class, () -> t.local(1, 0, 0)).code());
  }

  @Test
  void aFrameWithoutLocalsSaysTheyWereNotCaptured() throws Exception {
    CoreTarget t = Targets.of(dump(frame(0, 5, List.of(), List.of())), module());
    Unavailable e = assertThrows(Unavailable.class, () -> t.local(0, 0, 0));
    assertEquals(Unavailable.NOT_CAPTURED, e.code());
    assertEquals("the coredump holds no locals for frame 0", e.getMessage());
  }

  @Test
  void globalsComeFromTheFramesInstance() throws Exception {
    CoreTarget t = Targets.of(dump(frame(0, 5, List.of(), List.of())), module());
    assertEquals("07000000", hex(t.global(0, 0, 0)));
    assertEquals("feffffffffffffff", hex(t.global(0, 0, 1)));
    assertEquals(Unavailable.NOT_CAPTURED,
        assertThrows(Unavailable.class, () -> t.global(0, 0, 2)).code());
    assertEquals(Unavailable.NOT_CAPTURED,
        assertThrows(Unavailable.class, () -> t.global(0, 0, 3)).code());
    assertEquals(Unavailable.NO_SUCH,
        assertThrows(Unavailable.class, () -> t.global(0, 0, 4)).code());
  }

  @Test
  void readsStopAtTheEndOfAMemoryOrModuleAndNeverPastIt() throws Exception {
    ModuleImage m = module();
    CoreTarget t = Targets.of(dump(frame(0, 5, List.of(), List.of())), m);
    byte[] buffer = new byte[16];
    assertEquals(2, t.read(WasmAddress.memory(0, Memory.PAGE_SIZE - 2), buffer, 16));
    assertArrayEquals(new byte[] {0x11, 0x22}, Arrays.copyOf(buffer, 2));
    assertEquals(Unavailable.BAD_ADDRESS, assertThrows(Unavailable.class,
        () -> t.read(WasmAddress.memory(0, Memory.PAGE_SIZE), buffer, 16)).code());
    assertEquals(8, t.read(WasmAddress.object(0, 0), buffer, 8));
    assertEquals("0061736d01000000", hex(Arrays.copyOf(buffer, 8)));
    assertEquals(1, t.read(WasmAddress.object(0, m.size() - 1), buffer, 16));
    assertThrows(Unavailable.class, () -> t.read(WasmAddress.object(0, m.size()), buffer, 1));
    assertThrows(Unavailable.class, () -> t.read(WasmAddress.memory(1, 0), buffer, 1));
    assertThrows(Unavailable.class, () -> t.read(2L << 62, buffer, 1));
    assertThrows(Unavailable.class, () -> t.read(-1L, buffer, 1));
  }

  @Test
  void aDumpWithoutInstancesGetsImplicitOnes() throws Exception {
    CoreDump d = dump(frame(0, 5, List.of(), List.of()));
    CoreDump legacy = new CoreDump(d.processName(), d.modules(), List.of(), d.memories(),
        d.globals(), d.threads());
    CoreTarget t = Targets.of(legacy, module());
    assertEquals(1, t.instances().size());
    assertEquals("07000000", hex(t.global(0, 0, 0)));
    byte[] buffer = new byte[2];
    assertEquals(2, t.read(WasmAddress.memory(0, Memory.PAGE_SIZE - 2), buffer, 2));
  }

  @Test
  void recursionGetsACaveatAboutLldb() throws Exception {
    ModuleImage m = module();
    CoreTarget recursive = Targets.of(dump(
        frame(1, 5, List.of(Value.i32(1)), List.of()),
        frame(1, 5, List.of(Value.i32(2)), List.of())), m);
    assertEquals("frames #0 and #1 of thread 1 run the same function: LLDB 22 shows frame #0's"
        + " variables for both (its Wasm frames all have frame address 0, so it cannot tell them"
        + " apart)", recursive.lldbCaveat().orElseThrow());
    CoreTarget plain = Targets.of(dump(
        frame(0, 5, List.of(), List.of()), frame(1, 5, List.of(), List.of())), m);
    assertTrue(plain.lldbCaveat().isEmpty());
  }
}
