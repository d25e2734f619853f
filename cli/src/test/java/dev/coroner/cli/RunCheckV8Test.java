package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.harness.v8.V8CrossCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coroner run --check-v8}: the V8 cross-check of the dumps just written. */
class RunCheckV8Test {

  @TempDir Path tmp;

  @BeforeEach
  void needsNode() {
    V8CrossCheck.Availability available = V8CrossCheck.find();
    assumeTrue(available.check().isPresent() || V8CrossCheck.Availability.required(),
        "V8 cross-check skipped: " + available.reason());
  }

  @Test
  void agreementIsReportedPerDumpAfterTheDumpsAreWritten() {
    Path fixture = Cli.repo().resolve("wat/state/two-modules-204.wast");
    Cli.Result r = Cli.run("run", "--check-v8", fixture, "--out", tmp);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(Files.exists(tmp.resolve("two-modules-204.wast.19.core")), r::toString);
    int backtrace = r.out().indexOf("#1 B.g (func 1) offset 0x8");
    int verdict = r.out().indexOf(
        "state/two-modules-204.wast:19: V8 agrees (2 frames: instance, function and offset)");
    assertTrue(backtrace >= 0 && verdict > backtrace, r::toString);
    assertTrue(r.out().contains("[V8CrossCheck] node v"), r::toString);
    assertTrue(r.out().contains(": 1 dump, 1 compared frame by frame (2 frames, 2 matched),"
        + " 0 disagreeing;"), r::toString);
  }

  @Test
  void documentedExceptionsAreNamedAndPass() {
    Cli.Result r = Cli.run("run", "--check-v8",
        Cli.repo().resolve("wat/state/host-mid-stack.wast"), "--out", tmp);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("state/host-mid-stack.wast:19: documented exception, host module"
        + " V8 lacks: imports host module \"coroner\" (line 4)"), r::toString);

    r = Cli.run("run", "--check-v8",
        Cli.repo().resolve("wat/traps/call-stack-exhausted.wast"), "--out", tmp);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("traps/call-stack-exhausted.wast:7: documented exception, stack"
        + " exhaustion: V8's frame #0 (instance 0, wasm-function[0]:0x"), r::toString);
    assertTrue(r.out().contains("(100 frames agree)"), r::toString);
  }

  @Test
  void checkV8IsForFixturesOnly() throws Exception {
    Path wasm = tmp.resolve("m.wasm");
    Files.write(wasm, Cli.modules("(module (func (export \"f\") unreachable))").get(0));
    Cli.Result r = Cli.run("run", "--check-v8", wasm, "--invoke", "f");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("--check-v8 applies to fixtures, not to a .wasm module"),
        r::toString);
  }
}
