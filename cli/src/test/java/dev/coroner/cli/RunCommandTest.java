package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

  private static final String DIV =
      "(module $M\n"
          + "  (func $div (export \"div\") (param $a i32) (param $b i32) (result i32)\n"
          + "    (i32.div_s (local.get $a) (local.get $b)))\n"
          + "  (func (export \"neg\") (param i64) (param f32) (param f64) (result i64)\n"
          + "    (local.get 0)))\n";

  @TempDir Path tmp;

  @Test
  void runTwoModules204WritesTheGoldenAndNamesBothFrames() throws Exception {
    Path fixture = Cli.repo().resolve("wat/state/two-modules-204.wast");
    Cli.Result r = Cli.run("run", fixture, "--out", tmp);
    assertEquals(0, r.exit(), r::toString);
    Path written = tmp.resolve("two-modules-204.wast.19.core");
    assertArrayEquals(
        Files.readAllBytes(Cli.golden("state/two-modules-204.wast/19.core")),
        Files.readAllBytes(written));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "exactly one coredump");
    }
    assertTrue(r.out().contains("state/two-modules-204.wast:19: trap: unreachable"), r::toString);
    assertTrue(r.out().contains("wrote " + written), r::toString);
    int a = r.out().indexOf("#0 A.f (func 0) offset 0x8");
    int b = r.out().indexOf("#1 B.g (func 1) offset 0x8");
    assertTrue(a >= 0 && b > a, r::toString);
    assertTrue(r.out().contains("$x=i32 42"), r::toString);
    assertTrue(r.out().contains("i32 1 (bottom to top)"), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void everyTrapOfAFixtureGetsItsOwnFile() throws Exception {
    Path fixture = tmp.resolve("two.wat");
    Files.writeString(
        fixture,
        ";; @trap (invoke \"boom\")\n"
            + ";; @trap (invoke \"div\" (i32.const 1) (i32.const 0)) \"integer divide by zero\"\n"
            + "(module\n"
            + "  (func (export \"boom\") unreachable)\n"
            + "  (func (export \"div\") (param i32 i32) (result i32)\n"
            + "    (i32.div_s (local.get 0) (local.get 1))))\n");
    Path out = tmp.resolve("dumps");
    Cli.Result r = Cli.run("run", fixture, "--out", out);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(Files.isRegularFile(out.resolve("two.wat.1.core")), r::toString);
    assertTrue(Files.isRegularFile(out.resolve("two.wat.2.core")), r::toString);
    assertTrue(r.out().contains("two.wat:2: trap: integer divide by zero"), r::toString);
  }

  @Test
  void missingFixtureIsAUsageError() {
    Path missing = tmp.resolve("nope.wast");
    Cli.Result r = Cli.run("run", missing, "--out", tmp);
    assertEquals(2, r.exit(), r::toString);
    assertEquals(missing + ": no such file\n", r.err());
  }

  @Test
  void syntaxErrorGivesWabtsFileLineAndColumn() throws Exception {
    Path fixture = tmp.resolve("broken.wast");
    Files.writeString(fixture, "(module\n  (func oops))\n");
    Cli.Result r = Cli.run("run", fixture, "--out", tmp);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith("broken.wast:2:9: error:"), r::toString);
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void fixtureWithoutTrappingCommandSaysItDoesNotTrap() throws Exception {
    Path fixture = tmp.resolve("calm.wast");
    Files.writeString(fixture, "(module (func (export \"f\")))\n(invoke \"f\")\n");
    Cli.Result r = Cli.run("run", fixture, "--out", tmp.resolve("out"));
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith("calm.wast: the fixture does not trap"), r::toString);
    assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
  }

  @Test
  void assertTrapThatCompletesIsReportedWithItsLine() throws Exception {
    Path fixture = tmp.resolve("fine.wast");
    Files.writeString(
        fixture, "(module (func (export \"f\")))\n(assert_trap (invoke \"f\") \"unreachable\")\n");
    Cli.Result r = Cli.run("run", fixture, "--out", tmp);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith("fine.wast:2: expected a trap"), r::toString);
  }

  @Test
  void wasmInvokeWritesADumpNamedAfterTheFile() throws Exception {
    Path module = Cli.wasm(tmp, "div.wasm", DIV);
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("run", module, "--invoke", "div", "--out", out, "7", "0x0");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith(module + " --invoke div: trap: integer divide by zero"), r::toString);
    assertTrue(r.out().contains("#0 M.div (func 0) offset 0x"), r::toString);
    assertTrue(r.out().contains("$a=i32 7, $b=i32 0"), r::toString);
    byte[] dump = Files.readAllBytes(out.resolve("div.wasm.core"));
    assertEquals("ok (canonical)", ValidateCommand.verdict(dump));
    Cli.Result inspected = Cli.run("inspect", out.resolve("div.wasm.core"));
    assertTrue(inspected.out().contains("process \"div.wasm\""), inspected::toString);
  }

  @Test
  void wasmArgumentsAreCheckedAgainstTheParameterTypes() throws Exception {
    Path module = Cli.wasm(tmp, "div.wasm", DIV);
    Cli.Result count = Cli.run("run", module, "--invoke", "div", "--out", tmp, "1");
    assertEquals(2, count.exit(), count::toString);
    assertTrue(count.err().contains("export \"div\" takes 2 arguments (i32, i32), got 1"), count::toString);
    Cli.Result bad = Cli.run("run", module, "--invoke", "div", "--out", tmp, "1", "x");
    assertEquals(2, bad.exit(), bad::toString);
    assertTrue(bad.err().contains("argument 2 of \"div\" (\"x\"): expected an i32"), bad::toString);
  }

  @Test
  void wasmExportThatReturnsIsNotATrap() throws Exception {
    Path module = Cli.wasm(tmp, "div.wasm", DIV);
    Cli.Result r =
        Cli.run("run", module, "--invoke", "neg", "--out", tmp, "--", "-5", "nan", "-inf");
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("neg returned [i64:-5] without trapping"), r::toString);
  }

  @Test
  void wasmWithoutInvokeAndWithoutTrappingStartFails() throws Exception {
    Path module = Cli.wasm(tmp, "div.wasm", DIV);
    Cli.Result r = Cli.run("run", module, "--out", tmp);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("instantiated without trapping"), r::toString);
    Cli.Result missing = Cli.run("run", module, "--invoke", "nope", "--out", tmp);
    assertEquals(1, missing.exit(), missing::toString);
    assertTrue(missing.err().contains("no export named \"nope\"; exported functions: div, neg"),
        missing::toString);
  }

  @Test
  void wasmWithTrappingStartIsDumpedWithoutInvoke() throws Exception {
    Path module =
        Cli.wasm(tmp, "start.wasm", "(module (func $start unreachable) (start $start))");
    Cli.Result r = Cli.run("run", module, "--out", tmp);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("(instantiation): trap: unreachable"), r::toString);
    assertTrue(r.out().contains(".start (func 0)"), r::toString);
  }

  @Test
  void bytesThatAreNotAModuleAreRejected() throws Exception {
    Path module = tmp.resolve("junk.wasm");
    Files.write(module, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    Cli.Result r = Cli.run("run", module, "--invoke", "f", "--out", tmp);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith(module + ": not a valid WebAssembly module"), r::toString);
  }

  @Test
  void otherFileKindsAndMisplacedOptionsAreUsageErrors() throws Exception {
    assertEquals(2, Cli.run("run", tmp.resolve("x.txt")).exit());
    Path fixture = Cli.repo().resolve("wat/state/two-modules-204.wast");
    Cli.Result r = Cli.run("run", fixture, "--invoke", "g");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("--invoke and arguments apply to a .wasm module"), r::toString);
  }
}
