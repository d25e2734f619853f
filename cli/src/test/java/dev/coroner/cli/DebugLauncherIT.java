package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    Path programs = Cli.repo().resolve("debugserver/src/test/resources/programs");
    Process p = Launcher.coroner("debug", programs.resolve("inventory-O0.wasm.core").toString(),
        "--wasm", programs.resolve("inventory-O0.wasm").toString()).start();
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
      Launcher.ctrlC(p);
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
}
