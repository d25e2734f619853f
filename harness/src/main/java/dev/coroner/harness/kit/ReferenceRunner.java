package dev.coroner.harness.kit;

import dev.coroner.coredump.CoreDump;
import dev.coroner.fixtures.ValueType;
import dev.coroner.fixtures.WastValue;
import dev.coroner.harness.WastValues;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UninstantiableException;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.script.ScriptAction;
import dev.coroner.interpreter.script.ScriptEnvironment;
import dev.coroner.interpreter.script.ScriptValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A runtime consuming a kit, as a runtime author would write one, with Coroner's interpreter as
 * the engine: it reads only the case's manifest and module files, performs the steps, and returns
 * the coredump of the last step's trap. Its dumps of Coroner's own kit are byte-identical to the
 * goldens, which shows the manifest says everything a producer needs.
 *
 * <p>{@code wasi-command} cases (program fixtures) run with Coroner's WASI binding ({@link
 * ProgramCaseRunner}).
 */
public final class ReferenceRunner {

  private final KitCase kase;
  private final Map<String, WasmModule> modules = new HashMap<>();
  private final ScriptEnvironment env;

  private ReferenceRunner(Kit kit, Kit.Entry entry, KitCase kase) throws KitException {
    this.kase = kase;
    for (KitModule m : kase.modules()) {
      byte[] bytes = KitRunners.readModule(kit, entry, m);
      try {
        modules.put(m.file(), WasmModule.parse(bytes));
      } catch (WasmException e) {
        throw new KitException(entry.dir() + "/" + m.file() + ": " + e.getMessage(), e);
      }
    }
    this.env =
        new ScriptEnvironment(
            StoreConfig.defaults()
                .withMaxCallDepth(kase.maxCallDepth())
                .withCapture(kase.process()));
  }

  /**
   * Runs case {@code entry} of {@code kit} and returns the canonical encoding of its dump.
   *
   * @throws KitException if the manifest or a module cannot be read, or a step does not do what
   *     the case expects (the message names the step and its source line)
   */
  public static byte[] run(Kit kit, Kit.Entry entry, Duration timeout) throws KitException {
    KitCase kase = kit.read(entry);
    if (kase.kind() == KitCase.Kind.WASI_COMMAND) {
      ProgramCaseRunner program = new ProgramCaseRunner(kit, entry, kase);
      return execute(entry, program::run, program::interrupt, timeout);
    }
    ReferenceRunner runner = new ReferenceRunner(kit, entry, kase);
    return execute(entry, runner::steps, () -> runner.env.store().interrupt(), timeout);
  }

  /** A run that returns the dump or says why there is none. */
  private interface Run {
    CoreDump call() throws KitException;
  }

  /**
   * Runs {@code run} on a thread of its own for at most {@code timeout}, then {@code interrupt}s
   * it; returns the canonical encoding of its dump.
   */
  private static byte[] execute(Kit.Entry entry, Run run, Runnable interrupt, Duration timeout)
      throws KitException {
    ExecutorService worker =
        Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "coroner-kit " + entry.id());
          t.setDaemon(true);
          return t;
        });
    try {
      Future<CoreDump> result = worker.submit(run::call);
      return KitRunners.awaitDump(
          entry,
          result,
          timeout,
          () -> {
            interrupt.run();
            result.cancel(true);
          });
    } finally {
      worker.shutdownNow();
    }
  }

  /**
   * What {@link #writeDumps} did with one case.
   *
   * @param id the case
   * @param bytes the size of the dump written, or -1 if none was
   * @param problem why none was written; empty when one was
   */
  public record Outcome(dev.coroner.harness.golden.GoldenId id, long bytes, String problem) {}

  /**
   * Runs every case of {@code kit} and writes each dump to {@code dumps/<entry.dump()>}; a case
   * that fails gets no dump (and its reason), the others still run.
   *
   * @throws IOException if a dump cannot be written
   */
  public static List<Outcome> writeDumps(Kit kit, Path dumps, Duration timeout)
      throws IOException {
    return KitRunners.writeDumps(kit, dumps, (k, e) -> run(k, e, timeout));
  }

  private CoreDump steps() throws KitException {
    CoreDump dump = null;
    for (int i = 0; i < kase.steps().size(); i++) {
      KitStep step = kase.steps().get(i);
      String where = KitRunners.where(kase, i);
      TrapException trap = perform(step, where);
      if (trap != null && i == kase.trap().step()) {
        dump = trap.coreDump()
            .orElseThrow(() -> new KitException(where + ": the trap carried no coredump"));
      }
    }
    if (dump == null) {
      throw new KitException(kase.id() + ": the last step did not trap");
    }
    return dump;
  }

  /** Performs a step; returns its trap when it must trap, else null. */
  private TrapException perform(KitStep step, String where) throws KitException {
    Expect expect = step.expect();
    List<ScriptValue> results;
    try {
      if (step instanceof KitStep.Instantiate i) {
        KitModule m = kase.module(i.module()).orElseThrow();
        env.module(modules.get(i.module()), name(i.instance()), m.dumpName());
        results = List.of();
      } else if (step instanceof KitStep.Register r) {
        env.register(r.as(), name(r.instance()));
        results = List.of();
      } else if (step instanceof KitStep.Invoke v) {
        List<ScriptValue> args = new ArrayList<>();
        for (WastValue a : v.args()) {
          args.add(argument(a, where));
        }
        results = env.invoke(new ScriptAction(name(v.instance()), v.export(), args));
      } else if (step instanceof KitStep.Get g) {
        results = List.of(env.get(new ScriptAction(name(g.instance()), g.export(), List.of())));
      } else {
        throw new KitException(where + ": not supported by this runner");
      }
    } catch (TrapException e) {
      return trapped(e, expect, where);
    } catch (UninstantiableException e) {
      return trapped(e.trap(), expect, where);
    } catch (WasmException | IllegalArgumentException e) {
      throw new KitException(where + ": " + e.getMessage(), e);
    }
    if (expect.traps()) {
      throw new KitException(where + ": expected a trap, but it completed normally");
    }
    if (expect.kind() == Expect.Kind.RESULTS && !WastValues.matches(results, expect.results(), true)) {
      throw new KitException(
          where + ": expected " + expect.results() + ", got " + results);
    }
    return null;
  }

  private static TrapException trapped(TrapException trap, Expect expect, String where)
      throws KitException {
    if (!expect.traps()) {
      throw new KitException(where + ": trapped where no trap is expected: " + trap.getMessage());
    }
    checkTrap(trap, expect, where);
    return trap;
  }

  /**
   * Checks {@code trap} against the expected one: an exhaustion where one is expected, and a
   * message that starts with the expected text.
   */
  static void checkTrap(TrapException trap, Expect expect, String where) throws KitException {
    if (expect.kind() == Expect.Kind.EXHAUSTION && !trap.isExhaustion()) {
      throw new KitException(
          where + ": expected call stack exhaustion, got trap \"" + trap.getMessage() + "\"");
    }
    if (!trap.getMessage().startsWith(expect.text())) {
      throw new KitException(
          where + ": expected trap \"" + expect.text() + "\", got \"" + trap.getMessage() + "\"");
    }
  }

  /** The environment's name for instance {@code n}. */
  private static String name(int n) {
    return "#" + n;
  }

  private static ScriptValue argument(WastValue v, String where) throws KitException {
    if (v instanceof WastValue.Num n) {
      return new ScriptValue(WastValues.typeCode(n.type()), n.bits());
    }
    if (v instanceof WastValue.Ref r && (r.isNull() || r.type() == ValueType.EXTERNREF)) {
      return new ScriptValue(
          WastValues.typeCode(r.type()), r.isNull() ? Store.NULL_REF : r.value());
    }
    if (v instanceof WastValue.Vec vec && !vec.hasNanPattern()) {
      return ScriptValue.v128(vec.low(), vec.high());
    }
    throw new KitException(where + ": argument " + v + " is not supported");
  }
}
