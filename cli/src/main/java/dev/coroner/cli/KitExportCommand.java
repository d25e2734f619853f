package dev.coroner.cli;

import dev.coroner.harness.kit.KitException;
import dev.coroner.harness.kit.KitExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner kit export}: fixtures and goldens to a kit. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Write every fixture command as a self-contained case of a conformance kit.",
    description = {
      "Writes KIT/kit.json and one directory per trapping command of every fixture under the"
          + " fixture root: case.json (the modules to instantiate and register, the invocations"
          + " with typed arguments, the trap and its expected message, the process name), the"
          + " .wasm modules, the fixture's source and the golden .core, .core.txt and"
          + " .state.json; and one wasi-command case per program fixture run spec that expects"
          + " a trap (--programs). KIT must not exist, be empty, or hold an earlier kit"
          + " (replaced); it is written completely or not at all."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the kit was written",
      "1:a fixture cannot be exported, or a golden is missing, stale or invalid",
      "2:usage error: a root is missing, or KIT holds something other than a kit"
    })
final class KitExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIT", description = "The directory to write the kit to.")
  Path target;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description = "The fixture root (default: wat).")
  Path fixtures = Path.of("wat");

  @Option(
      names = "--goldens",
      paramLabel = "DIR",
      description = "The golden root (default: conformance-suite/golden).")
  Path goldens = Path.of("conformance-suite", "golden");

  @Option(
      names = "--programs",
      paramLabel = "DIR",
      description = "The program fixtures' root: every run spec under it that expects a trap"
          + " becomes a wasi-command case, its golden under GOLDENS/programs (default: programs,"
          + " when both it and GOLDENS/programs exist).")
  Path programs;

  @Override
  public Integer call() {
    Optional<Path> programRoot;
    if (programs != null) {
      if (!Files.isDirectory(programs)) {
        throw CliException.usage(programs + ": no such program root");
      }
      programRoot = Optional.of(programs);
    } else {
      Path byDefault = Path.of("programs");
      programRoot = Files.isDirectory(byDefault) && Files.isDirectory(goldens.resolve("programs"))
          ? Optional.of(byDefault) : Optional.empty();
    }
    if (!Files.isDirectory(fixtures)) {
      throw CliException.usage(
          fixtures + ": no such fixture root (run from the repository root, or give --fixtures)");
    }
    if (!Files.isDirectory(goldens)) {
      throw CliException.usage(
          goldens + ": no such golden root (run from the repository root, or give --goldens)");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw CliException.usage(target + ": exists and is not a directory");
    }
    if (!isEmptyOrKit(target)) {
      throw CliException.usage(
          target + ": not empty and not a kit (no kit.json); choose another directory");
    }
    KitExporter.Result result;
    try {
      result = KitExporter.export(fixtures, programRoot, goldens, target);
    } catch (KitException e) {
      throw CliException.failure("coroner kit export: " + e.getMessage(), e);
    } catch (IOException e) {
      throw CliException.usage("coroner kit export: " + e);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("wrote " + result.cases() + " cases from " + result.fixtures() + " fixtures to "
        + target + " (" + result.files() + " files, " + result.bytes() + " bytes)");
    o.flush();
    return ExitCodes.OK;
  }

  private static boolean isEmptyOrKit(Path dir) {
    if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve("kit.json"))) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw CliException.usage(dir + ": cannot list: " + e.getMessage());
    }
  }
}
