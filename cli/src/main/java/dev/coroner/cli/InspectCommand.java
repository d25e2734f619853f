package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpText;
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
    header = "Print a coredump as text and its backtrace, with function names.",
    description = {
      "Print a coredump as text (process, modules, instances, memories, globals, frames), then"
          + " its backtrace, youngest frame first.",
      "",
      "Function and local names come from the name sections of the modules given with --wasm."
          + " Coredump module i takes the names of the given module whose name section has the"
          + " same module name (the name in the dump's coremodules section); if none has it, the"
          + " i-th --wasm module. Without names, frames show 'func N'.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed",
      "1:the file is not a valid coredump, or a --wasm file is not a WebAssembly module",
      "2:usage error (bad option or unreadable file)"
    })
final class InspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.core", description = "The coredump to print.")
  Path file;

  @Option(
      names = "--wasm",
      paramLabel = "MODULE.wasm",
      description = "A module of the crashed program, for names (repeatable).")
  List<Path> modules = new ArrayList<>();

  @Override
  public Integer call() {
    CoreDump dump = Inputs.coredump(file, ExitCodes.FAILURE);
    List<NameSection> names = new ArrayList<>();
    for (Path module : modules) {
      byte[] bytes = Inputs.read(module);
      try {
        names.add(NameSection.read(bytes));
      } catch (NameSection.NotWasmException e) {
        throw CliException.failure(module + ": " + e.getMessage());
      }
    }
    PrintWriter o = spec.commandLine().getOut();
    o.print(CoreDumpText.render(dump));
    o.println();
    o.print(Backtrace.render(dump, names, Integer.MAX_VALUE));
    o.flush();
    return ExitCodes.OK;
  }
}
