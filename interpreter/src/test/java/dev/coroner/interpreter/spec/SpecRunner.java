package dev.coroner.interpreter.spec;

import dev.coroner.coredump.CanonicalCheck;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.Frame;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.WastModule;
import dev.coroner.fixtures.WastValue;
import dev.coroner.interpreter.Features;
import dev.coroner.interpreter.InvalidException;
import dev.coroner.interpreter.MalformedException;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UninstantiableException;
import dev.coroner.interpreter.UnlinkableException;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.script.ScriptEnvironment;
import dev.coroner.interpreter.script.ScriptValue;
import java.util.List;
import java.util.Optional;

/** Runs the commands of one script in order and judges each. */
final class SpecRunner {
  enum Status { PASSED, FAILED, SKIPPED, NOT_APPLICABLE }

  /** A command's verdict; a passed command may carry a note (a message that differs in wording). */
  record Outcome(Status status, String message) {
    static Outcome pass() {
      return new Outcome(Status.PASSED, null);
    }

    static Outcome fail(String m) {
      return new Outcome(Status.FAILED, m);
    }
  }

  private final ScriptEnvironment env;
  private final boolean capture;
  /** The script's text, for {@link FloatLiterals}; empty when unknown. */
  private final List<String> scriptLines;

  /** A runner for the WebAssembly 2.0 suite: modules may use no 3.0 feature. */
  SpecRunner(StoreConfig config) {
    this(config, Features.WASM_2_0, List.of());
  }

  /** A runner for the WebAssembly 2.0 suite whose float literals are re-read from the script. */
  SpecRunner(StoreConfig config, List<String> scriptLines) {
    this(config, Features.WASM_2_0, scriptLines);
  }

  SpecRunner(StoreConfig config, Features features, List<String> scriptLines) {
    this.env = new ScriptEnvironment(config, features);
    this.capture = config.capture();
    this.scriptLines = scriptLines;
  }

  /** The name a script module gets in coredumps: {@code $A} becomes {@code A}. */
  static String instanceName(Optional<String> scriptName) {
    return scriptName.map(n -> n.startsWith("$") ? n.substring(1) : n).orElse(null);
  }

  static String kind(Command c) {
    return c.getClass().getSimpleName();
  }

  Outcome run(Command c) {
    try {
      return doRun(c);
    } catch (WasmException e) {
      return Outcome.fail("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return Outcome.fail("crash: " + e);
    }
  }

  private Outcome doRun(Command c) {
    if (c instanceof Command.ModuleCommand) {
      Command.ModuleCommand m = (Command.ModuleCommand) c;
      if (m.module().isText()) {
        return new Outcome(Status.NOT_APPLICABLE, "text module");
      }
      env.module(m.module().bytes(), m.name().orElse(null), instanceName(m.name()));
      return Outcome.pass();
    }
    if (c instanceof Command.Register) {
      Command.Register r = (Command.Register) c;
      env.register(r.as(), r.module().orElse(null));
      return Outcome.pass();
    }
    if (c instanceof Command.ActionCommand) {
      perform(((Command.ActionCommand) c).action());
      return Outcome.pass();
    }
    if (c instanceof Command.AssertReturn) {
      Command.AssertReturn a = FloatLiterals.correct((Command.AssertReturn) c, scriptLines);
      return compare(perform(a.action()), a.expected());
    }
    if (c instanceof Command.AssertTrap) {
      Command.AssertTrap t = (Command.AssertTrap) c;
      try {
        if (t.isModuleTrap()) {
          env.module(t.module().get().bytes(), null, null);
        } else {
          perform(t.action().get());
        }
        return Outcome.fail("expected trap \"" + t.text() + "\", got none");
      } catch (TrapException e) {
        return trapMatches(e, t.text());
      } catch (UninstantiableException e) {
        return trapMatches(e.trap(), t.text());
      }
    }
    if (c instanceof Command.AssertExhaustion) {
      Command.AssertExhaustion t = (Command.AssertExhaustion) c;
      try {
        perform(t.action());
        return Outcome.fail("expected exhaustion \"" + t.text() + "\", got none");
      } catch (TrapException e) {
        return trapMatches(e, t.text());
      }
    }
    if (c instanceof Command.AssertMalformed) {
      Command.AssertMalformed a = (Command.AssertMalformed) c;
      return rejects(a.module(), MalformedException.class, a.text());
    }
    if (c instanceof Command.AssertInvalid) {
      Command.AssertInvalid a = (Command.AssertInvalid) c;
      return rejects(a.module(), InvalidException.class, a.text());
    }
    if (c instanceof Command.AssertUnlinkable) {
      Command.AssertUnlinkable a = (Command.AssertUnlinkable) c;
      try {
        env.module(a.module().bytes(), null, null);
        return Outcome.fail("expected unlinkable \"" + a.text() + "\"");
      } catch (UnlinkableException e) {
        return matches(e, a.text());
      }
    }
    return Outcome.fail("unknown command " + c);
  }

  private Outcome rejects(WastModule module, Class<? extends WasmException> want, String text) {
    if (module.isText()) {
      return new Outcome(Status.NOT_APPLICABLE, "text-format module");
    }
    try {
      env.parse(module.bytes());
      return Outcome.fail("expected " + want.getSimpleName() + " \"" + text + "\"");
    } catch (MalformedException | InvalidException e) {
      if (!want.isInstance(e)) {
        return Outcome.fail("expected " + want.getSimpleName() + " \"" + text + "\", got "
            + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      if (!e.getMessage().startsWith(text)) {
        return new Outcome(Status.PASSED,
            "message differs: expected \"" + text + "\", got \"" + e.getMessage() + "\"");
      }
      return Outcome.pass();
    }
  }

  /**
   * A trap must carry the expected message and, with capture on, a dump that encodes to canonical
   * bytes (section B) whose frames and instances are consistent.
   */
  private Outcome trapMatches(TrapException e, String text) {
    Outcome o = matches(e, text);
    if (o.status() != Status.PASSED || !capture) {
      return o;
    }
    if (e.coreDump().isEmpty()) {
      return Outcome.fail("trap without a coredump: " + e.getMessage());
    }
    CoreDump dump = e.coreDump().get();
    try {
      byte[] bytes = CoreDumpEncoder.encode(dump);
      CanonicalCheck.Result r = CanonicalCheck.check(bytes);
      if (!r.isCanonical()) {
        return Outcome.fail("dump is not canonical: " + r.reasons());
      }
    } catch (CoreDumpFormatException | RuntimeException x) {
      return Outcome.fail("dump does not encode/decode: " + x);
    }
    for (Frame f : dump.threads().get(0).frames()) {
      if (f.instanceIndex() < 0 || f.instanceIndex() >= dump.instances().size()) {
        return Outcome.fail("frame names instance " + f.instanceIndex());
      }
    }
    return o;
  }

  private static Outcome matches(WasmException e, String text) {
    if (text.isEmpty() || e.getMessage().startsWith(text)) {
      return Outcome.pass();
    }
    return Outcome.fail("expected message \"" + text + "\", got \"" + e.getMessage() + "\"");
  }

  private List<ScriptValue> perform(dev.coroner.fixtures.Action a) {
    if (a instanceof dev.coroner.fixtures.Action.Get) {
      return List.of(env.get(FixtureMapping.action(a)));
    }
    return env.invoke(FixtureMapping.action(a));
  }

  private static Outcome compare(List<ScriptValue> got, List<WastValue> expected) {
    if (got.size() != expected.size()) {
      return Outcome.fail("expected " + expected + ", got " + got);
    }
    for (int i = 0; i < got.size(); i++) {
      if (!FixtureMapping.matches(got.get(i), expected.get(i))) {
        return Outcome.fail("result " + i + ": expected " + expected.get(i) + ", got " + got.get(i));
      }
    }
    return Outcome.pass();
  }
}
