package dev.coroner.chicory;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import dev.coroner.coredump.CoreDump;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a program fixture's run spec ({@code programs/NAME/SPEC.run.json}) in Chicory 1.7.5's
 * interpreter with Chicory's own WASI ({@link WasiPreview1}), every instance created through one
 * {@link ChicoryCoredumps}, and keeps the dump of its trap.
 *
 * <p>The program sees what {@link ProgramRunner} gives it in Coroner's interpreter (the same
 * {@link WasiOptions}: {@code argv}, the spec's environment, standard input and preopened folders,
 * streams that are not terminals, the fixed clock and the seeded {@code random_get}), so its memory
 * at the trap can be compared with the golden byte for byte. As in Coroner's dumps of programs,
 * the process name is the wasm file's name, and a module without a name-section module name (a
 * Rust program's, say; wasm-ld writes the output file's name into C programs') is named after the
 * file without {@code .wasm} ({@link ProgramRunner#instanceName}).
 */
final class ChicoryProgramRunner {
  private ChicoryProgramRunner() {}

  /**
   * How the run ended.
   *
   * @param exitCode the code passed to {@code proc_exit}, if the program exited
   * @param message Chicory's trap message, if it trapped
   * @param dump the trap's coredump, if one was taken
   * @param stdout what the program wrote to standard output
   */
  record Outcome(Optional<Integer> exitCode, Optional<String> message, Optional<CoreDump> dump,
      String stdout) {}

  /** Runs {@code spec} on a thread of its own, with a 4 MiB stack, for at most 60 s. */
  static Outcome run(ProgramSpec spec) {
    FutureTask<Outcome> task = new FutureTask<>(() -> runHere(spec));
    Thread t = new Thread(null, task, "chicory " + spec.id(),
        ChicoryScriptRunner.THREAD_STACK_BYTES);
    t.setDaemon(true);
    t.start();
    try {
      return task.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      t.interrupt();
      throw new IllegalStateException(spec.id() + ": did not finish in 60 s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(spec.id() + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Outcome runHere(ProgramSpec spec) throws IOException {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    WasiOptions.Builder options = WasiOptions.builder()
        .withArguments(spec.argv())
        .withStdin(new ByteArrayInputStream(spec.stdin().getBytes(StandardCharsets.UTF_8)), false)
        .withStdout(stdout, false)
        .withStderr(stderr, false)
        .withClock(ProgramRunner.CLOCK)
        .withRandom(new Random(ProgramRunner.RANDOM_SEED));
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      options.withEnvironment(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Path> d : spec.dirs().entrySet()) {
      options.withDirectory(d.getKey(), d.getValue());
    }
    ChicoryCoredumps coredumps = ChicoryCoredumps.create(spec.programName());
    WasmModule module = coredumps.parse(Files.readAllBytes(spec.wasm()),
        ProgramRunner.instanceName(spec.programName()));
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
      // Chicory runs an exported _start while building the instance unless told not to; it is
      // called below instead, once the instance exists, so that its trap has a whole dump.
      Instance instance = coredumps.instantiate(Instance.builder(module)
          .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
          .withStart(false));
      try {
        instance.export("_start").apply();
        return new Outcome(Optional.of(0), Optional.empty(), Optional.empty(), text(stdout));
      } catch (WasiExitException exit) {
        return new Outcome(Optional.of(exit.exitCode()), Optional.empty(), Optional.empty(),
            text(stdout));
      } catch (ChicoryException trap) {
        return new Outcome(Optional.empty(), Optional.ofNullable(trap.getMessage()),
            coredumps.coreDumpOf(trap), text(stdout));
      }
    }
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
