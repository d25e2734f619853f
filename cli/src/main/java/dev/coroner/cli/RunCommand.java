package dev.coroner.cli;

import com.dylibso.chicory.wasi.WasiOptions;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.NameSection;
import dev.coroner.fixtures.Command.AssertTrap;
import dev.coroner.fixtures.Command.ModuleCommand;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.FixtureException;
import dev.coroner.fixtures.FixtureSyntaxException;
import dev.coroner.fixtures.WastModule;
import dev.coroner.harness.CapturedTrap;
import dev.coroner.harness.FixtureRunException;
import dev.coroner.harness.FixtureRunner;
import dev.coroner.interpreter.Extern;
import dev.coroner.interpreter.FunctionInstance;
import dev.coroner.interpreter.Instance;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.TrapException;
import dev.coroner.interpreter.UninstantiableException;
import dev.coroner.interpreter.WasmException;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.interpreter.script.ScriptEnvironment;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.script.ScriptValue;
import dev.coroner.symbols.Symbolizer;
import dev.coroner.wasi.ProgramExit;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.Wasi;
import dev.coroner.wasi.WasiCommand;
import dev.coroner.wasi.WasiImports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code coroner run}: runs a fixture ({@code .wast}/{@code .wat}) to its traps, a WASI program
 * (a {@code .wasm} command module, see {@link RunProgram}), or a {@code .wasm} module's export,
 * with coredump capture on; writes one coredump per trap and prints the trap, the file and a named
 * backtrace.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Run a fixture, a WASI program or a .wasm export to its traps and write their"
        + " coredumps.",
    description = {
      "Run a fixture (.wast/.wat) to its traps, run a WASI program (a .wasm that exports _start),"
          + " or call an export of a .wasm module, with coredump capture on. Writes one coredump"
          + " per trap and prints the trap, the file written and a backtrace (youngest frame"
          + " first): source locations from the modules' DWARF (compiled with -g), inlined"
          + " functions expanded, else names from their name sections. DWARF that cannot be"
          + " read is one warning on stderr naming the section and byte; the backtrace still"
          + " prints.",
      "",
      "A fixture runs every command, as the conformance suite does; each trapping command"
          + " (assert_trap, assert_exhaustion, or a .wat's ;; @trap directive) gives"
          + " <fixture-file>.<line>.core.",
      "",
      "A WASI program (WASI preview 1) runs its _start with this process's stdin, stdout and"
          + " stderr, argv = the file name then the ARGs, only the --env variables, and the --dir"
          + " folders. The streams are not presented as terminals, so the C library buffers"
          + " stdout as in a pipe and a run leaves the same memory, and the same coredump, as the"
          + " program fixtures' runner. Its exit code becomes coroner's (see below). A trap"
          + " writes <file>.core and prints, on stderr and after the program's own output, the"
          + " trap and a backtrace. Put -- before program arguments that start with '-'.",
      "",
      "Otherwise a .wasm module is instantiated (imports: wasi_snapshot_preview1, spectest,"
          + " coroner; a trapping start function gives a dump) and, with --invoke, the export is"
          + " called with ARGs parsed by its parameter types (a reactor's _initialize is called"
          + " first); the dump is <module-file>.core.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a fixture or --invoke: at least one trap was captured and its coredump written",
      "1:nothing trapped, the fixture has a syntax error, the module is malformed or cannot be"
          + " linked, running it failed, or (--check-v8) V8 disagrees or cannot run",
      "2:usage error (bad option or argument, unreadable file, --dir on a missing folder)",
      "3:internal error (rerun with --verbose for the stack trace)",
      "0-125:a WASI program: its own exit code (once it runs, 1, 2 and 3 are the program's)",
      "126:a WASI program exited with a code above 125 (stderr names it)",
      "130:a WASI program was stopped by Ctrl-C (no coredump unless --dump-on-interrupt)",
      "134:a WASI program trapped; its coredump was written",
      "142:a WASI program was stopped by --timeout (no coredump unless --dump-on-interrupt)",
    })
final class RunCommand implements Callable<Integer> {

  /** Frames printed per backtrace at the most; the coredump keeps all of them. */
  static final int MAX_FRAMES = 32;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "A .wast or .wat fixture, a WASI program (.wasm with _start), or a .wasm"
          + " module.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "ARG",
      description =
          "For a WASI program: its arguments (argv[1]...). With --invoke: the export's"
              + " arguments; i32/i64: decimal or 0x hex; f32/f64: decimal, inf, -inf, nan,"
              + " nan:0xPAYLOAD. Put -- before arguments that start with '-'.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--invoke",
      paramLabel = "NAME",
      description = "For a .wasm module: the exported function to call.")
  String invoke;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "coredumps",
      description = "Where to write the coredumps (created if missing; default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description =
          "For a fixture: the fixture root. The coredump's process name is the fixture's path"
              + " relative to it. Default: the closest enclosing directory named 'wat' (the"
              + " repository's fixture root, so dumps match the conformance goldens), else the"
              + " fixture's own directory.")
  Path root;

  @Option(
      names = "--check-v8",
      description =
          "For a fixture: also run it in V8 (Node.js 20+) and report whether V8 has the same"
              + " frames (instance, function, offset) as each dump written; exit 1 if not.")
  boolean checkV8;

  @Option(
      names = "--dir",
      paramLabel = "HOST[::GUEST]",
      description = "For a .wasm module: give the program the folder HOST, under the name GUEST"
          + " (default: HOST as written). Repeatable.")
  List<String> dirs = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description = "For a .wasm module: an environment variable (the program sees no others)."
          + " Repeatable.")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "For a WASI program: stop it after DURATION (500ms, 10s, 2m, 1h; a bare"
          + " number is seconds). Ctrl-C stops it too.")
  String timeout;

  @Option(
      names = "--reproducible",
      description = "For a WASI program: the clocks read 2026-01-01T00:00:00Z and random_get"
          + " draws from a generator seeded with 0, as in the program fixtures' runner, so a"
          + " program that reads either (Rust's HashMap seeds itself from random_get) writes the"
          + " same coredump on every run, and the same as its golden.")
  boolean reproducible;

  @Option(
      names = "--dump-on-interrupt",
      description = "For a WASI program stopped by Ctrl-C or --timeout: write its coredump and"
          + " print its backtrace.")
  boolean dumpOnInterrupt;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = StoreConfig.INTERPRETER,
      description = "What runs the WebAssembly code: interpreter (default) or compiled (each"
          + " function translated to JVM bytecode; the same results, traps and coredumps,"
          + " faster once warm).")
  String engine;

  @Override
  public Integer call() {
    if (!engine.equals(StoreConfig.INTERPRETER) && !engine.equals("compiled")) {
      throw CliException.usage("--engine: expected interpreter or compiled, got " + engine);
    }
    // Every store of this run takes its engine from StoreConfig.defaults().
    String previous = System.setProperty(StoreConfig.ENGINE_PROPERTY, engine);
    try {
      return run();
    } finally {
      if (previous == null) {
        System.clearProperty(StoreConfig.ENGINE_PROPERTY);
      } else {
        System.setProperty(StoreConfig.ENGINE_PROPERTY, previous);
      }
    }
  }

  private Integer run() {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (name.endsWith(".wasm")) {
      if (root != null || checkV8) {
        throw CliException.usage(
            (checkV8 ? "--check-v8" : "--root") + " applies to fixtures, not to a .wasm module");
      }
      return runModule(name);
    }
    if (Fixture.isFixtureName(name)) {
      if (invoke != null || !args.isEmpty()) {
        throw CliException.usage(
            "--invoke and arguments apply to a .wasm module; a fixture says what to invoke itself");
      }
      if (!dirs.isEmpty() || !env.isEmpty() || timeout != null || dumpOnInterrupt
          || reproducible) {
        throw CliException.usage("--dir, --env, --timeout, --reproducible and"
            + " --dump-on-interrupt apply to a .wasm module");
      }
      return runFixture();
    }
    throw CliException.usage(
        file + ": expected a .wast or .wat fixture, or a .wasm module");
  }

  // ---- fixtures ----

  private int runFixture() {
    if (!Files.isRegularFile(file)) {
      Inputs.read(file); // reports "no such file", "is a directory", ...
    }
    Path absolute = file.toAbsolutePath().normalize();
    Path fixtureRoot = root != null ? root.toAbsolutePath().normalize() : defaultRoot(absolute);
    if (!absolute.startsWith(fixtureRoot)) {
      throw CliException.usage(file + ": is not under the fixture root " + root);
    }
    String relative = slashes(fixtureRoot.relativize(absolute));
    Fixture fixture;
    try {
      fixture = Fixture.load(fixtureRoot, relative);
    } catch (FixtureSyntaxException e) {
      throw CliException.failure(e.getMessage(), e);
    } catch (FixtureException e) {
      throw CliException.failure(relative + ": cannot convert the fixture: " + e.getMessage(), e);
    } catch (IOException e) {
      throw CliException.usage(file + ": cannot read: " + e.getMessage());
    }
    if (fixture.trappingCommands().isEmpty()) {
      throw CliException.failure(
          relative + ": the fixture does not trap: it has no assert_trap or assert_exhaustion"
              + " command (a .wat needs a ;; @trap directive or a trapping start function);"
              + " no coredump written");
    }
    List<CapturedTrap> traps;
    try {
      traps = FixtureRunner.runAll(fixture, FixtureRunner.Options.defaults());
    } catch (FixtureRunException e) {
      throw CliException.failure(e.getMessage(), e);
    }
    List<NameMatch.Given> modules = fixtureModules(fixture);
    PrintWriter o = spec.commandLine().getOut();
    String fileName = absolute.getFileName().toString();
    for (int i = 0; i < traps.size(); i++) {
      CapturedTrap trap = traps.get(i);
      if (i > 0) {
        o.println();
      }
      Path written = write(fileName + "." + trap.line() + ".core", trap.coredump());
      report(o, relative + ":" + trap.line(), trap.message(), written, trap.coredump().length,
          trap.dump(), modules);
    }
    o.flush();
    return checkV8 ? V8Check.report(fixture, traps, o) : ExitCodes.OK;
  }

  /** The closest ancestor directory called {@code wat}, else the fixture's directory. */
  private static Path defaultRoot(Path fixture) {
    for (Path p = fixture.getParent(); p != null; p = p.getParent()) {
      if (p.getFileName() != null && p.getFileName().toString().equals("wat")) {
        return p;
      }
    }
    return fixture.getParent();
  }

  private static String slashes(Path relative) {
    StringBuilder s = new StringBuilder();
    for (Path part : relative) {
      s.append(s.length() == 0 ? "" : "/").append(part);
    }
    return s.toString();
  }

  /**
   * The fixture's binary modules, in script order, each distinct module once (the runner
   * instantiates identical bytes as one module, so this order is the coredump's).
   */
  private static List<NameMatch.Given> fixtureModules(Fixture fixture) {
    Map<ByteBuffer, NameMatch.Given> modules = new LinkedHashMap<>();
    for (dev.coroner.fixtures.Command c : fixture.script().commands()) {
      WastModule m = null;
      if (c instanceof ModuleCommand mc) {
        m = mc.module();
      } else if (c instanceof AssertTrap t && t.isModuleTrap()) {
        m = t.module().orElseThrow();
      }
      if (m != null && !m.isText()) {
        byte[] bytes = m.bytes();
        modules.computeIfAbsent(
            ByteBuffer.wrap(bytes), k -> module("module " + modules.size(), bytes));
      }
    }
    return new ArrayList<>(modules.values());
  }

  /**
   * A module of the program: its names (none if its name section is malformed; the backtrace then
   * shows function indices) and its symbolizer, which reads DWARF only when a frame needs it.
   */
  static NameMatch.Given module(String label, byte[] bytes) {
    NameSection names;
    try {
      names = NameSection.fromModule(bytes);
    } catch (CoreDumpFormatException e) {
      names = NameSection.NONE;
    }
    return new NameMatch.Given(label, names, Symbolizer.of(bytes));
  }

  // ---- .wasm modules ----

  private int runModule(String fileName) {
    byte[] bytes = Inputs.read(file);
    WasmModule module;
    try {
      module = WasmModule.parse(bytes);
    } catch (WasmException e) {
      throw CliException.failure(file + ": not a valid WebAssembly module: " + e.getMessage(), e);
    }
    if (invoke == null && WasiCommand.hasStart(module)) {
      return new RunProgram(file, module, List.of(module(fileName, bytes)), out,
          spec.commandLine().getErr())
          .run(args, dirs, env, timeout, dumpOnInterrupt, reproducible);
    }
    if (timeout != null || dumpOnInterrupt || reproducible) {
      throw CliException.usage("--timeout, --reproducible and --dump-on-interrupt apply to a"
          + " WASI program (a .wasm that exports _start, run without --invoke)");
    }
    String instanceName = ProgramRunner.instanceName(fileName);
    ScriptEnvironment script =
        new ScriptEnvironment(StoreConfig.defaults().withCapture(fileName));
    registerWasi(script, fileName);
    TrapException trap = null;
    String where;
    Instance instance = null;
    try {
      WasiImports.check(module, Set.of("spectest", "coroner"));
      instance = script.module(module, null, instanceName);
    } catch (UninstantiableException e) {
      trap = e.trap();
    } catch (WasmException e) {
      throw CliException.failure(file + ": cannot instantiate: " + e.getMessage(), e);
    } catch (ProgramExit e) {
      throw CliException.failure(file + ": the start function called proc_exit(" + e.exitCode()
          + ") without trapping; no coredump written");
    }
    if (trap != null) {
      where = file + " (instantiation)";
    } else if (invoke == null) {
      if (!args.isEmpty()) {
        throw CliException.usage("arguments given without --invoke NAME, and " + file
            + " is not a WASI program (it exports no _start)");
      }
      throw CliException.failure(
          file + ": instantiated without trapping, and it is not a WASI program: it exports no"
              + " \"_start\" (a reactor or library module; exported functions: "
              + exportedFunctions(instance) + "); use --invoke NAME [ARGS...] to call an export;"
              + " no coredump written");
    } else {
      where = file + " --invoke " + invoke;
      trap = initialize(instance);
      if (trap != null) {
        where = file + " _initialize (called before --invoke " + invoke + ")";
      } else {
        trap = invoke(instance);
      }
    }
    CoreDump dump =
        trap.coreDump()
            .orElseThrow(() -> new IllegalStateException("capture is on but the trap has no dump"));
    byte[] encoded = CoreDumpEncoder.encode(dump);
    Path written = write(fileName + ".core", encoded);
    PrintWriter o = spec.commandLine().getOut();
    report(o, where, trap.getMessage(), written, encoded.length, dump,
        List.of(module(fileName, bytes)));
    o.flush();
    return ExitCodes.OK;
  }

  /** WASI for a module run with --invoke: argv is the file name; stdio, --dir and --env apply. */
  private void registerWasi(ScriptEnvironment script, String fileName) {
    ProgramIo io = ProgramIo.current();
    WasiOptions.Builder options = WasiOptions.builder()
        .withArguments(List.of(fileName))
        .withStdin(io.in, false)
        .withStdout(io.out, false)
        .withStderr(io.err, false);
    WasiArguments.apply(options, dirs, env);
    Wasi.create(options.build()).register(script.store());
  }

  /**
   * A WASI reactor's {@code _initialize} must run before its other exports: calls it when it is
   * exported (and not the export asked for); returns its trap, if it traps.
   */
  private TrapException initialize(Instance instance) {
    if (invoke.equals("_initialize")
        || !(instance.export("_initialize").orElse(null) instanceof FunctionInstance init)
        || init.type().paramCount() != 0) {
      return null;
    }
    try {
      init.call();
      return null;
    } catch (TrapException e) {
      return e;
    } catch (ProgramExit e) {
      throw CliException.failure(file + ": _initialize called proc_exit(" + e.exitCode()
          + ") before --invoke " + invoke + "; no coredump written");
    }
  }

  /** Calls the export; returns its trap, or fails when it returns normally. */
  private TrapException invoke(Instance instance) {
    Extern export = instance.export(invoke).orElse(null);
    if (export == null) {
      throw CliException.failure(
          file + ": no export named \"" + invoke + "\"; exported functions: "
              + exportedFunctions(instance));
    }
    if (!(export instanceof FunctionInstance function)) {
      throw CliException.failure(
          file + ": export \"" + invoke + "\" is not a function; exported functions: "
              + exportedFunctions(instance));
    }
    long[] bits = WasmArguments.parse(invoke, function.type(), args);
    long[] results;
    try {
      results = function.call(bits);
    } catch (TrapException e) {
      return e;
    } catch (WasmException e) {
      throw CliException.failure(file + ": " + invoke + " failed: " + e.getMessage(), e);
    } catch (ProgramExit e) {
      throw CliException.failure(file + ": " + invoke + " called proc_exit(" + e.exitCode()
          + ") without trapping; no coredump written");
    }
    List<ScriptValue> typed = new ArrayList<>();
    // One long per result, two (bytes 0..7, 8..15) per v128.
    for (int i = 0, slot = 0; i < function.type().resultCount(); i++) {
      int t = function.type().result(i);
      typed.add(t == ValType.V128 ? ScriptValue.v128(results[slot], results[slot + 1])
          : new ScriptValue(t, results[slot]));
      slot += t == ValType.V128 ? 2 : 1;
    }
    throw CliException.failure(
        file + ": " + invoke + " returned " + typed + " without trapping; no coredump written");
  }

  private static String exportedFunctions(Instance instance) {
    List<String> names = new ArrayList<>();
    instance.exports().forEach((n, e) -> {
      if (e instanceof FunctionInstance) {
        names.add(n);
      }
    });
    names.sort(null);
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  // ---- output ----

  private Path write(String name, byte[] bytes) {
    return write(out, name, bytes);
  }

  /** Writes a coredump into {@code out} (created if missing). */
  static Path write(Path out, String name, byte[] bytes) {
    Path target = out.resolve(name);
    try {
      Files.createDirectories(out);
      Files.write(target, bytes);
    } catch (IOException e) {
      throw CliException.failure(target + ": cannot write the coredump: " + e);
    }
    return target;
  }

  private void report(PrintWriter o, String where, String message, Path written, int size,
      CoreDump dump, List<NameMatch.Given> modules) {
    report(o, spec.commandLine().getErr(), where + ": trap: " + message, written, size, dump,
        modules);
  }

  /**
   * Prints {@code headline}, the file written and the backtrace on {@code o}, and the backtrace's
   * warnings (debugging information that cannot be read) on {@code err}.
   */
  static void report(PrintWriter o, PrintWriter err, String headline, Path written, int size,
      CoreDump dump, List<NameMatch.Given> modules) {
    o.println(headline);
    o.println("wrote " + written + " (" + size + " bytes)");
    Backtrace.Rendered backtrace = Backtrace.of(dump, modules, MAX_FRAMES);
    o.print(backtrace.text());
    o.flush();
    for (String warning : backtrace.warnings()) {
      err.println(warning);
    }
    err.flush();
  }
}
