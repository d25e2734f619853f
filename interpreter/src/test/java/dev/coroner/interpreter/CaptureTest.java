package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.Value;
import dev.coroner.interpreter.model.FuncType;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.script.HostModules;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Acceptance tests of coredump capture (section B of the coredump format document). */
class CaptureTest {
  private static Store capturing() {
    return new Store(StoreConfig.defaults().withCapture("capture-test"));
  }

  private static CoreDump dumpOf(TrapException t) {
    return t.coreDump().orElseThrow(() -> new AssertionError("trap without dump", t));
  }

  @Test
  void frameOfEachModuleNamesItsOwnInstanceWithExactLocalsStackAndMemories() {
    byte[] a = Wat.bytes("(module (memory (export \"mem\") 1) (global $g (mut i32) (i32.const 7))"
        + " (func (export \"f\") (param i32) (result i32) (local i64)"
        + "  (local.set 1 (i64.const 5)) (global.set $g (i32.const 8))"
        + "  i32.const 42 i32.const 100 local.get 0 i32.div_u i32.add))");
    byte[] b = Wat.bytes("(module (import \"A\" \"f\" (func $f (param i32) (result i32)))"
        + " (memory 2) (data (i32.const 3) \"\\2a\")"
        + " (func (export \"g\") (param i32) (result i32) (local f32)"
        + "  (local.set 1 (f32.const 1.5)) i64.const 9 local.get 0 call $f drop drop i32.const 0))");
    Store store = capturing();
    dev.coroner.interpreter.Instance ia = store.instantiate(WasmModule.parse(a), "A");
    store.register("A", ia);
    dev.coroner.interpreter.Instance ib = store.instantiate(WasmModule.parse(b), "B");

    TrapException t = assertThrows(TrapException.class, () -> ib.invoke("g", 0));
    assertEquals(TrapException.DIVIDE_BY_ZERO, t.specMessage());
    CoreDump d = dumpOf(t);

    assertEquals("capture-test", d.processName().orElseThrow());
    assertEquals(List.of("A", "B"), d.modules());
    assertEquals(List.of(new Instance(0, List.of(0), List.of(0)), new Instance(1, List.of(1), List.of())),
        d.instances());
    assertEquals(2, d.memories().size());
    Memory ma = d.memories().get(0);
    Memory mb = d.memories().get(1);
    assertEquals(1, ma.minPages());
    assertEquals(OptionalLong.empty(), ma.maxPages());
    assertEquals(2, mb.minPages());
    assertEquals(42, mb.contents().get(3));
    assertEquals(List.of(Global.i32(8)), d.globals());

    List<Frame> frames = d.threads().get(0).frames();
    assertEquals("main", d.threads().get(0).threadName());
    assertEquals(2, frames.size());
    Frame fa = frames.get(0);
    assertEquals(0, fa.instanceIndex());
    assertEquals(0, fa.functionIndex());
    assertEquals(Bodies.offset(a, 0, 2, 0x20, 0x00, 0x6E), fa.codeOffset());
    assertEquals(List.of(Value.i32(0), Value.i64(5)), fa.locals());
    assertEquals(List.of(Value.i32(42), Value.i32(100), Value.i32(0)), fa.stack());
    Frame fb = frames.get(1);
    assertEquals(1, fb.instanceIndex());
    assertEquals(1, fb.functionIndex());
    assertEquals(Bodies.offset(b, 0, 0, 0x10, 0x00), fb.codeOffset());
    assertEquals(List.of(Value.i32(0), Value.f32(1.5f)), fb.locals());
    assertEquals(List.of(Value.i64(9)), fb.stack());
  }

  @Test
  void oneModuleInstantiatedTwiceFramesNameTheRightInstance() {
    WasmModule m = Wat.module("(module (import \"peer\" \"f\" (func $peer (param i32)))"
        + " (global (export \"id\") i32 (i32.const 0))"
        + " (func (export \"f\") (param i32)"
        + "  (if (local.get 0) (then (call $peer (i32.sub (local.get 0) (i32.const 1))))"
        + "   (else unreachable))))");
    Store store = capturing();
    FunctionInstance noop =
        store.hostFunction(FuncType.of(new int[] {ValType.I32}, new int[0]), (c, args) -> null);
    store.register("peer", Map.of("f", noop));
    dev.coroner.interpreter.Instance first = store.instantiate(m, "M");
    store.register("peer", first);
    dev.coroner.interpreter.Instance second = store.instantiate(m, "M");

    TrapException t = assertThrows(TrapException.class, () -> second.invoke("f", 1));
    CoreDump d = dumpOf(t);
    assertEquals(List.of("M"), d.modules());
    assertEquals(2, d.instances().size());
    assertEquals(0, d.instances().get(0).moduleIndex());
    assertEquals(0, d.instances().get(1).moduleIndex());
    assertEquals(List.of(0), d.instances().get(0).globals());
    assertEquals(List.of(1), d.instances().get(1).globals());
    List<Frame> frames = d.threads().get(0).frames();
    assertEquals(2, frames.size());
    assertEquals(0, frames.get(0).instanceIndex());
    assertEquals(1, frames.get(1).instanceIndex());
    assertEquals(1, frames.get(0).functionIndex());
    assertEquals(List.of(Value.i32(0)), frames.get(0).locals());
    assertEquals(List.of(Value.i32(1)), frames.get(1).locals());
  }

  @Test
  void unboundedRecursionExhaustsTheCallStackWithAFullDumpAndTheJvmGoesOn() {
    WasmModule m = Wat.module("(module (func $r (export \"r\") (param i32)"
        + " (call $r (i32.add (local.get 0) (i32.const 1))))"
        + " (func (export \"ok\") (result i32) i32.const 7))");
    Store store = capturing();
    dev.coroner.interpreter.Instance inst = store.instantiate(m, "R");
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("r", 0));
    assertEquals(TrapException.CALL_STACK_EXHAUSTED, t.specMessage());
    assertTrue(t.isExhaustion());
    List<Frame> frames = dumpOf(t).threads().get(0).frames();
    assertTrue(frames.size() >= 10_000, "frames: " + frames.size());
    assertEquals(StoreConfig.DEFAULT_MAX_CALL_DEPTH, frames.size());
    // Youngest frame: the call that could not be made, its argument on the stack.
    int depth = frames.size() - 1;
    assertEquals(List.of(Value.i32(depth)), frames.get(0).locals());
    assertEquals(List.of(Value.i32(depth + 1)), frames.get(0).stack());
    // Older frames: the argument passed on is the callee's parameter, not on the caller's stack.
    assertEquals(List.of(), frames.get(1).stack());
    assertEquals(List.of(Value.i32(0)), frames.get(depth).locals());
    assertArrayEquals(new long[] {7}, inst.invoke("ok"));
  }

  @Test
  void nanPayloadsSurviveInLocalsAndStack() {
    WasmModule m = Wat.module("(module (func (export \"f\") (param f32 f64) (local f32)"
        + " (local.set 2 (local.get 0)) (f64.const nan:0x4000000000001) (local.get 0)"
        + " unreachable))");
    Store store = capturing();
    dev.coroner.interpreter.Instance inst = store.instantiate(m);
    int sNan32 = 0x7FA00001;
    long sNan64 = 0xFFF0000000000001L;
    TrapException t = assertThrows(TrapException.class,
        () -> inst.invoke("f", sNan32 & 0xFFFFFFFFL, sNan64));
    Frame f = dumpOf(t).threads().get(0).frames().get(0);
    assertEquals(List.of(Value.f32Bits(sNan32), Value.f64Bits(sNan64), Value.f32Bits(sNan32)),
        f.locals());
    assertEquals(List.of(Value.f64Bits(0x7FF4000000000001L), Value.f32Bits(sNan32)), f.stack());
    assertEquals(List.of("<anonymous-module-0>"), dumpOf(t).modules());
  }

  @Test
  void trappingStartFunctionYieldsADump() {
    byte[] bytes = Wat.bytes("(module (memory 1) (func $start (local i32)"
        + " (local.set 0 (i32.const 3)) i32.const 1 i32.const 0 i32.div_s drop) (start $start))");
    Store store = capturing();
    UninstantiableException e =
        assertThrows(UninstantiableException.class, () -> store.instantiate(WasmModule.parse(bytes), "S"));
    assertEquals(TrapException.DIVIDE_BY_ZERO, e.specMessage());
    CoreDump d = e.coreDump().orElseThrow();
    assertEquals(List.of("S"), d.modules());
    assertEquals(1, d.instances().size());
    Frame f = d.threads().get(0).frames().get(0);
    assertEquals(0, f.instanceIndex());
    assertEquals(0, f.functionIndex());
    assertEquals(Bodies.offset(bytes, 0, 4, 0x41, 0x01, 0x41, 0x00, 0x6D), f.codeOffset());
    assertEquals(List.of(Value.i32(3)), f.locals());
    assertEquals(List.of(Value.i32(1), Value.i32(0)), f.stack());
    // The failed instance is not live afterwards.
    assertEquals(0, store.instances().size());
  }

  @Test
  void hostFrameInTheMiddleIsSkipped() {
    byte[] bytes = Wat.bytes("(module (import \"coroner\" \"call_table\" (func $ct (param i32)))"
        + " (table 1 funcref) (elem (i32.const 0) $inner)"
        + " (func $inner (local i64) (local.set 0 (i64.const -3)) i32.const 11 unreachable)"
        + " (func (export \"outer\") (result i32) i32.const 5 i32.const 0 call $ct))");
    Store store = capturing();
    store.register("coroner", HostModules.coroner(store));
    dev.coroner.interpreter.Instance inst = store.instantiate(WasmModule.parse(bytes), "H");
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("outer"));
    assertEquals(TrapException.UNREACHABLE, t.specMessage());
    List<Frame> frames = dumpOf(t).threads().get(0).frames();
    assertEquals(2, frames.size());
    assertEquals(1, frames.get(0).functionIndex());
    assertEquals(List.of(Value.i64(-3)), frames.get(0).locals());
    assertEquals(List.of(Value.i32(11)), frames.get(0).stack());
    assertEquals(Bodies.offset(bytes, 0, 2, 0x41, 0x0B, 0x00), frames.get(0).codeOffset());
    assertEquals(2, frames.get(1).functionIndex());
    assertEquals(List.of(Value.i32(5)), frames.get(1).stack());
    assertEquals(Bodies.offset(bytes, 1, 0, 0x10, 0x00), frames.get(1).codeOffset());
  }

  @Test
  void captureOffMeansNoDump() {
    WasmModule m = Wat.module("(module (func (export \"f\") unreachable))");
    TrapException t = assertThrows(TrapException.class,
        () -> new Store().instantiate(m).invoke("f"));
    assertTrue(t.coreDump().isEmpty());
  }
}
