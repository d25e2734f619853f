package dev.coroner.cli;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UnlinkableException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.wasi.NotACommandException;
import dev.coroner.wasi.ProgramOutcome;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.RunGuard;
import dev.coroner.wasi.Wasi;
import dev.coroner.wasi.WasiCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code coroner run PROGRAM.wasm}: runs a WASI command module's {@code _start} with the process's
 * standard streams, and turns its end into coroner's exit status ({@link ProgramStatus}). A trap
 * writes the coredump and prints the trap and a backtrace on stderr, after everything the program
 * wrote. Ctrl-C and {@code --timeout} stop the program ({@link RunGuard}); their dump is written
 * only with {@code --dump-on-interrupt}.
 */
final class RunProgram {
  /** How long Ctrl-C waits for the program to stop and the report to be printed. */
  private static final long CTRL_C_GRACE_SECONDS = 10;

  private final Path file;
  private final String fileName;
  private final WasmModule module;
  private final List<NameMatch.Given> modules;
  private final Path out;
  private final PrintWriter err;
  private volatile boolean ctrlC;

  RunProgram(Path file, WasmModule module, List<NameMatch.Given> modules, Path out,
      PrintWriter err) {
    this.file = file;
    this.fileName = file.getFileName().toString();
    this.module = module;
    this.modules = modules;
    this.out = out;
    this.err = err;
  }

  /**
   * Runs the program and returns coroner's exit status.
   *
   * @param args the program's arguments after {@code argv[0]} (the file name)
   * @param reproducible whether the clocks and {@code random_get} are fixed, as in {@link
   *     ProgramRunner}
   */
  int run(List<String> args, List<String> dirs, List<String> env, String timeout,
      boolean dumpOnInterrupt, boolean reproducible) {
    List<String> argv = new ArrayList<>();
    argv.add(fileName);
    argv.addAll(args);
    ProgramIo io = ProgramIo.current();
    WasiOptions.Builder options = WasiOptions.builder()
        .withArguments(argv)
        .withStdin(io.in, false)
        .withStdout(io.out, false)
        .withStderr(io.err, false);
    WasiArguments.apply(options, dirs, env);
    if (reproducible) {
      options.withClock(ProgramRunner.CLOCK).withRandom(new Random(ProgramRunner.RANDOM_SEED));
    }
    Duration limit = timeout == null ? null : WasiArguments.timeout(timeout);
    Store store = new Store(StoreConfig.defaults().withCapture(fileName));
    CountDownLatch reported = new CountDownLatch(1);
    try (Wasi wasi = Wasi.create(options.build()); RunGuard guard = new RunGuard(store)) {
      wasi.register(store);
      Thread hook = ctrlCHook(guard, reported);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        if (limit != null) {
          guard.stopAfter(limit);
        }
        ProgramOutcome outcome = start(store);
        return report(outcome, guard.reason().orElse(""), dumpOnInterrupt);
      } finally {
        reported.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // Ctrl-C: the hook is running and lets the JVM exit once this report is out.
        }
      }
    }
  }

  private ProgramOutcome start(Store store) {
    try {
      return WasiCommand.run(
          store, module, Set.of(), ProgramRunner.instanceName(fileName));
    } catch (NotACommandException e) {
      throw CliException.failure(file + ": " + e.getMessage() + "; use --invoke NAME [ARGS...]");
    } catch (UnlinkableException e) {
      throw CliException.failure(file + ": cannot link: " + e.getMessage(), e);
    }
  }

  /** Ctrl-C (SIGINT) starts the JVM's shutdown; this hook stops the program first. */
  private Thread ctrlCHook(RunGuard guard, CountDownLatch reported) {
    return new Thread(() -> {
      ctrlC = true;
      if (!guard.stop("interrupted by Ctrl-C")) {
        return;
      }
      try {
        if (!reported.await(CTRL_C_GRACE_SECONDS, TimeUnit.SECONDS)) {
          err.println(file + ": interrupted by Ctrl-C while the program was blocked in a WASI"
              + " call (reading its input?); no coredump written");
          err.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "coroner-ctrl-c");
  }

  private int report(ProgramOutcome outcome, String stopReason, boolean dumpOnInterrupt) {
    if (outcome instanceof ProgramOutcome.Exited e) {
      int status = ProgramStatus.ofExitCode(e.exitCode());
      if (status != e.exitCode()) {
        err.println(file + ": the program exited with code " + e.exitCode() + ", above "
            + ProgramStatus.MAX_EXIT_CODE + "; coroner exits with " + status);
        err.flush();
      }
      return status;
    }
    if (outcome instanceof ProgramOutcome.Trapped t) {
      writeAndPrint(file + ": trap: " + t.trap().getMessage(), t.trap());
      return ProgramStatus.TRAP;
    }
    TrapException stop = ((ProgramOutcome.Interrupted) outcome).trap();
    String where = location(stop.getMessage());
    if (dumpOnInterrupt) {
      writeAndPrint(file + ": stopped: " + stopReason + where, stop);
    } else {
      err.println(file + ": stopped: " + stopReason + where);
      err.println("no coredump written (--dump-on-interrupt writes one)");
      err.flush();
    }
    return ctrlC ? ProgramStatus.INTERRUPTED : ProgramStatus.TIMED_OUT;
  }

  /** Where the program was stopped, from the interruption's message: " (in function 3 ...)". */
  static String location(String message) {
    for (String marker : new String[] {"in WASI function ", "in function "}) {
      int at = message.indexOf(marker);
      if (at >= 0) {
        int end = message.lastIndexOf(')');
        return " (" + message.substring(at, end > at ? end : message.length()) + ")";
      }
    }
    return "";
  }

  private void writeAndPrint(String headline, TrapException trap) {
    CoreDump dump = trap.coreDump()
        .orElseThrow(() -> new IllegalStateException("capture is on but the trap has no dump"));
    byte[] encoded = CoreDumpEncoder.encode(dump);
    Path written = RunCommand.write(out, fileName + ".core", encoded);
    RunCommand.report(err, err, headline, written, encoded.length, dump, modules);
    err.flush();
  }
}
