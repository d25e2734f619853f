package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
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
          + " the output then says so and where the bytes first differ. Sections a coredump"
          + " does not use (other custom sections, a type section, ...) are not compared.",
      "",
      "Both files must be valid coredumps; a file in another producer's frame layout is not,"
          + " and the message names the layout ('coroner convert' rewrites it)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the same: byte-identical, or structurally equal",
      "1:different, or a file is not a valid coredump (another producer's layout included)",
      "2:usage error, or a file cannot be read"
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
    CoreDump da = Inputs.coredump(first, a);
    CoreDump db = Inputs.coredump(second, b);
    PrintWriter o = spec.commandLine().getOut();
    if (Arrays.equals(a, b)) {
      o.println(first + " and " + second + " are byte-identical (" + a.length + " bytes)");
      o.flush();
      return ExitCodes.OK;
    }
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
}
