package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ExecutionCompletedException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChicoryCoredumpsTest {

  private static ChicoryException trapOf(Runnable r) {
    return assertThrows(ChicoryException.class, r::run);
  }

  private static List<Frame> frames(CoreDump d) {
    return d.threads().get(0).frames();
  }

  @Test
  void aModuleThatWasNotParsedThroughItIsRefusedAtInstantiation() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    WasmModule module = Parser.parse(Wat.compile("(module (func (export \"f\")))"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> coredumps.instantiate(Instance.builder(module)));
    assertTrue(e.getMessage().startsWith(ChicoryCoredumps.UNREGISTERED_TAG), e.getMessage());
  }

  @Test
  void bytesOfAnotherModuleAreRefusedWithTheBodyThatDisagrees() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    WasmModule module = Parser.parse(Wat.compile("(module (func (export \"f\") nop nop nop))"));
    byte[] other = Wat.compile("(module (func (export \"f\") nop))");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> coredumps.register(module, other, null));
    // header 0..7, type 8..13, function 14..17, export 18..24, code section id at 25, size at 26,
    // count at 27, body size at 28: body 0 of the other module is bytes 29..31 (00 01 0b); the
    // parsed module's instructions run from 30 (nop) to 33 (end).
    assertEquals("[ModuleBytes] function body 0 spans bytes 0x1d..0x20, but Chicory parsed its "
        + "instructions at 0x1e..0x21: the bytes are not the parsed module", e.getMessage());
  }

  @Test
  void bytesThatAreNotAModuleAreRefusedWithTheOffset() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    WasmModule module = Parser.parse(Wat.compile("(module)"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> coredumps.register(module, new byte[] {0, 'a', 's', 'x', 1, 0, 0, 0}, null));
    assertEquals("[ModuleBytes] not a WebAssembly module (no \\0asm header) (at offset 0x0)",
        e.getMessage());
  }

  @Test
  void anExceptionThatDidNotLeaveItsInstancesHasNoDump() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    assertTrue(coredumps.coreDumpOf(new RuntimeException("elsewhere")).isEmpty());
  }

  private static final String HOST_CALLER =
      "(module\n"
          + "  (import \"host\" \"fail\" (func $fail (param i32 i64)))\n"
          + "  (func (export \"clobber\") (result i32) (i32.const 1234))\n"
          + "  (func (export \"run\") (param i32)\n"
          + "    i32.const 11\n"
          + "    local.get 0\n"
          + "    i64.const 99\n"
          + "    call $fail\n"
          + "    drop))";

  private static CoreDump hostTrap(boolean callBackFirst) {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("host.wasm");
    AtomicReference<Instance> self = new AtomicReference<>();
    HostFunction fail = new HostFunction("host", "fail",
        FunctionType.of(List.of(ValType.I32, ValType.I64), List.of()),
        (instance, args) -> {
          if (callBackFirst) {
            self.get().export("clobber").apply();
          }
          throw new TrapException("host says no");
        });
    Instance instance = coredumps.instantiate(
        Instance.builder(coredumps.parse(Wat.compile(HOST_CALLER)))
            .withImportValues(ImportValues.builder().addFunction(fail).build()));
    self.set(instance);
    ChicoryException trap = trapOf(() -> instance.export("run").apply(5));
    return coredumps.coreDumpOf(trap).orElseThrow();
  }

  @Test
  void aTrapInAHostFunctionIsReportedAtTheCallWithItsArguments() {
    CoreDump dump = hostTrap(false);
    // body: 00 (no locals) | 41 0b | 20 00 | 42 e3 00 | 10 00 (call at offset 8)
    assertEquals(List.of(new Frame(0, 2, 8, List.of(Value.i32(5)),
        List.of(Value.i32(11), Value.i32(5), Value.i64(99)))), frames(dump));
  }

  @Test
  void argumentsOfAHostCallAreMissingWhenTheHostCalledBackFirst() {
    CoreDump dump = hostTrap(true);
    assertEquals(List.of(new Frame(0, 2, 8, List.of(Value.i32(5)),
        List.of(Value.i32(11), Value.MISSING, Value.MISSING))), frames(dump));
  }

  @Test
  void aTrapCaughtInsideByAHostFunctionLeavesNoDumpAndNoTrace() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    AtomicReference<Instance> self = new AtomicReference<>();
    AtomicReference<ChicoryException> caught = new AtomicReference<>();
    HostFunction catching = new HostFunction("host", "catching", FunctionType.empty(),
        (instance, args) -> {
          try {
            self.get().export("boom").apply();
          } catch (ChicoryException e) {
            caught.set(e);
          }
          return null;
        });
    Instance instance = coredumps.instantiate(
        Instance.builder(coredumps.parse(Wat.compile(
            "(module (import \"host\" \"catching\" (func $c))"
                + " (func (export \"boom\") unreachable)"
                + " (func (export \"run\") (result i32) (call $c) (i32.const 7))"
                + " (func (export \"div\") (param i32) (result i32)"
                + "   (i32.div_s (i32.const 1) (local.get 0))))")))
            .withImportValues(ImportValues.builder().addFunction(catching).build()));
    self.set(instance);
    assertEquals(7, instance.export("run").apply()[0]);
    assertTrue(coredumps.coreDumpOf(caught.get()).isEmpty());
    ChicoryException trap = trapOf(() -> instance.export("div").apply(0));
    // div is function 3; i32.div_s at body offset 5 (00 | 41 01 | 20 00 | 6d)
    assertEquals(List.of(new Frame(0, 3, 5, List.of(Value.i32(0)),
        List.of(Value.i32(1), Value.i32(0)))), frames(coredumps.coreDumpOf(trap).orElseThrow()));
  }

  @Test
  void aNormalEndSignalledByAnExceptionIsNotATrap() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    HostFunction exit = new HostFunction("host", "exit", FunctionType.empty(),
        (instance, args) -> {
          throw new ExecutionCompletedException("done");
        });
    Instance instance = coredumps.instantiate(
        Instance.builder(coredumps.parse(Wat.compile(
            "(module (import \"host\" \"exit\" (func $e)) (func (export \"run\") (call $e)))")))
            .withImportValues(ImportValues.builder().addFunction(exit).build()));
    ChicoryException e = trapOf(() -> instance.export("run").apply());
    assertTrue(coredumps.coreDumpOf(e).isEmpty());
  }

  @Test
  void aFailedInstantiationIsInItsOwnDumpAndForgottenAfterwards() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    Instance lib = coredumps.instantiate(Instance.builder(coredumps.parse(Wat.compile(
        "(module (memory (export \"mem\") 1) (func (export \"boom\") unreachable))"), "lib")));
    WasmModule app = coredumps.parse(Wat.compile(
        "(module (import \"lib\" \"mem\" (memory 1))"
            + " (func $s (i32.store (i32.const 0) (i32.const 42)) unreachable) (start $s))"),
        "app");
    RuntimeException failed = assertThrows(RuntimeException.class,
        () -> coredumps.instantiate(Instance.builder(app).withImportValues(
            ImportValues.builder().addMemory(new ImportMemory("lib", "mem", lib.memory())).build())));
    CoreDump atStart = coredumps.coreDumpOf(failed).orElseThrow();
    assertEquals(List.of("lib", "app"), atStart.modules());
    assertEquals(2, atStart.instances().size());
    assertEquals(1, atStart.memories().size(), "the shared memory, once");
    assertEquals(42, atStart.memories().get(0).contents().get(0));
    assertEquals(1, frames(atStart).get(0).instanceIndex());

    assertEquals(List.of(lib), coredumps.instances());
    CoreDump later = coredumps.coreDumpOf(trapOf(() -> lib.export("boom").apply())).orElseThrow();
    assertEquals(List.of("lib"), later.modules());
    assertEquals(1, later.instances().size());
  }

  @Test
  void aForgottenInstanceIsLeftOutOfLaterDumps() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    WasmModule m = coredumps.parse(Wat.compile("(module (func (export \"boom\") unreachable))"));
    Instance first = coredumps.instantiate(Instance.builder(m));
    Instance second = coredumps.instantiate(Instance.builder(m));
    CoreDump both = coredumps.coreDumpOf(trapOf(() -> second.export("boom").apply())).orElseThrow();
    assertEquals(List.of("<anonymous-module-0>"), both.modules());
    assertEquals(2, both.instances().size());
    assertEquals(1, frames(both).get(0).instanceIndex());
    coredumps.forget(first);
    CoreDump one = coredumps.coreDumpOf(trapOf(() -> second.export("boom").apply())).orElseThrow();
    assertEquals(1, one.instances().size());
    assertEquals(0, frames(one).get(0).instanceIndex());
  }

  @Test
  void theDumpShowsMemoryAsItWasAtTheTrap() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    Instance i = coredumps.instantiate(Instance.builder(coredumps.parse(Wat.compile(
        "(module (memory 1)"
            + " (func (export \"trap\") (i32.store8 (i32.const 100) (i32.const 1)) unreachable)"
            + " (func (export \"poke\") (i32.store8 (i32.const 100) (i32.const 2))))"))));
    ChicoryException trap = trapOf(() -> i.export("trap").apply());
    i.memory().grow(1);
    i.export("poke").apply();
    CoreDump dump = coredumps.coreDumpOf(trap).orElseThrow();
    assertEquals(1, dump.memories().get(0).minPages());
    assertEquals(1, dump.memories().get(0).contents().get(100));
  }

  private static WeakReference<Throwable> trapWithDump(ChicoryCoredumps coredumps, Instance i) {
    ChicoryException trap = trapOf(() -> i.export("boom").apply());
    assertTrue(coredumps.coreDumpOf(trap).isPresent());
    return new WeakReference<>(trap);
  }

  @Test
  void aDumpIsKeptNoLongerThanItsException() throws InterruptedException {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    Instance i = coredumps.instantiate(Instance.builder(coredumps.parse(Wat.compile(
        "(module (memory 1) (func (export \"boom\") unreachable))"))));
    WeakReference<Throwable> trap = trapWithDump(coredumps, i);
    for (int k = 0; k < 100 && trap.get() != null; k++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(trap.get(), "the exception is still reachable: something holds on to it");
  }

  @Test
  void deepRecursionEndingInATrapKeepsEveryFrame() {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("p");
    Instance i = coredumps.instantiate(Instance.builder(coredumps.parse(Wat.compile(
        "(module (func $down (export \"down\") (param i32) (result i32)"
            + "  (if (i32.eqz (local.get 0)) (then unreachable))"
            + "  (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))"))));
    CoreDump dump = coredumps.coreDumpOf(trapOf(() -> i.export("down").apply(500))).orElseThrow();
    List<Frame> frames = frames(dump);
    assertEquals(501, frames.size());
    for (int k = 0; k < frames.size(); k++) {
      assertEquals(List.of(Value.i32(k)), frames.get(k).locals(), "frame #" + k);
      if (k > 0) {
        assertEquals(List.of(Value.i32(1)), frames.get(k).stack(), "frame #" + k);
      }
    }
    assertFalse(frames.get(0).codeOffset() == frames.get(1).codeOffset());
  }
}
