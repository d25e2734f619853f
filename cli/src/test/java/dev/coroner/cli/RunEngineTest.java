package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code coroner run --engine compiled} writes the interpreter's dumps. */
class RunEngineTest {
  @TempDir Path tmp;

  @Test
  void aFixtureOnTheCompiledEngineWritesItsGolden() throws Exception {
    Path fixture = Cli.repo().resolve("wat/state/two-modules-204.wast");
    Cli.Result r = Cli.run("run", fixture, "--engine", "compiled", "--out", tmp);
    assertEquals(0, r.exit(), r::toString);
    assertArrayEquals(Files.readAllBytes(Cli.golden("state/two-modules-204.wast/19.core")),
        Files.readAllBytes(tmp.resolve("two-modules-204.wast.19.core")));
  }

  @Test
  void aProgramOnTheCompiledEngineWritesTheInterpretersDump() throws Exception {
    Path a = tmp.resolve("interpreted");
    Path b = tmp.resolve("compiled");
    try (Programs.Io io = new Programs.Io("")) {
      assertEquals(134, Cli.run("run", Programs.wasm("assert-fail"), "--out", a).exit());
    }
    Cli.Result r;
    try (Programs.Io io = new Programs.Io("")) {
      r = Cli.run("run", Programs.wasm("assert-fail"), "--engine", "compiled", "--out", b);
      assertEquals("Assertion failed: it->count >= 0 && \"stock count went negative\""
          + " (assert-fail.c: restock: 42)\n", io.err());
    }
    assertEquals(134, r.exit(), r::toString);
    assertArrayEquals(Files.readAllBytes(a.resolve("assert-fail.wasm.core")),
        Files.readAllBytes(b.resolve("assert-fail.wasm.core")));
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aTimeoutStopsACompiledProgramWithItsDump() throws Exception {
    Path spin = Cli.wasm(tmp, "spin.wasm", Programs.SPIN);
    Path out = tmp.resolve("dumps");
    try (Programs.Io io = new Programs.Io("")) {
      Cli.Result r = Cli.run("run", spin, "--engine", "compiled", "--timeout", "300ms",
          "--dump-on-interrupt", "--out", out);
      assertEquals(142, r.exit(), r::toString);
      assertTrue(r.err().contains("#0 spin.spin (func 1) offset 0x"), r::toString);
    }
  }

  @Test
  void anUnknownEngineIsAUsageError() {
    Cli.Result r = Cli.run("run", tmp.resolve("x.wasm"), "--engine", "jit");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("--engine: expected interpreter or compiled, got jit"),
        r::toString);
  }
}
