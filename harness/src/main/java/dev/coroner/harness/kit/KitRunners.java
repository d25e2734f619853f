package dev.coroner.harness.kit;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.fixtures.Fixture;
import dev.coroner.wasi.ProgramRunner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the runners of a kit share, whatever their engine ({@link ReferenceRunner}, {@link
 * ProgramCaseRunner}, the Chicory runner): reading the case's files, the {@code wasi-start} step's
 * options, waiting for a case's dump, and writing every case's dump.
 */
public final class KitRunners {
  private KitRunners() {}

  /** Runs one case of a kit and returns the canonical encoding of its dump. */
  @FunctionalInterface
  public interface CaseRun {
    byte[] run(Kit kit, Kit.Entry entry) throws KitException;
  }

  /**
   * Runs every case of {@code kit} with {@code run} and writes each dump to {@code
   * dumps/<entry.dump()>}; a case that fails gets no dump (and its reason), the others still run.
   *
   * @throws IOException if a dump cannot be written
   */
  public static List<ReferenceRunner.Outcome> writeDumps(Kit kit, Path dumps, CaseRun run)
      throws IOException {
    List<ReferenceRunner.Outcome> out = new ArrayList<>();
    for (Kit.Entry e : kit.cases()) {
      Path file = dumps.resolve(e.dump());
      Files.deleteIfExists(file);
      byte[] dump;
      try {
        dump = run.run(kit, e);
      } catch (KitException ex) {
        out.add(new ReferenceRunner.Outcome(e.id(), -1, ex.getMessage()));
        continue;
      }
      Files.createDirectories(file.getParent());
      Files.write(file, dump);
      out.add(new ReferenceRunner.Outcome(e.id(), dump.length, ""));
    }
    return out;
  }

  /**
   * Waits at most {@code timeout} for the dump of case {@code entry} and returns its canonical
   * encoding; on timeout runs {@code onTimeout} first.
   *
   * @throws KitException if the case does not finish in time, or its run failed (a {@link
   *     KitException} of the run is thrown as it is)
   */
  public static byte[] awaitDump(
      Kit.Entry entry, Future<CoreDump> result, Duration timeout, Runnable onTimeout)
      throws KitException {
    try {
      return CoreDumpEncoder.encode(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      onTimeout.run();
      throw new KitException(entry.id() + ": did not finish within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KitException k) {
        throw k;
      }
      throw new KitException(entry.id() + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KitException(entry.id() + ": interrupted", e);
    }
  }

  /**
   * Where step {@code i} of {@code kase} is, for messages: {@code ID step I (OP, line N)}.
   */
  public static String where(KitCase kase, int i) {
    KitStep step = kase.steps().get(i);
    return kase.id() + " step " + i + " (" + step.op()
        + (step.line().isPresent() ? ", line " + step.line().getAsInt() : "") + ")";
  }

  /**
   * The one step of a {@code wasi-command} case.
   *
   * @throws KitException if the case has other steps, or its step is not a {@code wasi-start}
   */
  public static KitStep.WasiStart wasiStart(KitCase kase) throws KitException {
    if (kase.steps().size() != 1 || !(kase.steps().get(0) instanceof KitStep.WasiStart start)) {
      throw new KitException(
          kase.id() + ": a wasi-command case must have exactly one step, a wasi-start");
    }
    return start;
  }

  /**
   * The WASI options of a {@code wasi-start} step: its arguments, environment, standard input
   * (read from the case) and pre-opened directories of the case, with the program fixtures' fixed
   * clock and seeded random numbers; output is discarded.
   *
   * @throws KitException if the standard input file cannot be read
   */
  public static WasiOptions.Builder wasiOptions(Kit kit, Kit.Entry entry, KitStep.WasiStart start)
      throws KitException {
    byte[] stdin = start.stdin().isPresent() ? read(kit, entry, start.stdin().get()) : new byte[0];
    WasiOptions.Builder options = WasiOptions.builder()
        .withArguments(start.args())
        .withStdin(new ByteArrayInputStream(stdin), false)
        .withStdout(OutputStream.nullOutputStream(), false)
        .withStderr(OutputStream.nullOutputStream(), false)
        .withClock(ProgramRunner.CLOCK)
        .withRandom(new Random(ProgramRunner.RANDOM_SEED));
    for (KitStep.EnvVar e : start.env()) {
      options.withEnvironment(e.name(), e.value());
    }
    for (KitStep.Preopen p : start.preopens()) {
      options.withDirectory(p.guest(), kit.file(entry, p.host()));
    }
    return options;
  }

  /**
   * The bytes of file {@code name} of case {@code entry}.
   *
   * @throws KitException if it cannot be read
   */
  public static byte[] read(Kit kit, Kit.Entry entry, String name) throws KitException {
    try {
      return Files.readAllBytes(kit.file(entry, name));
    } catch (IOException e) {
      throw new KitException(entry.dir() + "/" + name + ": cannot read: " + e, e);
    }
  }

  /**
   * The bytes of module file {@code module} of case {@code entry}, checked against the manifest's
   * SHA-256.
   *
   * @throws KitException if it cannot be read or its SHA-256 is not the manifest's
   */
  public static byte[] readModule(Kit kit, Kit.Entry entry, KitModule module)
      throws KitException {
    byte[] bytes = read(kit, entry, module.file());
    if (!Fixture.sha256(bytes).equals(module.sha256())) {
      throw new KitException(
          entry.dir() + "/" + module.file()
              + ": SHA-256 differs from the manifest's; the kit is damaged");
    }
    return bytes;
  }
}
