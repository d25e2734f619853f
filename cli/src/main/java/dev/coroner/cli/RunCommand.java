package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
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
import dev.coroner.interpreter.script.ScriptValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code coroner run}: runs a fixture ({@code .wast}/{@code .wat}) to its traps, or a {@code
 * .wasm} module's export, with coredump capture on; writes one coredump per trap and prints the
 * trap, the file and a named backtrace.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Run a fixture or a .wasm export to its traps and write their coredumps.",
    description = {
      "Run a fixture (.wast/.wat) to its traps, or call an export of a .wasm module, with coredump"
          + " capture on. Writes one coredump per trap and prints the trap, the file written and"
          + " a backtrace (youngest frame first) named from the modules' name sections.",
      "",
      "A fixture runs every command, as the conformance suite does; each trapping command"
          + " (assert_trap, assert_exhaustion, or a .wat's ;; @trap directive) gives"
          + " <fixture-file>.<line>.core. A .wasm module is instantiated (a trapping start"
          + " function gives a dump too) and, with --invoke, the export is called with ARGs"
          + " parsed by its parameter types; the dump is <module-file>.core.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:at least one trap was captured and its coredump written",
      "1:the program did not trap, the fixture has a syntax error, or running it failed",
      "2:usage error (bad option, argument or unreadable file)"
    })
final class RunCommand implements Callable<Integer> {

  /** Frames printed per backtrace at the most; the coredump keeps all of them. */
  static final int MAX_FRAMES = 32;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "A .wast or .wat fixture, or a .wasm module.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "ARG",
      description =
          "With --invoke: the export's arguments. i32/i64: decimal or 0x hex; f32/f64: decimal,"
              + " inf, -inf, nan, nan:0xPAYLOAD. Put -- before negative numbers.")
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

  @Override
  public Integer call() {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (name.endsWith(".wasm")) {
      if (root != null) {
        throw CliException.usage("--root applies to fixtures, not to a .wasm module");
      }
      return runModule(name);
    }
    if (Fixture.isFixtureName(name)) {
      if (invoke != null || !args.isEmpty()) {
        throw CliException.usage(
            "--invoke and arguments apply to a .wasm module; a fixture says what to invoke itself");
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
    List<NameSection> names = fixtureNames(fixture);
    PrintWriter o = spec.commandLine().getOut();
    String fileName = absolute.getFileName().toString();
    for (int i = 0; i < traps.size(); i++) {
      CapturedTrap trap = traps.get(i);
      if (i > 0) {
        o.println();
      }
      Path written = write(fileName + "." + trap.line() + ".core", trap.coredump());
      report(o, relative + ":" + trap.line(), trap.message(), written, trap.coredump().length,
          trap.dump(), names);
    }
    o.flush();
    return ExitCodes.OK;
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
   * The name sections of the fixture's binary modules, in script order, each distinct module once
   * (the runner instantiates identical bytes as one module, so this order is the coredump's).
   */
  private static List<NameSection> fixtureNames(Fixture fixture) {
    Map<ByteBuffer, NameSection> modules = new LinkedHashMap<>();
    for (dev.coroner.fixtures.Command c : fixture.script().commands()) {
      WastModule m = null;
      if (c instanceof ModuleCommand mc) {
        m = mc.module();
      } else if (c instanceof AssertTrap t && t.isModuleTrap()) {
        m = t.module().orElseThrow();
      }
      if (m != null && !m.isText()) {
        byte[] bytes = m.bytes();
        modules.computeIfAbsent(ByteBuffer.wrap(bytes), k -> names(bytes));
      }
    }
    return new ArrayList<>(modules.values());
  }

  private static NameSection names(byte[] bytes) {
    try {
      return NameSection.read(bytes);
    } catch (NameSection.NotWasmException e) {
      return NameSection.NONE;
    }
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
    String instanceName =
        fileName.substring(0, fileName.length() - ".wasm".length());
    ScriptEnvironment env = new ScriptEnvironment(StoreConfig.defaults().withCapture(fileName));
    TrapException trap = null;
    String where;
    Instance instance = null;
    try {
      instance = env.module(module, null, instanceName);
    } catch (UninstantiableException e) {
      trap = e.trap();
    } catch (WasmException e) {
      throw CliException.failure(file + ": cannot instantiate: " + e.getMessage(), e);
    }
    if (trap != null) {
      where = file + " (instantiation)";
    } else if (invoke == null) {
      if (!args.isEmpty()) {
        throw CliException.usage("arguments given without --invoke NAME");
      }
      throw CliException.failure(
          file + ": instantiated without trapping (no start function trapped); use --invoke NAME"
              + " [ARGS...] to call an export; no coredump written");
    } else {
      where = file + " --invoke " + invoke;
      trap = invoke(instance);
    }
    CoreDump dump =
        trap.coreDump()
            .orElseThrow(() -> new IllegalStateException("capture is on but the trap has no dump"));
    byte[] encoded = CoreDumpEncoder.encode(dump);
    Path written = write(fileName + ".core", encoded);
    PrintWriter o = spec.commandLine().getOut();
    report(o, where, trap.getMessage(), written, encoded.length, dump, List.of(names(bytes)));
    o.flush();
    return ExitCodes.OK;
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
    }
    List<ScriptValue> typed = new ArrayList<>();
    for (int i = 0; i < results.length; i++) {
      typed.add(new ScriptValue(function.type().result(i), results[i]));
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
    Path target = out.resolve(name);
    try {
      Files.createDirectories(out);
      Files.write(target, bytes);
    } catch (IOException e) {
      throw CliException.failure(target + ": cannot write the coredump: " + e);
    }
    return target;
  }

  private static void report(PrintWriter o, String where, String message, Path written, int size,
      CoreDump dump, List<NameSection> names) {
    o.println(where + ": trap: " + message);
    o.println("wrote " + written + " (" + size + " bytes)");
    o.print(Backtrace.render(dump, names, MAX_FRAMES));
  }
}
