package dev.coroner.cli;

import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.Dialect;
import dev.coroner.coredump.DialectConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner convert}: rewrite a coredump in another producer's frame layout, or back. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Convert a coredump between frame layouts (the specification's, wasmgdb's).",
    description = {
      "Read IN in whatever layout its corestack sections use (the specification's; wasmgdb's;"
          + " the fixed-u32 layout of Wasmtime 7-9; frames without an instance index) and write"
          + " OUT in the layout --to names, in the canonical encoding otherwise. Everything the"
          + " target layout can hold is kept; each thing the input does not say, or the target"
          + " cannot hold, is named in a 'note:' line (for example 'instance index unknown:"
          + " written as 0').",
      "",
      "A specification output is always a valid coredump: without a coreinstances section,"
          + " one instance of one module is written for the frames to name. A wasmgdb output"
          + " has no operand stacks (wasmgdb reads none). OUT is replaced only when the"
          + " conversion succeeded."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:converted (notes may say what could not be recovered)",
      "1:IN is not a valid coredump in any known layout",
      "2:usage error, or IN cannot be read or OUT cannot be written"
    })
final class ConvertCommand implements Callable<Integer> {

  /** The layouts {@code --to} accepts. */
  enum Target {
    spec(Dialect.SPEC),
    wasmgdb(Dialect.WASMGDB);

    final Dialect dialect;

    Target(Dialect dialect) {
      this.dialect = dialect;
    }
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "The coredump to convert.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the result.")
  Path out;

  @Option(
      names = "--to",
      paramLabel = "LAYOUT",
      description = "The layout to write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Target to = Target.spec;

  @Override
  public Integer call() {
    byte[] bytes = Inputs.read(in);
    DialectConverter.Result result;
    try {
      result = DialectConverter.convert(bytes, to.dialect);
    } catch (CoreDumpFormatException e) {
      throw CliException.failure(
          in + ": not a valid coredump in any known layout: " + Inputs.whyInvalid(bytes, e));
    }
    write(result.bytes());
    PrintWriter o = spec.commandLine().getOut();
    o.println("read " + in + ": " + result.from().description());
    o.println(
        "wrote " + out + ": " + result.to().description() + ", " + result.bytes().length
            + " bytes");
    for (String note : result.notes()) {
      o.println("  note: " + note);
    }
    o.flush();
    return ExitCodes.OK;
  }

  /** Writes OUT through a temporary file beside it, so a failure leaves no half-written file. */
  private void write(byte[] bytes) {
    Path target = out.toAbsolutePath();
    Path dir = target.getParent();
    if (Files.isDirectory(target)) {
      throw CliException.usage(out + ": is a directory, not a file");
    }
    if (!Files.isDirectory(dir)) {
      throw CliException.usage(out + ": cannot write: no such directory " + dir);
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw CliException.usage(out + ": cannot write: " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The temporary file stays; the error above (if any) is what matters.
        }
      }
    }
  }
}
