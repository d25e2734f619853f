package dev.coroner.chicory;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Value;
import dev.coroner.chicory.conformance.SpecHostModules;
import dev.coroner.coredump.CoreDump;
import dev.coroner.fixtures.Action;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Script;
import dev.coroner.fixtures.WastModule;
import dev.coroner.fixtures.WastValue;
import dev.coroner.harness.WastValues;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

/**
 * Runs a script's commands (a fixture of {@code wat/} or a spec-suite file) in Chicory 1.7.5's
 * interpreter, the way the harness's {@code FixtureRunner} runs them in Coroner's: either with
 * every instance created through one {@link ChicoryCoredumps}, or with plain Chicory (for
 * comparison). It writes a transcript of every command's outcome and, for each trapping command,
 * keeps Chicory's coredump or why there is none.
 *
 * <p>Host modules are those of {@code wat/README.md}: {@code spectest} and {@code coroner}.
 * Modules with identical bytes are parsed once (one module, several instances), as the harness
 * does. A fixture whose set-up commands fail in Chicory makes every later trap "not runnable".
 */
final class ChicoryScriptRunner {

  /** Java stack of the thread that runs a script: deep enough, and the same on every machine. */
  static final long THREAD_STACK_BYTES = 4L << 20;

  /**
   * The outcome of one trapping command.
   *
   * @param line the command's line (the golden's key)
   * @param message Chicory's trap message, or empty
   * @param dump Chicory's coredump, if there is one
   * @param notRunnable why Chicory could not run the case, if it could not
   */
  record Trap(int line, String message, Optional<CoreDump> dump, Optional<String> notRunnable) {}

  /**
   * What a run did.
   *
   * @param transcript one line per command: its line, kind and outcome (results as raw bits)
   * @param traps the trapping commands' outcomes, in order
   * @param finalState every instance's memories (CRC-32 and size) and globals after the last
   *     command
   */
  record Run(List<String> transcript, List<Trap> traps, String finalState) {}

  /** How a run treats its script. */
  enum Mode {
    /** A fixture: plain Chicory; after a failed set-up command, traps are "not runnable". */
    FIXTURE_PLAIN(false, true),
    /** A fixture, with {@link ChicoryCoredumps}. */
    FIXTURE_COREDUMPS(true, true),
    /** A spec-suite script: plain Chicory; every command runs whatever failed before. */
    SCRIPT_PLAIN(false, false),
    /** A spec-suite script, with {@link ChicoryCoredumps}. */
    SCRIPT_COREDUMPS(true, false);

    final boolean coredumps;
    final boolean stopAfterFailure;

    Mode(boolean coredumps, boolean stopAfterFailure) {
      this.coredumps = coredumps;
      this.stopAfterFailure = stopAfterFailure;
    }
  }

  private final Script script;
  private final Mode mode;
  private final ChicoryCoredumps coredumps; // null: plain Chicory
  private final Store store = new Store();
  private final Map<String, Instance> named = new HashMap<>();
  private final Map<ByteBuffer, WasmModule> parsed = new HashMap<>();
  private final List<Instance> instances = new ArrayList<>();
  private final List<String> transcript = new ArrayList<>();
  private Instance current;
  private String broken;
  private boolean assemble = true;

  private ChicoryScriptRunner(Script script, String processName, Mode mode) {
    this.script = script;
    this.mode = mode;
    this.coredumps = mode.coredumps ? ChicoryCoredumps.create(processName) : null;
    addHostModules();
  }

  /**
   * Runs every command of {@code script} on a thread of its own (at most 60 s).
   *
   * @param processName the dumps' process name (the fixture's relative path)
   */
  static Run run(Script script, String processName, Mode mode) {
    return run(script, processName, mode, true);
  }

  /**
   * As {@link #run(Script, String, Mode)}; with {@code assemble} false, the state of each trap is
   * still taken, but no dump is assembled from it.
   */
  static Run run(Script script, String processName, Mode mode, boolean assemble) {
    ChicoryScriptRunner runner = new ChicoryScriptRunner(script, processName, mode);
    runner.assemble = assemble;
    FutureTask<Run> task = new FutureTask<>(runner::runAll);
    Thread t = new Thread(null, task, "chicory " + processName, THREAD_STACK_BYTES);
    t.setDaemon(true);
    t.start();
    try {
      return task.get(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      t.interrupt();
      throw new IllegalStateException(processName + ": did not finish in 60 s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(processName + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Run runAll() {
    List<Trap> traps = new ArrayList<>();
    for (Command command : script.commands()) {
      if (command instanceof Command.Trapping trapping) {
        Trap trap = trap(trapping);
        traps.add(trap);
        transcript.add(command.line() + " " + kind(command) + ": "
            + trap.notRunnable().orElse("trapped: " + trap.message()));
        continue;
      }
      try {
        transcript.add(command.line() + " " + kind(command) + ": " + execute(command));
      } catch (RuntimeException | StackOverflowError e) {
        transcript.add(command.line() + " " + kind(command) + ": failed: " + e);
        if (broken == null) {
          broken = "line " + command.line() + " failed in Chicory: " + e;
        }
      }
    }
    return new Run(List.copyOf(transcript), List.copyOf(traps), finalState());
  }

  private static String kind(Command c) {
    return c.getClass().getSimpleName();
  }

  private String execute(Command command) {
    if (command instanceof Command.ModuleCommand m) {
      current = instantiate(m.module(), m.name().map(ChicoryScriptRunner::display).orElse(null));
      m.name().ifPresent(n -> named.put(n, current));
      return "instantiated";
    }
    if (command instanceof Command.Register r) {
      store.register(r.as(), r.module().map(named::get).orElse(current));
      return "registered";
    }
    if (command instanceof Command.ActionCommand a) {
      return "returned " + bits(perform(a.action()));
    }
    if (command instanceof Command.AssertReturn r) {
      long[] got = perform(r.action());
      check(r, got);
      return "returned " + expectedBits(got, r.expected());
    }
    WastModule module;
    if (command instanceof Command.AssertInvalid c) {
      module = c.module();
    } else if (command instanceof Command.AssertMalformed c) {
      module = c.module();
    } else {
      module = ((Command.AssertUnlinkable) command).module();
    }
    if (module.isText()) {
      return "text module not run";
    }
    try {
      instantiate(module, null);
      return "accepted";
    } catch (RuntimeException e) {
      return "rejected: " + e.getMessage();
    }
  }

  /**
   * The results' bits, except where a NaN pattern was expected: there the spec allows any NaN of
   * the pattern, and which one Chicory returns depends on whether the JIT has compiled the float
   * operation yet, so the transcript says only that the pattern matched.
   */
  private static String expectedBits(long[] values, List<WastValue> expected) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(i < expected.size() && expected.get(i) instanceof WastValue.Nan
          ? "nan" : Long.toHexString(values[i]));
    }
    return out.toString();
  }

  private static String bits(long[] values) {
    return Arrays.toString(Arrays.stream(values).mapToObj(Long::toHexString).toArray());
  }

  private Trap trap(Command.Trapping command) {
    int line = command.line();
    if (broken != null && mode.stopAfterFailure) {
      return notRunnable(line, broken);
    }
    try {
      if (command instanceof Command.AssertTrap t && t.isModuleTrap()) {
        instantiate(t.module().orElseThrow(), null);
      } else if (command instanceof Command.AssertTrap t) {
        perform(t.action().orElseThrow());
      } else {
        perform(((Command.AssertExhaustion) command).action());
      }
    } catch (ChicoryException e) {
      Optional<CoreDump> dump =
          coredumps == null || !assemble ? Optional.empty() : coredumps.coreDumpOf(e);
      return new Trap(line, String.valueOf(e.getMessage()), dump, Optional.empty());
    } catch (RuntimeException | StackOverflowError e) {
      return notRunnable(line, "Chicory failed with " + e);
    }
    return notRunnable(line, "Chicory did not trap");
  }

  private static Trap notRunnable(int line, String why) {
    return new Trap(line, "", Optional.empty(), Optional.of(why));
  }

  private Instance instantiate(WastModule m, String name) {
    if (m.isText()) {
      throw new IllegalStateException("text-format module " + m.fileName());
    }
    byte[] bytes = m.bytes();
    WasmModule module = parsed.get(ByteBuffer.wrap(bytes));
    if (module == null) {
      module = coredumps == null ? Parser.parse(bytes)
          : name == null ? coredumps.parse(bytes) : coredumps.parse(bytes, name);
      parsed.put(ByteBuffer.wrap(bytes), module);
    }
    Instance.Builder builder = Instance.builder(module).withImportValues(store.toImportValues());
    Instance instance = coredumps == null ? builder.build() : coredumps.instantiate(builder);
    instances.add(instance);
    return instance;
  }

  private static String display(String name) {
    return name.startsWith("$") ? name.substring(1) : name;
  }

  private long[] perform(Action action) {
    Instance target = action.module().map(named::get).orElse(current);
    if (target == null) {
      throw new IllegalStateException("no module for " + action);
    }
    if (action instanceof Action.Get get) {
      return new long[] {target.exports().global(get.field()).getValue()};
    }
    Action.Invoke invoke = (Action.Invoke) action;
    long[] args = new long[invoke.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = argument(invoke.args().get(i));
    }
    ExportFunction f = target.export(invoke.field());
    long[] result = f.apply(args);
    return result == null ? new long[0] : result;
  }

  private static long argument(WastValue v) {
    if (v instanceof WastValue.Num n) {
      return n.bits();
    }
    if (v instanceof WastValue.Ref r) {
      return r.isNull() ? Value.REF_NULL_VALUE : r.value();
    }
    throw new IllegalArgumentException("argument " + v + " is not supported");
  }

  private static void check(Command.AssertReturn r, long[] got) {
    List<WastValue> expected = r.expected();
    boolean ok = got.length == expected.size();
    for (int i = 0; ok && i < got.length; i++) {
      ok = matches(got[i], expected.get(i));
    }
    if (!ok) {
      throw new IllegalStateException(
          "assert_return on line " + r.line() + ": expected " + expected + ", got " + bits(got));
    }
  }

  private static boolean matches(long got, WastValue expected) {
    if (expected instanceof WastValue.Num n) {
      boolean narrow = n.type() == dev.coroner.fixtures.ValueType.I32
          || n.type() == dev.coroner.fixtures.ValueType.F32;
      long mask = narrow ? 0xFFFFFFFFL : -1L;
      return (got & mask) == (n.bits() & mask);
    }
    if (expected instanceof WastValue.Nan nan) {
      boolean f32 = nan.type() == dev.coroner.fixtures.ValueType.F32;
      return WastValues.nanMatches(f32, f32 ? got & 0xFFFFFFFFL : got, nan.pattern());
    }
    if (expected instanceof WastValue.Ref r) {
      return r.isNull() ? (int) got == Value.REF_NULL_VALUE : got == r.value();
    }
    return false;
  }

  /** Memories (size and CRC-32) and globals (raw bits) of every instance, in creation order. */
  private String finalState() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < instances.size(); i++) {
      Instance inst = instances.get(i);
      sb.append("instance ").append(i).append(':');
      int memories = inst.imports().memoryCount()
          + inst.module().memorySection().map(MemorySection::memoryCount).orElse(0);
      for (int m = 0; m < memories; m++) {
        Memory mem = inst.memory(m);
        CRC32 crc = new CRC32();
        crc.update(mem.readBytes(0, mem.pages() * Memory.PAGE_SIZE));
        sb.append(" mem").append(m).append('=').append(mem.pages()).append("p/")
            .append(Long.toHexString(crc.getValue()));
      }
      for (int g = 0; g < inst.globalCount(); g++) {
        GlobalInstance gl = inst.global(g);
        sb.append(" g").append(g).append('=').append(Long.toHexString(gl.getValue()))
            .append('/').append(Long.toHexString(gl.getValueHigh()));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  // ---- host modules ----

  private void addHostModules() {
    SpecHostModules.addTo(store);
  }
}
