package dev.coroner.chicory.conformance;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Value;
import dev.coroner.chicory.ChicoryCoredumps;
import dev.coroner.coredump.CoreDump;
import dev.coroner.fixtures.ValueType;
import dev.coroner.fixtures.WastValue;
import dev.coroner.harness.WastValues;
import dev.coroner.harness.kit.Expect;
import dev.coroner.harness.kit.Kit;
import dev.coroner.harness.kit.KitCase;
import dev.coroner.harness.kit.KitException;
import dev.coroner.harness.kit.KitModule;
import dev.coroner.harness.kit.KitRunners;
import dev.coroner.harness.kit.KitStep;
import dev.coroner.harness.kit.ReferenceRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;

/**
 * A runtime consuming a conformance kit with Chicory 1.7.5's interpreter as the engine and {@link
 * ChicoryCoredumps} taking the dumps: what a Chicory user's runner for the kit looks like ({@code
 * docs/kit.md}, "Writing a runner for your runtime"). It reads only the case's manifest and module
 * files, performs the steps in one Chicory {@link Store} with the {@linkplain SpecHostModules host
 * modules}, and writes the dump of the last step's trap, which {@code coroner kit score --profile
 * chicory} then judges.
 *
 * <p>Each case runs on a thread of its own with a {@value #THREAD_STACK_BYTES}-byte Java stack:
 * Chicory's call depth is the Java stack's, so exhaustion cases come out deeper than the case's
 * {@code maxCallDepth} (the {@code CALL_DEPTH} divergence of the profile). {@code wasi-command}
 * cases (program fixtures) run with Chicory's own WASI preview 1.
 */
public final class ChicoryKitRunner {

  /** Java stack of the thread that runs a case: the same on every machine. */
  public static final long THREAD_STACK_BYTES = 4L << 20;

  private final Kit kit;
  private final Kit.Entry entry;
  private final KitCase kase;
  private final ChicoryCoredumps coredumps;
  private final Store store = new Store();
  private final Map<String, WasmModule> parsed = new HashMap<>();
  private final Map<Integer, Instance> instances = new HashMap<>();

  private ChicoryKitRunner(Kit kit, Kit.Entry entry, KitCase kase) {
    this.kit = kit;
    this.entry = entry;
    this.kase = kase;
    this.coredumps = ChicoryCoredumps.create(kase.process());
    SpecHostModules.addTo(store);
  }

  /**
   * Runs case {@code entry} of {@code kit} in Chicory and returns the canonical encoding of its
   * dump.
   *
   * @throws KitException if the manifest or a module cannot be read, the case is not a script, a
   *     step does not do what the case expects (the message names the step and its source line), or
   *     the case does not finish within {@code timeout}
   */
  public static byte[] run(Kit kit, Kit.Entry entry, Duration timeout) throws KitException {
    KitCase kase = kit.read(entry);
    ChicoryKitRunner runner = new ChicoryKitRunner(kit, entry, kase);
    FutureTask<CoreDump> task = new FutureTask<>(
        kase.kind() == KitCase.Kind.WASI_COMMAND ? runner::program : runner::steps);
    Thread t = new Thread(null, task, "chicory-kit " + entry.id(), THREAD_STACK_BYTES);
    t.setDaemon(true);
    t.start();
    return KitRunners.awaitDump(entry, task, timeout, t::interrupt);
  }

  /**
   * Runs every case of {@code kit} and writes each dump to {@code dumps/<entry.dump()>}; a case
   * that fails gets no dump (and its reason), the others still run.
   *
   * @throws IOException if a dump cannot be written
   */
  public static List<ReferenceRunner.Outcome> writeDumps(Kit kit, Path dumps, Duration timeout)
      throws IOException {
    return KitRunners.writeDumps(kit, dumps, (k, e) -> run(k, e, timeout));
  }

  private CoreDump steps() throws KitException {
    CoreDump dump = null;
    for (int i = 0; i < kase.steps().size(); i++) {
      KitStep step = kase.steps().get(i);
      String where = KitRunners.where(kase, i);
      ChicoryException trap = perform(step, where);
      if (trap != null && i == kase.trap().step()) {
        dump = coredumps.coreDumpOf(trap)
            .orElseThrow(() -> new KitException(where + ": Chicory trapped but took no dump"));
      }
    }
    if (dump == null) {
      throw new KitException(kase.id() + ": the last step did not trap");
    }
    return dump;
  }

  /**
   * Runs a {@code wasi-command} case: its one {@code wasi-start} step, with Chicory's WASI preview
   * 1 given the step's arguments, environment, standard input and pre-opened directories, and the
   * program fixtures' fixed clock and seeded random numbers; output is discarded.
   */
  private CoreDump program() throws KitException {
    KitStep.WasiStart start = KitRunners.wasiStart(kase);
    String where = kase.id() + " step 0 (wasi-start)";
    WasiOptions.Builder options = KitRunners.wasiOptions(kit, entry, start);
    WasmModule module = module(start.module(), where);
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
      // Chicory runs an exported _start inside build() unless told not to; it is called once the
      // instance exists, so that its trap's dump has the instance.
      Instance instance = coredumps.instantiate(Instance.builder(module)
          .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
          .withStart(false));
      instances.put(start.instance(), instance);
      instance.export("_start").apply();
    } catch (WasiExitException exit) {
      throw new KitException(where + ": expected a trap, but the program exited with code "
          + exit.exitCode());
    } catch (ChicoryException e) {
      checkTrap(start.expect(), e, where);
      return coredumps.coreDumpOf(e)
          .orElseThrow(() -> new KitException(where + ": Chicory trapped but took no dump"));
    } catch (RuntimeException | StackOverflowError e) {
      throw new KitException(where + ": Chicory failed with " + e, e);
    }
    throw new KitException(where + ": expected a trap, but _start returned");
  }

  /** Performs a step; returns its trap when it must trap, else null. */
  private ChicoryException perform(KitStep step, String where) throws KitException {
    Expect expect = step.expect();
    long[] results;
    try {
      if (step instanceof KitStep.Instantiate i) {
        Instance.Builder builder =
            Instance.builder(module(i.module(), where)).withImportValues(store.toImportValues());
        instances.put(i.instance(), coredumps.instantiate(builder));
        results = new long[0];
      } else if (step instanceof KitStep.Register r) {
        store.register(r.as(), instance(r.instance(), where));
        results = new long[0];
      } else if (step instanceof KitStep.Invoke v) {
        long[] args = new long[v.args().size()];
        for (int k = 0; k < args.length; k++) {
          args[k] = argument(v.args().get(k), where);
        }
        long[] r = instance(v.instance(), where).export(v.export()).apply(args);
        results = r == null ? new long[0] : r;
      } else if (step instanceof KitStep.Get g) {
        results =
            new long[] {instance(g.instance(), where).exports().global(g.export()).getValue()};
      } else {
        throw new KitException(where + ": not supported by this runner");
      }
    } catch (ChicoryException e) {
      if (!expect.traps()) {
        throw new KitException(where + ": trapped where no trap is expected: " + e.getMessage());
      }
      checkTrap(expect, e, where);
      return e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new KitException(where + ": Chicory failed with " + e, e);
    }
    if (expect.traps()) {
      throw new KitException(where + ": expected a trap, but it completed normally");
    }
    if (expect.kind() == Expect.Kind.RESULTS && !matches(results, expect.results())) {
      throw new KitException(where + ": expected " + expect.results() + ", got "
          + Arrays.toString(results));
    }
    return null;
  }

  /**
   * Checks Chicory's trap against the expected one. The kit's message is a prefix of most of
   * Chicory's; Chicory words one differently ("Trapped on unreachable instruction"), so this
   * runner looks for the kit's message anywhere in Chicory's.
   */
  private static void checkTrap(Expect expect, ChicoryException e, String where)
      throws KitException {
    String message = String.valueOf(e.getMessage());
    if (!message.contains(expect.text())) {
      throw new KitException(
          where + ": expected trap \"" + expect.text() + "\", Chicory's is \"" + message + "\"");
    }
  }

  /** The module of a case file, parsed once (one module for all its instances) and named. */
  private WasmModule module(String file, String where) throws KitException {
    WasmModule m = parsed.get(file);
    if (m != null) {
      return m;
    }
    KitModule km = kase.module(file)
        .orElseThrow(() -> new KitException(where + ": module " + file + " is not in the case"));
    byte[] bytes = KitRunners.readModule(kit, entry, km);
    m = coredumps.parse(bytes, km.dumpName());
    parsed.put(file, m);
    return m;
  }

  private Instance instance(int n, String where) throws KitException {
    Instance i = instances.get(n);
    if (i == null) {
      throw new KitException(where + ": instance " + n + " does not exist");
    }
    return i;
  }

  private static long argument(WastValue v, String where) throws KitException {
    if (v instanceof WastValue.Num n) {
      return n.bits();
    }
    if (v instanceof WastValue.Ref r && (r.isNull() || r.type() == ValueType.EXTERNREF)) {
      return r.isNull() ? Value.REF_NULL_VALUE : r.value();
    }
    throw new KitException(where + ": argument " + v + " is not supported");
  }

  private static boolean matches(long[] got, List<WastValue> expected) {
    if (got.length != expected.size()) {
      return false;
    }
    for (int i = 0; i < got.length; i++) {
      if (!matches(got[i], expected.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(long got, WastValue expected) {
    if (expected instanceof WastValue.Num n) {
      boolean narrow = n.type() == ValueType.I32 || n.type() == ValueType.F32;
      long mask = narrow ? 0xFFFFFFFFL : -1L;
      return (got & mask) == (n.bits() & mask);
    }
    if (expected instanceof WastValue.Nan nan) {
      boolean f32 = nan.type() == ValueType.F32;
      return WastValues.nanMatches(f32, f32 ? got & 0xFFFFFFFFL : got, nan.pattern());
    }
    if (expected instanceof WastValue.Ref r) {
      if (r.isNull()) {
        return (int) got == Value.REF_NULL_VALUE;
      }
      return r.type() == ValueType.FUNCREF ? (int) got != Value.REF_NULL_VALUE : got == r.value();
    }
    return false;
  }
}
