package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Store#interrupt()} stops a runaway guest from another thread, with a dump. */
class InterruptTest {

  private static final String RUNAWAY =
      "(module"
          + " (func (export \"spin\") (local i32)"
          + "  (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l)))"
          + " (func (export \"spin_if\") (local i32)"
          + "  (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1)))"
          + "   (br_if $l (i32.ne (local.get 0) (i32.const -1)))))"
          + " (func $fib (export \"fib\") (param i32) (result i32)"
          + "  (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))"
          + "   (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))"
          + "    (call $fib (i32.sub (local.get 0) (i32.const 2))))))))";

  private static TrapException interruptAfter(String export, long... args) throws Exception {
    Store store = new Store(StoreConfig.defaults().withCapture("runaway.wat"));
    Instance inst = store.instantiate(WasmModule.parse(Wat.bytes(RUNAWAY)));
    CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
      try {
        inst.invoke(export, args);
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    Thread.sleep(200);
    assertFalse(run.isDone(), export + " finished on its own");
    store.interrupt();
    Throwable t = run.get(10, TimeUnit.SECONDS);
    assertTrue(t instanceof TrapException, "expected a trap, got " + t);
    assertTrue(store.isInterrupted());
    return (TrapException) t;
  }

  @Test
  void stopsALoopWithABackwardBr() throws Exception {
    TrapException t = interruptAfter("spin");
    assertEquals(TrapException.INTERRUPTED, t.specMessage());
    CoreDump dump = t.coreDump().orElseThrow();
    assertEquals(1, dump.threads().get(0).frames().size());
  }

  @Test
  void stopsALoopWithAFusedCompareAndBranch() throws Exception {
    assertEquals(TrapException.INTERRUPTED, interruptAfter("spin_if").specMessage());
  }

  @Test
  void stopsRecursionWithoutLoopsAtItsNextCall() throws Exception {
    assertEquals(TrapException.INTERRUPTED, interruptAfter("fib", 60).specMessage());
  }

  @Test
  void anInterruptedStoreStaysInterrupted() throws Exception {
    Store store = new Store(StoreConfig.defaults());
    Instance inst = store.instantiate(WasmModule.parse(Wat.bytes(RUNAWAY)));
    store.interrupt();
    TrapException t = assertThrows(TrapException.class, () -> inst.invoke("fib", 20));
    assertEquals(TrapException.INTERRUPTED, t.specMessage());
    assertEquals(1, inst.invoke("fib", 1)[0], "no call and no loop: still runs");
  }

  @Test
  void withoutInterruptionLoopsAndCallsRunNormally() {
    Store store = new Store(StoreConfig.defaults());
    Instance inst = store.instantiate(WasmModule.parse(Wat.bytes(RUNAWAY)));
    assertEquals(6765, inst.invoke("fib", 20)[0]);
  }
}
