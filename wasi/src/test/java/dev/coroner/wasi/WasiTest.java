package dev.coroner.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.interpreter.Instance;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UnlinkableException;
import dev.coroner.interpreter.WasmModule;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class WasiTest {
  private static final String IMPORTS =
      "  (import \"wasi_snapshot_preview1\" \"fd_write\""
          + " (func $fd_write (param i32 i32 i32 i32) (result i32)))\n"
          + "  (import \"wasi_snapshot_preview1\" \"fd_read\""
          + " (func $fd_read (param i32 i32 i32 i32) (result i32)))\n"
          + "  (import \"wasi_snapshot_preview1\" \"args_get\""
          + " (func $args_get (param i32 i32) (result i32)))\n"
          + "  (import \"wasi_snapshot_preview1\" \"random_get\""
          + " (func $random_get (param i32 i32) (result i32)))\n"
          + "  (import \"wasi_snapshot_preview1\" \"path_open\" (func $path_open"
          + " (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))\n"
          + "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $proc_exit (param i32)))\n";

  /** One page of memory: iovec at 0 -> "hello" at 16; an iovec at 32 that crosses the end. */
  private static final String POINTERS = "(module\n" + IMPORTS
      + "  (memory (export \"memory\") 1)\n"
      + "  (data (i32.const 0) \"\\10\\00\\00\\00\\05\\00\\00\\00\")\n"
      + "  (data (i32.const 16) \"hello\")\n"
      + "  (data (i32.const 32) \"\\f0\\ff\\00\\00\\11\\00\\00\\00\")\n"
      + "  (data (i32.const 48) \"\\40\\00\\00\\00\\08\\00\\00\\00\")\n"
      + "  (func (export \"write_ok\") (result i32) (call $fd_write (i32.const 1) (i32.const 0)"
      + " (i32.const 1) (i32.const 100)))\n"
      + "  (func (export \"write_crossing_end\") (result i32) (call $fd_write (i32.const 1)"
      + " (i32.const 32) (i32.const 1) (i32.const 100)))\n"
      + "  (func (export \"write_result_outside\") (result i32) (call $fd_write (i32.const 1)"
      + " (i32.const 0) (i32.const 1) (i32.const 65533)))\n"
      + "  (func (export \"write_iovecs_outside\") (result i32) (call $fd_write (i32.const 1)"
      + " (i32.const -16) (i32.const 1) (i32.const 100)))\n"
      + "  (func (export \"write_huge_count\") (result i32) (call $fd_write (i32.const 1)"
      + " (i32.const 0) (i32.const -1) (i32.const 100)))\n"
      + "  (func (export \"read_result_outside\") (result i32) (call $fd_read (i32.const 0)"
      + " (i32.const 48) (i32.const 1) (i32.const 65536)))\n"
      + "  (func (export \"read_ok\") (result i32) (call $fd_read (i32.const 0)"
      + " (i32.const 48) (i32.const 1) (i32.const 100)))\n"
      + "  (func (export \"args_outside\") (result i32) (call $args_get (i32.const 65536)"
      + " (i32.const 200)))\n"
      + "  (func (export \"random_crossing_end\") (result i32) (call $random_get"
      + " (i32.const 65535) (i32.const 2)))\n"
      + "  (func (export \"path_outside\") (result i32) (call $path_open (i32.const 3)"
      + " (i32.const 0) (i32.const -16) (i32.const 10) (i32.const 0) (i64.const 0)"
      + " (i64.const 0) (i32.const 0) (i32.const 100)))\n"
      + ")";

  @TempDir Path tmp;

  private Instance pointers(TestSupport.Sandbox box) {
    return box.store.instantiate(TestSupport.wat(POINTERS), "pointers");
  }

  private static long call(Instance instance, String name) {
    return instance.invoke(name)[0];
  }

  @Test
  void goodPointersWork() {
    TestSupport.Sandbox box = new TestSupport.Sandbox("abc", List.of("p"));
    Instance p = pointers(box);
    assertEquals(0, call(p, "write_ok"));
    assertEquals("hello", box.out());
    assertEquals(0, call(p, "read_ok"));
  }

  @Test
  void pointersOutsideMemoryReturnEfaultAndTouchNothing() {
    TestSupport.Sandbox box = new TestSupport.Sandbox("abc", List.of("p"));
    Instance p = pointers(box);
    assertEquals(Wasi.EFAULT, call(p, "write_crossing_end"));
    assertEquals(Wasi.EFAULT, call(p, "write_result_outside"));
    assertEquals(Wasi.EFAULT, call(p, "write_iovecs_outside"));
    assertEquals(Wasi.EFAULT, call(p, "write_huge_count"));
    assertEquals("", box.out(), "nothing written when a pointer is bad");
    assertEquals(Wasi.EFAULT, call(p, "args_outside"));
    assertEquals(Wasi.EFAULT, call(p, "random_crossing_end"));
    assertEquals(Wasi.EFAULT, call(p, "read_result_outside"));
    // The failed read consumed nothing: the good one still gets all of stdin.
    assertEquals(0, call(p, "read_ok"));
    byte[] got = new byte[3];
    p.memory(0).read(64, got, 0, 3);
    assertEquals("abc", new String(got, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aPathOutsideMemoryReturnsEfault() throws Exception {
    TestSupport.Sandbox box = new TestSupport.Sandbox(
        WasiOptions.builder().withDirectory("/d", tmp));
    assertEquals(Wasi.EFAULT, call(pointers(box), "path_outside"));
  }

  @Test
  void aHugeBufferBecomesAShortWriteNotAHugeHostAllocation() {
    // 512 pages (32 MiB); one iovec of 20 MiB at address 1 MiB; nwritten at 0.
    String big = "(module " + IMPORTS + " (memory (export \"memory\") 512)"
        + " (data (i32.const 16) \"\\00\\00\\10\\00\\00\\00\\40\\01\")"
        + " (func (export \"write\") (result i32) (call $fd_write (i32.const 1) (i32.const 16)"
        + " (i32.const 1) (i32.const 0)))"
        + " (func (export \"written\") (result i32) (i32.load (i32.const 0))))";
    long[] total = {0};
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        total[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        total[0] += len;
      }
    };
    dev.coroner.interpreter.Store store = new dev.coroner.interpreter.Store();
    Wasi.create(WasiOptions.builder().withStdout(counting, false).build()).register(store);
    Instance p = store.instantiate(TestSupport.wat(big), "big");
    assertEquals(0, call(p, "write"));
    assertEquals(WasiFunctions.MAX_TRANSFER, call(p, "written"), "a short write of 16 MiB");
    assertEquals(WasiFunctions.MAX_TRANSFER, total[0]);
  }

  @Test
  void procExitEndsTheRunWithItsCodeAndNoTrap() {
    String exiting = "(module " + IMPORTS + " (memory (export \"memory\") 1)"
        + " (func (export \"_start\") (call $proc_exit (i32.const %d)) unreachable))";
    ProgramOutcome seven = new TestSupport.Sandbox("", List.of()).run(
        TestSupport.wat(String.format(exiting, 7)));
    assertEquals(new ProgramOutcome.Exited(7), seven);
    ProgramOutcome zero = new TestSupport.Sandbox("", List.of()).run(
        TestSupport.wat(String.format(exiting, 0)));
    assertEquals(new ProgramOutcome.Exited(0), zero);
    ProgramOutcome max = new TestSupport.Sandbox("", List.of()).run(
        TestSupport.wat(String.format(exiting, -1)));
    assertEquals(new ProgramOutcome.Exited(4294967295L), max);
  }

  @Test
  void returningFromStartIsExitCodeZero() {
    ProgramOutcome o = new TestSupport.Sandbox("", List.of()).run(
        TestSupport.wat("(module (func (export \"_start\")))"));
    assertEquals(new ProgramOutcome.Exited(0), o);
  }

  @Test
  void aTrapInStartIsATrapWithItsDump() {
    ProgramOutcome o = new TestSupport.Sandbox("", List.of()).run(
        TestSupport.wat("(module (memory 1) (func (export \"_start\") unreachable))"));
    ProgramOutcome.Trapped t = assertInstanceOf(ProgramOutcome.Trapped.class, o);
    assertEquals("unreachable", t.trap().specMessage());
    assertTrue(t.trap().coreDump().isPresent());
  }

  @Test
  void aHostExceptionThatIsNoWasiErrorIsAnInternalErrorNotATrap() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) {
        throw new IllegalStateException("the stream is broken");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        throw new IllegalStateException("the stream is broken");
      }
    };
    com.dylibso.chicory.wasi.WasiOptions options =
        WasiOptions.builder().withStdout(broken, false).build();
    dev.coroner.interpreter.Store store = new dev.coroner.interpreter.Store(
        dev.coroner.interpreter.StoreConfig.defaults().withCapture("t.wasm"));
    Wasi.create(options).register(store);
    Instance p = store.instantiate(TestSupport.wat(POINTERS), "p");
    WasiInternalError e = assertThrows(WasiInternalError.class, () -> p.invoke("write_ok"));
    assertEquals("fd_write", e.function());
    assertEquals("internal error in WASI function fd_write (Chicory WasiPreview1):"
        + " java.lang.IllegalStateException: the stream is broken", e.getMessage());
  }

  @Test
  void aCallerWithoutMemoryGetsEfault() {
    TestSupport.Sandbox box = new TestSupport.Sandbox("", List.of("a"));
    Instance i = box.store.instantiate(TestSupport.wat("(module (import \"wasi_snapshot_preview1\""
        + " \"args_sizes_get\" (func $f (param i32 i32) (result i32)))"
        + " (func (export \"go\") (result i32) (call $f (i32.const 0) (i32.const 4))))"), "m");
    assertEquals(Wasi.EFAULT, call(i, "go"));
  }

  @Test
  void anUnknownWasiFunctionIsALinkErrorNamingModuleFieldAndType() {
    WasmModule m = TestSupport.wat("(module (import \"wasi_snapshot_preview1\" \"fd_frobnicate\""
        + " (func (param i32 i64) (result i32))) (func (export \"_start\")))");
    UnlinkableException e = assertThrows(UnlinkableException.class,
        () -> WasiImports.check(m, Set.of()));
    assertEquals("unknown import (\"wasi_snapshot_preview1\" \"fd_frobnicate\""
        + " (func (param i32) (param i64) (result i32)): WASI preview 1 (as implemented by"
        + " Chicory 1.7.5) has no function \"fd_frobnicate\")", e.getMessage());
    UnlinkableException run = assertThrows(UnlinkableException.class,
        () -> new TestSupport.Sandbox("", List.of()).run(m));
    assertEquals(e.getMessage(), run.getMessage());
  }

  @Test
  void aWasiFunctionOfTheWrongTypeIsALinkErrorNamingBothTypes() {
    WasmModule m = TestSupport.wat("(module (import \"wasi_snapshot_preview1\" \"fd_write\""
        + " (func (param i32) (result i32))) (func (export \"_start\")))");
    UnlinkableException e = assertThrows(UnlinkableException.class,
        () -> WasiImports.check(m, Set.of()));
    assertEquals("incompatible import type (\"wasi_snapshot_preview1\" \"fd_write\""
        + " (func (param i32) (result i32)): WASI preview 1 defines \"fd_write\" as (func"
        + " (param i32) (param i32) (param i32) (param i32) (result i32)))", e.getMessage());
  }

  @Test
  void anImportFromAnotherModuleIsALinkErrorNamingItsType() {
    WasmModule m = TestSupport.wat("(module (import \"env\" \"counter\" (global (mut i32)))"
        + " (func (export \"_start\")))");
    UnlinkableException e = assertThrows(UnlinkableException.class,
        () -> WasiImports.check(m, Set.of()));
    assertEquals("unknown import (\"env\" \"counter\" (global (mut i32)): no module \"env\" is"
        + " available (only wasi_snapshot_preview1))", e.getMessage());
  }

  @Test
  void aModuleWithoutStartIsNotACommand() {
    WasmModule reactor = TestSupport.wat("(module (func (export \"_initialize\"))"
        + " (func (export \"add\") (param i32 i32) (result i32) local.get 0))");
    NotACommandException e = assertThrows(NotACommandException.class,
        () -> new TestSupport.Sandbox("", List.of()).run(reactor));
    assertEquals(List.of("_initialize", "add"), e.exportedFunctions());
    assertTrue(e.getMessage().contains("exports no function \"_start\""), e.getMessage());
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aProgramThatNeverEndsIsStoppedByTheGuard() {
    TestSupport.Sandbox box = new TestSupport.Sandbox("", List.of());
    ProgramOutcome o;
    try (RunGuard guard = new RunGuard(box.store)) {
      guard.stopAfter(Duration.ofMillis(200));
      o = box.run(TestSupport.wat("(module (func (export \"_start\") (loop (br 0))))"));
      assertEquals("timed out after 200 ms", guard.reason().orElseThrow());
    }
    ProgramOutcome.Interrupted i = assertInstanceOf(ProgramOutcome.Interrupted.class, o);
    assertTrue(i.trap().coreDump().isPresent(), "capture was on");
    assertTrue(!Thread.currentThread().isInterrupted(), "the guard cleared the flag");
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aProgramWaitingInPollOneoffIsStoppedByTheGuard() {
    // One clock subscription (monotonic, relative) with the longest timeout there is.
    String sleeper = "(module (import \"wasi_snapshot_preview1\" \"poll_oneoff\""
        + " (func $poll (param i32 i32 i32 i32) (result i32)))"
        + " (memory (export \"memory\") 1)"
        + " (data (i32.const 16) \"\\01\\00\\00\\00\")"
        + " (data (i32.const 24) \"\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\7f\")"
        + " (func (export \"_start\") (drop (call $poll (i32.const 0) (i32.const 64)"
        + " (i32.const 1) (i32.const 128)))))";
    TestSupport.Sandbox box = new TestSupport.Sandbox("", List.of());
    long start = System.nanoTime();
    ProgramOutcome o;
    try (RunGuard guard = new RunGuard(box.store)) {
      guard.stopAfter(Duration.ofMillis(200));
      o = box.run(TestSupport.wat(sleeper));
    }
    ProgramOutcome.Interrupted i = assertInstanceOf(ProgramOutcome.Interrupted.class, o);
    assertEquals(TrapException.INTERRUPTED, i.trap().specMessage());
    assertTrue(i.trap().getMessage().contains("poll_oneoff"), i.trap().getMessage());
    assertTrue(System.nanoTime() - start < 30_000_000_000L, "woken up, not slept out");
  }
}
