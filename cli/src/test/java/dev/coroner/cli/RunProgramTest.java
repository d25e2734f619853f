package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.wasi.ProgramResult;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code coroner run PROGRAM.wasm}: WASI programs, in-process with captured program streams. */
class RunProgramTest {
  @TempDir Path tmp;

  private static ProgramSpec spec(String id) throws Exception {
    return ProgramSpec.load(Cli.repo().resolve("programs"), id);
  }

  @Test
  void aTrapWritesTheSameDumpAsTheProgramRunnerAndReportsOnStderr() throws Exception {
    Path out = tmp.resolve("dumps");
    Cli.Result r;
    try (Programs.Io io = new Programs.Io("")) {
      r = Cli.run("run", Programs.wasm("assert-fail"), "--out", out);
      assertEquals("3 items, 59 pieces\nrestock washers (7 left)\nafter order: 44 pieces\n",
          io.out());
      assertEquals("Assertion failed: it->count >= 0 && \"stock count went negative\""
          + " (assert-fail.c: restock: 42)\n", io.err());
    }
    assertEquals(134, r.exit(), r::toString);
    assertEquals("", r.out(), "the report goes to stderr, the program's stdout stays its own");
    assertTrue(r.err().startsWith(Programs.wasm("assert-fail") + ": trap: unreachable (unreachable in"
        + " function "), r::toString);
    Path dump = out.resolve("assert-fail.wasm.core");
    assertTrue(r.err().contains("wrote " + dump + " ("), r::toString);
    int abort = r.err().indexOf("wasm:   assert-fail.wasm.abort (func ");
    int assertFail = r.err().indexOf("wasm:   assert-fail.wasm.__assert_fail (func ");
    int restock = r.err().indexOf("wasm:   assert-fail.wasm.restock (func ");
    int main = r.err().indexOf("wasm:   assert-fail.wasm.__original_main (func ");
    assertTrue(abort > 0 && assertFail > abort && restock > assertFail && main > restock,
        r::toString);
    // the line the program's own assert message names (SourceBacktraceOutputTest checks every
    // frame against llvm-symbolizer)
    assertTrue(r.err().contains("  #2 restock at assert-fail.c:42:"), r::toString);
    ProgramResult runner = ProgramRunner.run(spec("assert-fail/assert-fail.run.json"));
    assertArrayEquals(runner.coredumpBytes().orElseThrow(), Files.readAllBytes(dump),
        "coroner run writes the dump the program fixtures' runner makes");
    assertEquals("ok (canonical)", ValidateCommand.verdict(Files.readAllBytes(dump)));
  }

  @Test
  void argumentsEnvironmentAndFoldersReachTheProgram() throws Exception {
    Path data = Cli.repo().resolve("programs/argv-env-file/data");
    Path out = tmp.resolve("dumps");
    try (Programs.Io io = new Programs.Io("")) {
      Cli.Result ok = Cli.run("run", Programs.wasm("argv-env-file"), "--dir", data + "::/data",
          "--env", "SCALE=10", "--out", out, "--", "kilo");
      assertEquals(0, ok.exit(), ok::toString);
      assertEquals("4 units, scale 10\nkilo = 100\n", io.out());
      assertFalse(Files.exists(out), "no trap, no coredump");
    }
    try (Programs.Io io = new Programs.Io("")) {
      Cli.Result trap = Cli.run("run", Programs.wasm("argv-env-file"), "--dir", data + "::/data",
          "--env", "SCALE=-1", "--out", out, "--", "min");
      assertEquals(134, trap.exit(), trap::toString);
      assertTrue(trap.err().contains(": trap: integer overflow"), trap::toString);
      assertArrayEquals(
          ProgramRunner.run(spec("argv-env-file/argv-env-file.run.json")).coredumpBytes()
              .orElseThrow(),
          Files.readAllBytes(out.resolve("argv-env-file.wasm.core")));
    }
    try (Programs.Io io = new Programs.Io("")) {
      Cli.Result usage = Cli.run("run", Programs.wasm("argv-env-file"), "--out", out);
      assertEquals(64, usage.exit(), "the program's own exit code");
      assertEquals("usage: argv-env-file.wasm QUANTITY\n", io.err());
    }
  }

  @Test
  void reproducibleFixesTheRandomnessThatRustsHashMapDrawsOn() throws Exception {
    Path out = tmp.resolve("dumps");
    try (Programs.Io io = new Programs.Io("")) {
      Cli.Result r =
          Cli.run("run", Programs.wasm("rust-ledger"), "--reproducible", "--out", out);
      assertEquals(134, r.exit(), r::toString);
      assertTrue(io.err().startsWith("thread 'main' panicked at 'index out of bounds"),
          io::err);
    }
    assertArrayEquals(
        ProgramRunner.run(spec("rust-ledger/rust-ledger.run.json")).coredumpBytes().orElseThrow(),
        Files.readAllBytes(out.resolve("rust-ledger.wasm.core")));
  }

  @Test
  void theProgramsExitCodeAndStdinPassThrough() throws Exception {
    try (Programs.Io io = new Programs.Io("ann 34\nbob -3\n")) {
      Cli.Result r = Cli.run("run", Programs.wasm("exit-code"), "--out", tmp);
      assertEquals(1, r.exit(), r::toString);
      assertEquals("1 valid, 1 invalid\n", io.out());
      assertEquals("invalid: bob -3\n", io.err());
      assertEquals("", r.err());
    }
  }

  @Test
  void exitCodesAbove125BecomeOneTwentySix() throws Exception {
    String exits = "(module (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $e (param i32)))"
        + " (memory (export \"memory\") 1) (func (export \"_start\") (call $e (i32.const %d))))";
    try (Programs.Io io = new Programs.Io("")) {
      Path p125 = Cli.wasm(tmp, "e125.wasm", String.format(exits, 125));
      assertEquals(125, Cli.run("run", p125, "--out", tmp).exit());
      Path p300 = Cli.wasm(tmp, "e300.wasm", String.format(exits, 300));
      Cli.Result r = Cli.run("run", p300, "--out", tmp);
      assertEquals(126, r.exit(), r::toString);
      assertEquals(p300 + ": the program exited with code 300, above 125; coroner exits with"
          + " 126\n", r.err());
      Path max = Cli.wasm(tmp, "emax.wasm", String.format(exits, -1));
      assertTrue(Cli.run("run", max, "--out", tmp).err().contains("code 4294967295"));
    }
  }

  @Test
  void oneMebibyteToStdoutWorks() throws Exception {
    try (Programs.Io io = new Programs.Io("")) {
      Cli.Result r = Cli.run("run", Programs.wasm("big-output"), "--out", tmp);
      assertEquals(0, r.exit(), r::toString);
      assertEquals(1 << 20, io.out.size());
      assertEquals(spec("big-output/big-output.run.json").expect().stdoutSha256().orElseThrow(),
          ProgramResult.sha256(io.out.toByteArray()));
    }
  }

  @Test
  void dirOnAMissingFolderIsAUsageErrorNamingIt() throws Exception {
    Path missing = tmp.resolve("no-such-folder");
    Cli.Result r = Cli.run("run", Programs.wasm("argv-env-file"), "--dir", missing + "::/data",
        "--out", tmp, "--", "kilo");
    assertEquals(2, r.exit(), r::toString);
    assertEquals("--dir " + missing + "::/data: " + missing + ": no such folder\n", r.err());
    Cli.Result file = Cli.run("run", Programs.wasm("argv-env-file"), "--dir",
        Programs.wasm("argv-env-file"), "--out", tmp);
    assertEquals(2, file.exit(), file::toString);
    assertTrue(file.err().endsWith(": not a folder\n"), file::toString);
  }

  @Test
  void badEnvAndTimeoutAreUsageErrors() {
    Cli.Result env = Cli.run("run", Programs.wasm("exit-code"), "--env", "NOVALUE");
    assertEquals(2, env.exit(), env::toString);
    assertEquals("--env NOVALUE: expected NAME=VALUE\n", env.err());
    Cli.Result timeout = Cli.run("run", Programs.wasm("exit-code"), "--timeout", "soon");
    assertEquals(2, timeout.exit(), timeout::toString);
    assertEquals("--timeout soon: expected a duration such as 500ms, 10s, 1.5s, 2m or 1h\n",
        timeout.err());
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void timeoutStopsAProgramThatNeverEndsWithoutADump() throws Exception {
    Path spin = Cli.wasm(tmp, "spin.wasm", Programs.SPIN);
    Path out = tmp.resolve("dumps");
    try (Programs.Io io = new Programs.Io("")) {
      Cli.Result r = Cli.run("run", spin, "--timeout", "300ms", "--out", out);
      assertEquals(142, r.exit(), r::toString);
      assertEquals("started\n", io.out());
      assertTrue(r.err().startsWith(spin + ": stopped: timed out after 300 ms (in function 1 of"
          + " instance spin at code offset "), r::toString);
      assertTrue(r.err().endsWith("no coredump written (--dump-on-interrupt writes one)\n"),
          r::toString);
      assertFalse(Files.exists(out), "no coredump unless asked for");
      Cli.Result dumped =
          Cli.run("run", spin, "--timeout", "300ms", "--dump-on-interrupt", "--out", out);
      assertEquals(142, dumped.exit(), dumped::toString);
      assertTrue(dumped.err().contains("#0 spin.spin (func 1) offset 0x"), dumped::toString);
      assertTrue(Files.isRegularFile(out.resolve("spin.wasm.core")));
    }
  }

  @Test
  void aModuleWithoutStartIsNotAProgramAndGetsPointedToInvoke() throws Exception {
    Path reactor = Cli.wasm(tmp, "lib.wasm", "(module"
        + " (import \"wasi_snapshot_preview1\" \"fd_write\""
        + " (func (param i32 i32 i32 i32) (result i32)))"
        + " (memory (export \"memory\") 1)"
        + " (global $ready (mut i32) (i32.const 0))"
        + " (func (export \"_initialize\") (global.set $ready (i32.const 1)))"
        + " (func (export \"check\") (result i32)"
        + "   (if (global.get $ready) (then unreachable)) (i32.const 7)))");
    Cli.Result r = Cli.run("run", reactor, "--out", tmp);
    assertEquals(1, r.exit(), r::toString);
    assertEquals(reactor + ": instantiated without trapping, and it is not a WASI program: it"
        + " exports no \"_start\" (a reactor or library module; exported functions:"
        + " _initialize, check); use --invoke NAME [ARGS...] to call an export; no coredump"
        + " written\n", r.err());
    Cli.Result invoked = Cli.run("run", reactor, "--invoke", "check", "--out", tmp);
    assertEquals(0, invoked.exit(), "_initialize ran first, so check traps: " + invoked);
    assertTrue(invoked.out().contains("--invoke check: trap: unreachable"), invoked::toString);
  }

  @Test
  void anUnknownWasiImportIsALinkErrorNamingModuleFieldAndType() throws Exception {
    Path bad = Cli.wasm(tmp, "bad.wasm", "(module (import \"wasi_snapshot_preview1\" \"fd_wirte\""
        + " (func (param i32 i32 i32 i32) (result i32))) (func (export \"_start\")))");
    Cli.Result r = Cli.run("run", bad, "--out", tmp);
    assertEquals(1, r.exit(), r::toString);
    assertEquals(bad + ": cannot link: unknown import (\"wasi_snapshot_preview1\" \"fd_wirte\""
        + " (func (param i32) (param i32) (param i32) (param i32) (result i32)): WASI preview 1"
        + " (as implemented by Chicory 1.7.5) has no function \"fd_wirte\")\n", r.err());
  }
}
