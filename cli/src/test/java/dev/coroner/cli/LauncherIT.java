package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the real {@code ./coroner} launcher end to end. The build runs this in the {@code
 * integration-test} phase, after {@code package} has written {@code cli/target/coroner.jar}; with
 * {@code CORONER_NO_BUILD=1} the launcher fails (exit 3) instead of building, so this never starts
 * a nested Maven build.
 */
class LauncherIT {

  @Test
  void launcherRunsTheBuiltJar() throws Exception {
    Process p =
        Launcher.coroner("validate", "conformance-suite/golden/state/two-modules-204.wast/19.core")
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    // Run from the test phase (as with -Dtest=...), the jar may predate the sources.
    assumeTrue(p.exitValue() != 3 || !err.contains("CORONER_NO_BUILD"), "jar out of date: " + err);
    assertEquals(0, p.exitValue(), () -> out + err);
    assertEquals(
        "conformance-suite/golden/state/two-modules-204.wast/19.core: ok (canonical)\n", out);
  }
}
