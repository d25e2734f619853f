package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @Test
  void noCommandIsAUsageError() {
    Cli.Result r = Cli.run();
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().startsWith("Missing command"), r::toString);
    assertTrue(r.err().contains("Usage: coroner"), r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "inspect", "validate", "diff"})
  void everyCommandHasHelpWithExitCodes(String command) {
    Cli.Result r = Cli.run(command, "--help");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("Usage: coroner " + command), r::toString);
    assertTrue(r.out().contains("Exit codes:"), r::toString);
  }

  @Test
  void unknownOptionsAndCommandsAreUsageErrors() {
    assertEquals(2, Cli.run("validate", "--frobnicate", "x.core").exit());
    Cli.Result r = Cli.run("explode");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("explode"), r::toString);
  }
}
