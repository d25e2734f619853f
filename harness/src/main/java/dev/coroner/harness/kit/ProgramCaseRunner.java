package dev.coroner.harness.kit;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.coredump.CoreDump;
import dev.coroner.fixtures.Fixture;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.wasi.NotACommandException;
import dev.coroner.wasi.ProgramOutcome;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.Wasi;
import dev.coroner.wasi.WasiCommand;
import dev.coroner.wasi.WasiInternalError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Random;
import java.util.Set;

/**
 * The {@link ReferenceRunner} for a {@code wasi-command} case: Coroner's interpreter with its WASI
 * binding runs the program as the case's {@code wasi-start} step says (arguments, environment,
 * standard input, pre-opened directories of the case), with the program fixtures' fixed clock and
 * seeded random numbers; its output is discarded. It reads only the case.
 */
final class ProgramCaseRunner {

  private final Kit kit;
  private final Kit.Entry entry;
  private final KitCase kase;
  private final KitStep.WasiStart start;
  private final WasmModule module;
  private final KitModule moduleFile;
  private final Store store;

  ProgramCaseRunner(Kit kit, Kit.Entry entry, KitCase kase) throws KitException {
    this.kit = kit;
    this.entry = entry;
    this.kase = kase;
    if (kase.steps().size() != 1 || !(kase.steps().get(0) instanceof KitStep.WasiStart w)) {
      throw new KitException(
          entry.id() + ": a wasi-command case must have exactly one step, a wasi-start");
    }
    this.start = w;
    this.moduleFile = kase.module(w.module()).orElseThrow();
    byte[] bytes = read(moduleFile.file());
    if (!Fixture.sha256(bytes).equals(moduleFile.sha256())) {
      throw new KitException(entry.dir() + "/" + moduleFile.file()
          + ": SHA-256 differs from the manifest's; the kit is damaged");
    }
    try {
      this.module = WasmModule.parse(bytes);
    } catch (WasmException e) {
      throw new KitException(entry.dir() + "/" + moduleFile.file() + ": " + e.getMessage(), e);
    }
    this.store = new Store(StoreConfig.defaults().withMaxCallDepth(kase.maxCallDepth())
        .withCapture(kase.process()));
  }

  /** Stops a running program (at its next check). */
  void interrupt() {
    store.interrupt();
  }

  /** Runs the program; returns the dump of its trap. */
  CoreDump run() throws KitException {
    String where = kase.id() + " step 0 (wasi-start)";
    byte[] stdin = start.stdin().isPresent() ? read(start.stdin().get()) : new byte[0];
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
    ProgramOutcome outcome;
    try (Wasi wasi = Wasi.create(options.build())) {
      wasi.register(store);
      outcome = WasiCommand.run(store, module, Set.of(), moduleFile.dumpName());
    } catch (WasmException | NotACommandException | WasiInternalError e) {
      throw new KitException(where + ": " + e.getMessage(), e);
    }
    if (outcome instanceof ProgramOutcome.Exited x) {
      throw new KitException(where + ": expected a trap, but the program exited with code "
          + x.exitCode());
    }
    if (outcome instanceof ProgramOutcome.Interrupted) {
      throw new KitException(where + ": interrupted");
    }
    TrapException trap = ((ProgramOutcome.Trapped) outcome).trap();
    Expect expect = start.expect();
    if (expect.kind() == Expect.Kind.EXHAUSTION && !trap.isExhaustion()) {
      throw new KitException(
          where + ": expected call stack exhaustion, got trap \"" + trap.getMessage() + "\"");
    }
    if (!trap.getMessage().startsWith(expect.text())) {
      throw new KitException(
          where + ": expected trap \"" + expect.text() + "\", got \"" + trap.getMessage() + "\"");
    }
    return trap.coreDump()
        .orElseThrow(() -> new KitException(where + ": the trap carried no coredump"));
  }

  private byte[] read(String name) throws KitException {
    try {
      return Files.readAllBytes(kit.file(entry, name));
    } catch (IOException e) {
      throw new KitException(entry.dir() + "/" + name + ": cannot read: " + e, e);
    }
  }
}
