package dev.coroner.harness;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.fixtures.Action;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.WastModule;
import dev.coroner.fixtures.WastValue;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UninstantiableException;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.script.ScriptAction;
import dev.coroner.interpreter.script.ScriptEnvironment;
import dev.coroner.interpreter.script.ScriptValue;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a fixture's commands in Coroner's interpreter, with coredump capture on, and collects one
 * {@link CapturedTrap} per trapping command ({@code assert_trap}, {@code assert_exhaustion}).
 *
 * <p>Every dump is encoded the moment its trap happens (the interpreter's memories are live views)
 * and the process name is the fixture's path relative to the fixture root. Modules with identical
 * bytes are parsed once, so a script that instantiates the same module twice shows one module with
 * two instances in its dumps.
 */
public final class FixtureRunner {

  /** Settings of a run. */
  public record Options(Duration timeout, int maxCallDepth) {

    /** System property: seconds a fixture may run before it fails (default 60). */
    public static final String TIMEOUT_PROPERTY = "coroner.timeoutSeconds";

    /**
     * Call depth for fixtures: 100 frames, so that stack-exhaustion goldens stay small enough to
     * review (the interpreter's own default is far larger, and its tests exhaust that).
     */
    public static final int FIXTURE_CALL_DEPTH = 100;

    /** Defaults, with the timeout taken from {@value #TIMEOUT_PROPERTY} if set. */
    public static Options defaults() {
      long seconds = Long.getLong(TIMEOUT_PROPERTY, 60);
      return new Options(Duration.ofSeconds(seconds), FIXTURE_CALL_DEPTH);
    }
  }

  private final Fixture fixture;
  private final Options options;
  private final ScriptEnvironment env;
  private final Map<ByteBuffer, WasmModule> parsed = new HashMap<>();

  private FixtureRunner(Fixture fixture, Options options) {
    this.fixture = fixture;
    this.options = options;
    StoreConfig config =
        StoreConfig.defaults()
            .withMaxCallDepth(options.maxCallDepth())
            .withCapture(fixture.relativePath());
    this.env = new ScriptEnvironment(config);
  }

  /** Runs the whole fixture and returns a captured trap per trapping command, in order. */
  public static List<CapturedTrap> runAll(Fixture fixture, Options options) {
    return new FixtureRunner(fixture, options).runWithTimeout(Integer.MAX_VALUE);
  }

  /**
   * Runs the fixture's commands up to and including the trapping command at {@code line}, and
   * returns that command's trap.
   */
  public static CapturedTrap runTo(Fixture fixture, int line, Options options) {
    if (fixture.trappingCommandAt(line).isEmpty()) {
      throw new FixtureRunException(
          fixture.relativePath() + ":" + line + ": no trapping command on this line");
    }
    List<CapturedTrap> traps = new FixtureRunner(fixture, options).runWithTimeout(line);
    return traps.get(traps.size() - 1);
  }

  private List<CapturedTrap> runWithTimeout(int lastLine) {
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "coroner-fixture " + fixture.relativePath());
              t.setDaemon(true);
              return t;
            });
    try {
      Future<List<CapturedTrap>> result = worker.submit(() -> run(lastLine));
      try {
        return result.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        env.store().interrupt(); // the guest traps at its next loop iteration or call
        result.cancel(true);
        throw new FixtureRunException(
            fixture.relativePath() + ": did not finish within " + options.timeout().toSeconds()
                + " s (set -D" + Options.TIMEOUT_PROPERTY + "=N to allow longer)");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new FixtureRunException(fixture.relativePath() + ": " + cause, cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FixtureRunException(fixture.relativePath() + ": interrupted", e);
      }
    } finally {
      worker.shutdownNow();
    }
  }

  /**
   * Runs commands in script order until the trapping command at {@code lastLine} has run (a
   * {@code .wat} fixture's directives come before its module in the file, so line order is not
   * script order).
   */
  private List<CapturedTrap> run(int lastLine) {
    List<CapturedTrap> traps = new ArrayList<>();
    for (Command command : fixture.script().commands()) {
      CapturedTrap trap = execute(command);
      if (trap != null) {
        traps.add(trap);
        if (trap.line() == lastLine) {
          break;
        }
      }
    }
    return traps;
  }

  /** Executes one command; returns the captured trap of a trapping command, else null. */
  private CapturedTrap execute(Command command) {
    String where = fixture.relativePath() + ":" + command.line();
    if (command instanceof Command.ModuleCommand m) {
      try {
        env.module(parse(m.module(), where), m.name().orElse(null), displayName(m));
      } catch (WasmException e) {
        throw new FixtureRunException(where + ": module failed: " + e.getMessage(), e);
      }
      return null;
    }
    if (command instanceof Command.Register r) {
      try {
        env.register(r.as(), r.module().orElse(null));
      } catch (IllegalArgumentException e) {
        throw new FixtureRunException(where + ": register: " + e.getMessage(), e);
      }
      return null;
    }
    if (command instanceof Command.ActionCommand a) {
      performUntrapped(a.action(), where);
      return null;
    }
    if (command instanceof Command.AssertReturn r) {
      List<ScriptValue> got = performUntrapped(r.action(), where);
      checkResults(where, got, r.expected());
      return null;
    }
    if (command instanceof Command.AssertTrap t) {
      TrapException trap;
      if (t.isModuleTrap()) {
        WastModule module = t.module().orElseThrow();
        trap = expectTrap(where, () -> env.module(parse(module, where), null, null));
      } else {
        trap = expectTrap(where, () -> perform(t.action().orElseThrow(), where));
      }
      return captured(where, command.line(), t.text(), trap);
    }
    if (command instanceof Command.AssertExhaustion x) {
      TrapException trap = expectTrap(where, () -> perform(x.action(), where));
      if (!trap.isExhaustion()) {
        throw new FixtureRunException(
            where + ": expected call stack exhaustion, got trap \"" + trap.getMessage() + "\"");
      }
      return captured(where, command.line(), x.text(), trap);
    }
    throw new FixtureRunException(
        where + ": command " + command.getClass().getSimpleName()
            + " is not supported in coredump fixtures (use the spec-suite runner)");
  }

  private WasmModule parse(WastModule module, String where) {
    if (module.isText()) {
      throw new FixtureRunException(where + ": text-format (quoted) modules cannot be run");
    }
    byte[] bytes = module.bytes();
    return parsed.computeIfAbsent(ByteBuffer.wrap(bytes), k -> env.parse(bytes));
  }

  private static String displayName(Command.ModuleCommand m) {
    return m.name().map(n -> n.startsWith("$") ? n.substring(1) : n).orElse(null);
  }

  private interface Step {
    void run();
  }

  private static TrapException expectTrap(String where, Step step) {
    try {
      step.run();
    } catch (TrapException e) {
      return e;
    } catch (UninstantiableException e) {
      return e.trap();
    } catch (WasmException e) {
      throw new FixtureRunException(where + ": expected a trap, got: " + e.getMessage(), e);
    }
    throw new FixtureRunException(where + ": expected a trap, but it completed normally");
  }

  private CapturedTrap captured(String where, int line, String expectedText, TrapException trap) {
    if (expectedText != null && !expectedText.isEmpty()
        && !trap.getMessage().startsWith(expectedText)) {
      throw new FixtureRunException(
          where + ": expected trap \"" + expectedText + "\", got \"" + trap.getMessage() + "\"");
    }
    CoreDump live =
        trap.coreDump()
            .orElseThrow(() -> new FixtureRunException(where + ": the trap carried no coredump"));
    byte[] bytes = CoreDumpEncoder.encode(live);
    CoreDump snapshot;
    try {
      snapshot = CoreDumpDecoder.decode(bytes);
    } catch (CoreDumpFormatException e) {
      throw new FixtureRunException(
          where + ": the canonical encoder wrote a dump its decoder rejects: " + e.getMessage(), e);
    }
    return new CapturedTrap(fixture.relativePath(), line, trap.getMessage(), snapshot, bytes);
  }

  /** An action where no trap is asserted: a trap (or other failure) is the fixture's error. */
  private List<ScriptValue> performUntrapped(Action action, String where) {
    try {
      return perform(action, where);
    } catch (TrapException e) {
      throw new FixtureRunException(
          where + ": trapped where no trap is asserted: " + e.getMessage(), e);
    } catch (WasmException e) {
      throw new FixtureRunException(where + ": " + e.getMessage(), e);
    }
  }

  private List<ScriptValue> perform(Action action, String where) {
    try {
      if (action instanceof Action.Invoke invoke) {
        List<ScriptValue> args = new ArrayList<>();
        for (WastValue v : invoke.args()) {
          args.add(argument(v, where));
        }
        return env.invoke(new ScriptAction(invoke.module().orElse(null), invoke.field(), args));
      }
      Action.Get get = (Action.Get) action;
      return List.of(env.get(new ScriptAction(get.module().orElse(null), get.field(), List.of())));
    } catch (IllegalArgumentException e) {
      throw new FixtureRunException(where + ": " + e.getMessage(), e);
    }
  }

  private static ScriptValue argument(WastValue v, String where) {
    if (v instanceof WastValue.Num n) {
      return new ScriptValue(WastValues.typeCode(n.type()), n.bits());
    }
    if (v instanceof WastValue.Ref r) {
      return new ScriptValue(
          WastValues.typeCode(r.type()), r.isNull() ? Store.NULL_REF : r.value());
    }
    if (v instanceof WastValue.Vec vec && !vec.hasNanPattern()) {
      return ScriptValue.v128(vec.low(), vec.high());
    }
    throw new FixtureRunException(where + ": argument " + v + " is not supported");
  }

  private static void checkResults(String where, List<ScriptValue> got, List<WastValue> expected) {
    if (!WastValues.matches(got, expected, false)) {
      throw new FixtureRunException(where + ": expected " + expected + ", got " + got);
    }
  }
}
