package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.harness.Difference;
import dev.coroner.harness.StructuralDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner diff}: a structural comparison of two coredumps. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Compare two coredumps structurally.",
    description = {
      "Compare two coredumps field by field (modules, instances, memories, globals, frames) and"
          + " list every difference. Two dumps that hold the same state are the same even when"
          + " their encodings differ (another producer's section order or data layout, say);"
          + " the output then says so and where the bytes first differ."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the same: byte-identical, or structurally equal",
      "1:different",
      "2:usage error, or a file cannot be read or is not a valid coredump"
    })
final class DiffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A.core", description = "The expected coredump.")
  Path first;

  @Parameters(index = "1", paramLabel = "B.core", description = "The actual coredump.")
  Path second;

  @Override
  public Integer call() {
    byte[] a = Inputs.read(first);
    byte[] b = Inputs.read(second);
    PrintWriter o = spec.commandLine().getOut();
    if (Arrays.equals(a, b)) {
      o.println(first + " and " + second + " are byte-identical (" + a.length + " bytes)");
      o.flush();
      return ExitCodes.OK;
    }
    CoreDump da = decode(first, a);
    CoreDump db = decode(second, b);
    List<Difference> differences = StructuralDiff.between(da, db);
    if (differences.isEmpty()) {
      o.println(first + " and " + second + " are structurally equal; only their encodings differ ("
          + a.length + " vs " + b.length + " bytes, first differing byte at offset 0x"
          + Long.toHexString(Arrays.mismatch(a, b)) + ")");
      o.flush();
      return ExitCodes.OK;
    }
    o.println(first + " and " + second + " differ (" + differences.size() + " difference"
        + (differences.size() == 1 ? "" : "s") + ", expected = " + first + ", actual = "
        + second + "):");
    o.print(StructuralDiff.render(differences));
    o.flush();
    return ExitCodes.FAILURE;
  }

  private static CoreDump decode(Path file, byte[] bytes) {
    try {
      return CoreDumpDecoder.decode(bytes);
    } catch (CoreDumpFormatException e) {
      throw CliException.usage(file + ": not a valid coredump: " + e.getMessage());
    }
  }
}
