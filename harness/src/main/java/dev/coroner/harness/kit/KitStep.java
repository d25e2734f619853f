package dev.coroner.harness.kit;

import dev.coroner.fixtures.WastValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One thing a runtime does to reproduce a case, in order. Instances are numbered by the {@link
 * Instantiate} (or {@link WasiStart}) step that creates them, from 0; later steps name them by that
 * number, never by "the current module".
 */
public sealed interface KitStep
    permits KitStep.Instantiate,
        KitStep.Register,
        KitStep.Invoke,
        KitStep.Get,
        KitStep.WasiStart {

  /** The source line of the fixture command this step comes from, if there is one. */
  OptionalInt line();

  /** What the step must do. */
  Expect expect();

  /** The {@code op} member's value, e.g. {@code instantiate}. */
  String op();

  /**
   * Instantiate a module file, creating instance {@code instance}.
   *
   * @param module the module's file name (one of the case's {@link KitModule#file()})
   * @param instance the number of the instance created (instantiate steps count from 0)
   * @param name the name the script gave it ({@code $A}), if any; for reading only
   * @param expect {@link Expect#NOTHING}, or a trap of the start function
   */
  record Instantiate(
      OptionalInt line, String module, int instance, Optional<String> name, Expect expect)
      implements KitStep {
    public Instantiate {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(expect, "expect");
    }

    @Override
    public String op() {
      return "instantiate";
    }
  }

  /**
   * Make an instance's exports importable under the module name {@code as}.
   *
   * @param instance the instance number
   * @param as the import module name
   */
  record Register(OptionalInt line, int instance, String as) implements KitStep {
    public Register {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(as, "as");
    }

    @Override
    public Expect expect() {
      return Expect.NOTHING;
    }

    @Override
    public String op() {
      return "register";
    }
  }

  /**
   * Call an exported function.
   *
   * @param instance the instance number
   * @param export the export's name
   * @param args the typed arguments (numbers with exact bits, NaN payloads included; references)
   * @param expect what the call must do
   */
  record Invoke(
      OptionalInt line, int instance, String export, List<WastValue> args, Expect expect)
      implements KitStep {
    public Invoke {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(export, "export");
      Objects.requireNonNull(expect, "expect");
      args = List.copyOf(args);
    }

    @Override
    public String op() {
      return "invoke";
    }
  }

  /**
   * Read an exported global.
   *
   * @param instance the instance number
   * @param export the export's name
   * @param expect {@link Expect#NOTHING} or its value
   */
  record Get(OptionalInt line, int instance, String export, Expect expect) implements KitStep {
    public Get {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(export, "export");
      Objects.requireNonNull(expect, "expect");
    }

    @Override
    public String op() {
      return "get";
    }
  }

  /**
   * Run a WASI command module ({@code _start}), creating instance {@code instance}: for program
   * fixtures (kind {@code wasi-command}).
   *
   * @param module the module's file name
   * @param instance the number of the instance created
   * @param args the command line, {@code argv[0]} first
   * @param env the environment, in order
   * @param stdin a file in the case directory to connect to standard input, if any (else empty)
   * @param preopens directories to pre-open, in order
   * @param expect a trap (a case always ends in one)
   */
  record WasiStart(
      OptionalInt line,
      String module,
      int instance,
      List<String> args,
      List<EnvVar> env,
      Optional<String> stdin,
      List<Preopen> preopens,
      Expect expect)
      implements KitStep {
    public WasiStart {
      Objects.requireNonNull(line, "line");
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(stdin, "stdin");
      Objects.requireNonNull(expect, "expect");
      args = List.copyOf(args);
      env = List.copyOf(env);
      preopens = List.copyOf(preopens);
    }

    @Override
    public String op() {
      return "wasi-start";
    }
  }

  /** An environment variable of a {@link WasiStart}. */
  record EnvVar(String name, String value) {
    public EnvVar {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A pre-opened directory of a {@link WasiStart}.
   *
   * @param guest the path the program sees, e.g. {@code /data}
   * @param host a directory in the case directory, e.g. {@code files/data}
   */
  record Preopen(String guest, String host) {
    public Preopen {
      Objects.requireNonNull(guest, "guest");
      Objects.requireNonNull(host, "host");
    }
  }
}
