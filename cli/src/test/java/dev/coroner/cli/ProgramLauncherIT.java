package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void theProgramsOutputComesBeforeTheTrapAndTheBacktrace() throws Exception {
    Process p = Launcher.coroner("run", "programs/qsort-callback/qsort-callback.wasm", "--out",
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
    Process p = Launcher.coroner("run", "programs/argv-env-file/argv-env-file.wasm",
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
    Process p = Launcher.coroner("run", spin.toString(), "--out", out.toString()).start();
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
      Launcher.ctrlC(p);
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
}
