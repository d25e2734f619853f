package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./coroner run PROGRAM.wasm} as a real process: the program's output comes before the
 * trap report on a shared terminal-like stream, a program fixture run with its spec's folders,
 * environment and arguments writes its golden byte for byte, and Ctrl-C (SIGINT) stops a program that never
 * ends. Run in the {@code integration-test} phase, after {@code package} built the jar (see {@link
 * LauncherIT}).
 */
class ProgramLauncherIT {
  @TempDir Path tmp;

  private static ProcessBuilder coroner(String... args) {
    Path repo = Cli.repo();
    assumeTrue(Files.isRegularFile(repo.resolve("cli/target/coroner.jar")), "jar not built");
    List<String> command = new java.util.ArrayList<>();
    command.add(repo.resolve("coroner").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile());
    pb.environment().put("CORONER_NO_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return pb;
  }

  @Test
  void theProgramsOutputComesBeforeTheTrapAndTheBacktrace() throws Exception {
    Process p = coroner("run", "programs/qsort-callback/qsort-callback.wasm", "--out",
        tmp.toString()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
    String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.exitValue() != 3 || !all.contains("CORONER_NO_BUILD"), "jar out of date: " + all);
    assertEquals(134, p.exitValue(), all);
    assertTrue(all.startsWith("sorting 10 records\n"
        + "programs/qsort-callback/qsort-callback.wasm: trap: out of bounds memory access"), all);
    // source locations from the module's DWARF, the name-section form on the wasm: lines
    int strcmp = all.indexOf("#0 strcmp at ");
    int comparator = all.indexOf("#1 by_name at qsort-callback.c:");
    int main = all.lastIndexOf("qsort-callback.wasm.__original_main (func ");
    assertTrue(strcmp > 0 && comparator > strcmp && main > comparator, all);
    assertTrue(Files.isRegularFile(tmp.resolve("qsort-callback.wasm.core")));
  }

  @Test
  void aProgramsDumpIsItsGoldenByteForByte() throws Exception {
    Process p = coroner("run", "programs/argv-env-file/argv-env-file.wasm",
        "--dir", "programs/argv-env-file/data::/data", "--env", "SCALE=-1",
        "--out", tmp.toString(), "--", "min").redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
    String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(p.exitValue() != 3 || !all.contains("CORONER_NO_BUILD"), "jar out of date: " + all);
    assertEquals(134, p.exitValue(), all);
    assertTrue(all.startsWith("4 units, scale -1\n"
        + "programs/argv-env-file/argv-env-file.wasm: trap: integer overflow"), all);
    assertArrayEquals(
        Files.readAllBytes(Cli.golden("programs/argv-env-file/argv-env-file.run.json/trap.core")),
        Files.readAllBytes(tmp.resolve("argv-env-file.wasm.core")),
        "the dump ./coroner run wrote is the reviewed golden");
  }

  @Test
  void ctrlCStopsAProgramThatNeverEndsWithoutADump() throws Exception {
    Path spin = Cli.wasm(tmp, "spin.wasm", Programs.SPIN);
    Path out = tmp.resolve("dumps");
    Process p = coroner("run", spin.toString(), "--out", out.toString()).start();
    try {
      BufferedReader stdout = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = stdout.readLine();
      String err = "";
      if (first == null) {
        err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      }
      assumeTrue(first != null || !err.contains("CORONER_NO_BUILD"), "jar out of date: " + err);
      assertEquals("started", first, err);
      assumeTrue(!ignores(p.pid(), 2), "SIGINT is ignored in this environment (a background"
          + " job of a non-interactive shell), so Ctrl-C cannot be simulated");
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
      assertEquals(0, kill.waitFor());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped by SIGINT");
      err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(130, p.exitValue(), err);
      assertTrue(err.startsWith(spin + ": stopped: interrupted by Ctrl-C (in function 1 of"
          + " instance spin at code offset "), err);
      assertTrue(err.endsWith("no coredump written (--dump-on-interrupt writes one)\n"), err);
      assertFalse(Files.exists(out), "no coredump unless asked for");
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
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return new BigInteger(line.substring(7).trim(), 16).testBit(signal - 1);
      }
    }
    return false;
  }
}
