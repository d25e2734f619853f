package dev.coroner.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.fixtures.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureRunnerTest {

  @TempDir Path root;

  private Fixture fixture(String name, String text) throws Exception {
    Files.writeString(root.resolve(name), text);
    return Fixture.load(root, name);
  }

  /** Loads fixture {@code name} with {@code text}; running it all must fail. */
  private FixtureRunException runAllFails(String name, String text) throws Exception {
    Fixture f = fixture(name, text);
    return assertThrows(FixtureRunException.class, () -> FixtureRunner.runAll(f, options(10_000)));
  }

  private static FixtureRunner.Options options(long millis) {
    return new FixtureRunner.Options(Duration.ofMillis(millis), 100);
  }

  @Test
  void aFixtureThatRunsForeverFailsAfterTheTimeout() throws Exception {
    Fixture f = fixture("forever.wast",
        "(module (func (export \"spin\") (loop $l (br $l))))\n"
            + "(assert_trap (invoke \"spin\") \"unreachable\")\n");
    long start = System.nanoTime();
    FixtureRunException e =
        assertThrows(FixtureRunException.class, () -> FixtureRunner.runAll(f, options(300)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(e.getMessage().startsWith("forever.wast: did not finish within"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dcoroner.timeoutSeconds"), e.getMessage());
    assertTrue(millis < 10_000, "took " + millis + " ms");
  }

  @Test
  void capturesOneDumpPerTrappingCommandWithTheFixturePathAsProcessName() throws Exception {
    Fixture f = fixture("two.wast",
        "(module (func (export \"u\") unreachable)"
            + " (func (export \"d\") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))\n"
            + "(assert_trap (invoke \"u\") \"unreachable\")\n"
            + "(assert_return (invoke \"d\" (i32.const 1)) (i32.const 1))\n"
            + "(assert_trap (invoke \"d\" (i32.const 0)) \"integer divide by zero\")\n");
    List<CapturedTrap> traps = FixtureRunner.runAll(f, options(10_000));
    assertEquals(2, traps.size());
    assertEquals(2, traps.get(0).line());
    assertEquals(4, traps.get(1).line());
    assertEquals("two.wast", traps.get(1).dump().processName().orElseThrow());
    assertEquals(4, FixtureRunner.runTo(f, 4, options(10_000)).line());
  }

  @Test
  void aWrongAssertionNamesTheLine() throws Exception {
    FixtureRunException e =
        runAllFails(
            "wrong.wast",
            "(module (func (export \"one\") (result i32) (i32.const 1)))\n"
                + "(assert_return (invoke \"one\") (i32.const 2))\n"
                + "(assert_trap (invoke \"one\") \"unreachable\")\n");
    assertTrue(e.getMessage().startsWith("wrong.wast:2: expected"), e.getMessage());
  }

  @Test
  void anAssertedTrapThatDoesNotHappenNamesTheLine() throws Exception {
    FixtureRunException e =
        runAllFails(
            "fine.wast",
            "(module (func (export \"one\") (result i32) (i32.const 1)))\n"
                + "(assert_trap (invoke \"one\") \"unreachable\")\n");
    assertEquals("fine.wast:2: expected a trap, but it completed normally", e.getMessage());
  }

  @Test
  void aTrapWhereNoneIsAssertedNamesTheLine() throws Exception {
    FixtureRunException e =
        runAllFails(
            "early.wast",
            "(module (func (export \"u\") unreachable))\n"
                + "(invoke \"u\")\n"
                + "(assert_trap (invoke \"u\") \"unreachable\")\n");
    assertTrue(e.getMessage().startsWith("early.wast:2: trapped where no trap is asserted: "
        + "unreachable"), e.getMessage());
  }

  @Test
  void registeringAnUnknownModuleNamesIt() throws Exception {
    FixtureRunException e =
        runAllFails(
            "reg.wast",
            "(module $A (func (export \"u\") unreachable))\n"
                + "(register \"B\" $Nope)\n"
                + "(assert_trap (invoke $A \"u\") \"unreachable\")\n");
    assertTrue(e.getMessage().startsWith("reg.wast:2: register: "), e.getMessage());
    assertTrue(e.getMessage().contains("$Nope"), e.getMessage());
  }
}
