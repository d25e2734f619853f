package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./coroner debug} as a real process: Ctrl-C (SIGINT) ends the server, says so, and frees
 * its port. Run in the {@code integration-test} phase, after {@code package} built the jar (see
 * {@link LauncherIT}).
 */
class DebugLauncherIT {

  @Test
  void ctrlCEndsTheServerAndFreesItsPort() throws Exception {
    Path repo = Cli.repo();
    assumeTrue(Files.isRegularFile(repo.resolve("cli/target/coroner.jar")), "jar not built");
    Path programs = repo.resolve("debugserver/src/test/resources/programs");
    ProcessBuilder pb = new ProcessBuilder(List.of(repo.resolve("coroner").toString(), "debug",
        programs.resolve("inventory-O0.wasm.core").toString(), "--wasm",
        programs.resolve("inventory-O0.wasm").toString())).directory(repo.toFile());
    pb.environment().put("CORONER_NO_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    try {
      BufferedReader stdout = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Matcher listening = Pattern.compile("^Listening on 127\\.0\\.0\\.1:(\\d+)\\.").matcher("");
      String line;
      int port = -1;
      while ((line = stdout.readLine()) != null) {
        if (listening.reset(line).find()) {
          port = Integer.parseInt(listening.group(1));
          break;
        }
      }
      if (port < 0) {
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(!err.contains("CORONER_NO_BUILD"), "jar out of date: " + err);
        throw new AssertionError("no 'Listening on' line; stderr:\n" + err);
      }
      assumeTrue(!ignores(p.pid(), 2), "SIGINT is ignored in this environment (a background"
          + " job of a non-interactive shell), so Ctrl-C cannot be simulated");
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
      assertEquals(0, kill.waitFor());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped by SIGINT");
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(130, p.exitValue(), err);
      assertTrue(err.contains("coroner debug: interrupted; the server ends"), err);
      int closed = port;
      assertThrows(IOException.class,
          () -> new Socket(InetAddress.getLoopbackAddress(), closed).close(),
          "nothing listens on the port any more");
    } finally {
      p.destroyForcibly();
    }
  }

  /** Whether process {@code pid} ignores signal {@code signal} (Linux: /proc/PID/status). */
  private static boolean ignores(long pid, int signal) throws Exception {
    Path status = Path.of("/proc/" + pid + "/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    for (String l : Files.readAllLines(status)) {
      if (l.startsWith("SigIgn:")) {
        return new BigInteger(l.substring(7).trim(), 16).testBit(signal - 1);
      }
    }
    return false;
  }
}
