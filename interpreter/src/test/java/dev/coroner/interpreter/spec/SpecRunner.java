package dev.coroner.interpreter.spec;

import dev.coroner.interpreter.InvalidException;
import dev.coroner.interpreter.MalformedException;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UninstantiableException;
import dev.coroner.interpreter.UnlinkableException;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.script.ScriptEnvironment;
import dev.coroner.interpreter.script.ScriptValue;
import java.util.List;

/** Runs the commands of one script in order and judges each. */
final class SpecRunner {
  enum Status { PASSED, FAILED, SKIPPED, NOT_APPLICABLE }

  record Outcome(Status status, String message) {
    static Outcome pass() {
      return new Outcome(Status.PASSED, null);
    }

    static Outcome fail(String m) {
      return new Outcome(Status.FAILED, m);
    }
  }

  private final ScriptEnvironment env;
  /** Message mismatches for malformed/invalid assertions whose kind was right. */
  int messageMismatches;

  SpecRunner(StoreConfig config) {
    this.env = new ScriptEnvironment(config);
  }

  static String strip(String scriptName) {
    return scriptName != null && scriptName.startsWith("$") ? scriptName.substring(1) : scriptName;
  }

  Outcome run(SpecCommand c) {
    try {
      return doRun(c);
    } catch (WasmException e) {
      return Outcome.fail("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return Outcome.fail("crash: " + e);
    }
  }

  private Outcome doRun(SpecCommand c) {
    switch (c.kind()) {
      case "module":
        if (c.textModule()) {
          return new Outcome(Status.NOT_APPLICABLE, "text module");
        }
        env.module(c.moduleBytes(), c.name(), strip(c.name()));
        return Outcome.pass();
      case "register":
        env.register(c.as(), c.name());
        return Outcome.pass();
      case "action":
        perform(c);
        return Outcome.pass();
      case "assert_return": {
        List<ScriptValue> got = perform(c);
        return compare(got, c.expected());
      }
      case "assert_trap":
      case "assert_exhaustion":
        try {
          perform(c);
          return Outcome.fail("expected trap \"" + c.text() + "\", got none");
        } catch (TrapException e) {
          return matches(e, c.text());
        }
      case "assert_malformed":
      case "assert_invalid": {
        if (c.textModule()) {
          return new Outcome(Status.NOT_APPLICABLE, "text-format module");
        }
        Class<?> want =
            c.kind().equals("assert_malformed") ? MalformedException.class : InvalidException.class;
        try {
          env.parse(c.moduleBytes());
          return Outcome.fail("expected " + want.getSimpleName() + " \"" + c.text() + "\"");
        } catch (MalformedException | InvalidException e) {
          if (!want.isInstance(e)) {
            return Outcome.fail("expected " + want.getSimpleName() + " \"" + c.text() + "\", got "
                + e.getClass().getSimpleName() + ": " + e.getMessage());
          }
          if (!e.getMessage().startsWith(c.text())) {
            messageMismatches++;
            return new Outcome(Status.PASSED, "message differs: expected \"" + c.text()
                + "\", got \"" + e.getMessage() + "\"");
          }
          return Outcome.pass();
        }
      }
      case "assert_unlinkable":
        try {
          env.module(c.moduleBytes(), null, null);
          return Outcome.fail("expected unlinkable \"" + c.text() + "\"");
        } catch (UnlinkableException e) {
          return matches(e, c.text());
        }
      case "assert_uninstantiable":
        try {
          env.module(c.moduleBytes(), null, null);
          return Outcome.fail("expected uninstantiable \"" + c.text() + "\"");
        } catch (UninstantiableException e) {
          return matches(e, c.text());
        }
      default:
        return Outcome.fail("unknown command " + c.kind());
    }
  }

  private static Outcome matches(WasmException e, String text) {
    if (text == null || e.getMessage().startsWith(text)) {
      return Outcome.pass();
    }
    return Outcome.fail("expected message \"" + text + "\", got \"" + e.getMessage() + "\"");
  }

  private List<ScriptValue> perform(SpecCommand c) {
    if (c.action() == null) {
      throw new IllegalStateException("no action");
    }
    if (c.getAction()) {
      return List.of(env.get(c.action()));
    }
    return env.invoke(c.action());
  }

  private static Outcome compare(List<ScriptValue> got, List<SpecCommand.Expected> expected) {
    if (got.size() != expected.size()) {
      return Outcome.fail("expected " + expected.size() + " results, got " + got);
    }
    for (int i = 0; i < got.size(); i++) {
      ScriptValue g = got.get(i);
      SpecCommand.Expected e = expected.get(i);
      if (!ok(g, e)) {
        return Outcome.fail("result " + i + ": expected " + describe(e) + ", got " + g);
      }
    }
    return Outcome.pass();
  }

  private static boolean ok(ScriptValue g, SpecCommand.Expected e) {
    if (g.type() != e.type()) {
      return false;
    }
    switch (e.type()) {
      case ValType.I32:
      case ValType.F32: {
        int bits = (int) g.bits();
        if (e.type() == ValType.F32 && e.nan() != SpecCommand.NanKind.NONE) {
          boolean nan = (bits & 0x7F800000) == 0x7F800000 && (bits & 0x007FFFFF) != 0;
          return e.nan() == SpecCommand.NanKind.CANONICAL
              ? (bits & 0x7FFFFFFF) == 0x7FC00000
              : nan && (bits & 0x00400000) != 0;
        }
        return bits == (int) e.bits();
      }
      case ValType.I64:
      case ValType.F64: {
        long bits = g.bits();
        if (e.type() == ValType.F64 && e.nan() != SpecCommand.NanKind.NONE) {
          boolean nan = Double.isNaN(Double.longBitsToDouble(bits));
          return e.nan() == SpecCommand.NanKind.CANONICAL
              ? (bits & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L
              : nan && (bits & 0x0008000000000000L) != 0;
        }
        return bits == e.bits();
      }
      default:
        if (e.anyRef()) {
          return g.bits() != -1L;
        }
        return g.bits() == e.bits();
    }
  }

  private static String describe(SpecCommand.Expected e) {
    if (e.nan() != SpecCommand.NanKind.NONE) {
      return ValType.name(e.type()) + ":nan:" + e.nan().name().toLowerCase();
    }
    if (e.anyRef()) {
      return ValType.name(e.type()) + ":non-null";
    }
    return new ScriptValue(e.type(), e.bits()).toString();
  }
}
