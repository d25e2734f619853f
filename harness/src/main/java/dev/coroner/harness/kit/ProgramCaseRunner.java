package dev.coroner.harness.kit;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.coredump.CoreDump;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.wasi.NotACommandException;
import dev.coroner.wasi.ProgramOutcome;
import dev.coroner.wasi.Wasi;
import dev.coroner.wasi.WasiCommand;
import dev.coroner.wasi.WasiInternalError;
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
    this.start = KitRunners.wasiStart(kase);
    this.moduleFile = kase.module(start.module()).orElseThrow();
    byte[] bytes = KitRunners.readModule(kit, entry, moduleFile);
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
    WasiOptions.Builder options = KitRunners.wasiOptions(kit, entry, start);
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
    ReferenceRunner.checkTrap(trap, start.expect(), where);
    return trap.coreDump()
        .orElseThrow(() -> new KitException(where + ": the trap carried no coredump"));
  }
}
