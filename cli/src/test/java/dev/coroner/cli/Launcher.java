package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code ./coroner} launcher as a process, for the {@code *LauncherIT} tests: it runs the
 * jar that {@code package} built ({@code CORONER_NO_BUILD=1}: never a nested Maven build).
 */
final class Launcher {
  private Launcher() {}

  /**
   * {@code ./coroner ARGS} from the repository root, with this JVM's {@code JAVA_HOME}; skips the
   * test when the jar is not built.
   */
  static ProcessBuilder coroner(String... args) {
    Path repo = Cli.repo();
    assumeTrue(Files.isRegularFile(repo.resolve("cli/target/coroner.jar")), "jar not built");
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("coroner").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
    pb.environment().put("CORONER_NO_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb;
  }

  /**
   * Sends SIGINT (Ctrl-C) to {@code p} and waits for it to stop; skips the test where the signal
   * is ignored.
   */
  static void ctrlC(Process p) throws Exception {
    assumeTrue(!ignores(p.pid(), 2), "SIGINT is ignored in this environment (a background"
        + " job of a non-interactive shell), so Ctrl-C cannot be simulated");
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped by SIGINT");
  }

  /** Whether process {@code pid} ignores signal {@code signal} (Linux: /proc/PID/status). */
  private static boolean ignores(long pid, int signal) throws Exception {
    Path status = Path.of("/proc/" + pid + "/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return new BigInteger(line.substring(7).trim(), 16).testBit(signal - 1);
      }
    }
    return false;
  }
}
