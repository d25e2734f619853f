package dev.coroner.cli;

import dev.coroner.coredump.CanonicalCheck;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.DecodedCoreDump;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner validate}: the strict decoder and the canonical check, file by file. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Check coredumps: strict decoding and canonical form.",
    description = {
      "Check coredumps with the strict decoder and the canonical-form check. Prints one line per"
          + " file: 'FILE: ok (canonical)', 'FILE: valid but not canonical: REASONS' or 'FILE:"
          + " invalid: MESSAGE (at offset 0x..)'. A directory stands for every *.core file under"
          + " it.",
      "",
      "A valid but non-canonical file counts as valid (other producers need not write the"
          + " canonical layout) unless --strict is given. Standard sections a coredump does not"
          + " use (a type or code section, say) make a file valid but not canonical.",
      "",
      "A file whose corestack sections follow another producer's layout (wasmgdb; the fixed-u32"
          + " layout of Wasmtime 7-9; frames without an instance index) is invalid, and its line"
          + " names the layout; 'coroner convert' rewrites such files."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is valid (with --strict: and canonical)",
      "1:some file is invalid (with --strict: or not canonical)",
      "2:usage error: no files, or a file cannot be read (reported, the others still checked)"
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Coredump files, or directories to search for *.core files.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--strict", description = "Count a valid but non-canonical file as a failure.")
  boolean strict;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean failed = false;
    boolean unreadable = false;
    int checked = 0;
    for (Path argument : files) {
      for (Path file : expand(argument)) {
        byte[] bytes;
        try {
          bytes = Inputs.read(file);
        } catch (CliException e) {
          err.println(e.getMessage());
          unreadable = true;
          continue;
        }
        checked++;
        String verdict = verdict(bytes);
        o.println(file + ": " + verdict);
        if (verdict.startsWith("invalid") || (strict && !verdict.startsWith("ok"))) {
          failed = true;
        }
      }
    }
    if (files.size() > 1 || Files.isDirectory(files.get(0))) {
      o.println(checked + " file" + (checked == 1 ? "" : "s") + " checked");
    }
    o.flush();
    err.flush();
    return unreadable ? ExitCodes.USAGE : failed ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  /** A file as itself; a directory as its {@code *.core} files, sorted by path. */
  private static List<Path> expand(Path argument) {
    if (!Files.isDirectory(argument)) {
      return List.of(argument);
    }
    try (Stream<Path> walk = Files.walk(argument)) {
      List<Path> found =
          walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".core"))
              .sorted()
              .collect(Collectors.toList());
      if (found.isEmpty()) {
        throw CliException.usage(argument + ": directory holds no *.core files");
      }
      return found;
    } catch (IOException | UncheckedIOException e) {
      throw CliException.usage(argument + ": cannot list the directory: " + e.getMessage());
    }
  }

  /** {@code ok (canonical)}, {@code valid but not canonical: ...} or {@code invalid: ...}. */
  static String verdict(byte[] bytes) {
    DecodedCoreDump decoded;
    try {
      decoded = CoreDumpDecoder.decodeWithFacts(bytes);
    } catch (CoreDumpFormatException e) {
      return "invalid: " + Inputs.whyInvalid(bytes, e);
    }
    CanonicalCheck.Result result = CanonicalCheck.check(decoded, bytes);
    if (result.isCanonical()) {
      return "ok (canonical)";
    }
    return "valid but not canonical: "
        + result.reasons().stream().map(CanonicalCheck.Reason::toString)
            .collect(Collectors.joining("; "));
  }
}
