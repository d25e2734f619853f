package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.coredump.ModuleSections;
import dev.coroner.coredump.NameSection;
import dev.coroner.symbols.Symbolizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner inspect}: a coredump as text, then its backtrace with function names. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Print a coredump as text and its backtrace, with source locations and function"
        + " names.",
    description = {
      "Print a coredump as text (process, modules, instances, memories, globals, frames), then"
          + " its backtrace, youngest frame first.",
      "",
      "Source locations come from the DWARF of the modules given with --wasm (compiled with -g):"
          + " a frame shows its function, file:line:column and the functions it was inlined"
          + " into, then its module, function index and code offset. Frames without DWARF show"
          + " 'module.function (func N) offset 0xOFF'. DWARF that cannot be read never stops the"
          + " backtrace: its frames show the function index and offset, and one warning on"
          + " stderr names the section and the byte where reading failed.",
      "",
      "Function and local names come from the name sections of the modules given with --wasm."
          + " Coredump module i takes the names of the given module whose name section has the"
          + " same module name (the name in the dump's coremodules section); if none has it, the"
          + " i-th --wasm module, with a warning when that module's name section calls it"
          + " something else. Without names, frames show 'func N'. A malformed name section is"
          + " reported on stderr (with its offset) and its module's names are not used.",
      "",
      "A file in another producer's frame layout (wasmgdb, Wasmtime 7-9, frames without an"
          + " instance index) is not printed: the message names the layout; 'coroner convert'"
          + " rewrites it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed",
      "1:the file is not a valid coredump (another producer's layout included), or a --wasm file"
          + " is not a WebAssembly module",
      "2:usage error (bad option or unreadable file)"
    })
final class InspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.core", description = "The coredump to print.")
  Path file;

  @Option(
      names = "--wasm",
      paramLabel = "MODULE.wasm",
      description = "A module of the crashed program, for source locations (its DWARF) and"
          + " names (repeatable).")
  List<Path> modules = new ArrayList<>();

  @Override
  public Integer call() {
    CoreDump dump = Inputs.coredump(file);
    PrintWriter err = spec.commandLine().getErr();
    List<NameMatch.Given> given = new ArrayList<>();
    for (Path module : modules) {
      given.add(given(module, err));
    }
    NameMatch.Result match = NameMatch.match(dump.modules(), given);
    for (String warning : match.warnings()) {
      err.println("warning: " + warning);
    }
    err.flush();
    PrintWriter o = spec.commandLine().getOut();
    o.print(CoreDumpText.render(dump));
    o.println();
    Backtrace.Rendered backtrace = Backtrace.matched(dump, match.perModule(), Integer.MAX_VALUE);
    o.print(backtrace.text());
    o.flush();
    for (String warning : backtrace.warnings()) {
      err.println(warning);
    }
    err.flush();
    return ExitCodes.OK;
  }

  /**
   * A {@code --wasm} module: its names and its symbolizer. A file that is not a well-framed Wasm
   * module is an error (exit 1); a malformed name section is a warning, and the module then gives
   * no names. Its DWARF is read only for the frames that need it.
   */
  private static NameMatch.Given given(Path module, PrintWriter err) {
    byte[] bytes = Inputs.read(module);
    try {
      ModuleSections.read(bytes);
    } catch (CoreDumpFormatException e) {
      throw CliException.failure(module + ": not a WebAssembly module: " + e.getMessage());
    }
    NameSection names;
    try {
      names = NameSection.fromModule(bytes);
    } catch (CoreDumpFormatException e) {
      err.println("warning: " + module + ": name section not used: " + e.getMessage());
      names = NameSection.NONE;
    }
    return new NameMatch.Given(module.toString(), names, Symbolizer.of(bytes));
  }
}
