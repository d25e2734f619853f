package dev.coroner.cli;

import dev.coroner.chicory.conformance.ChicoryKitRunner;
import dev.coroner.harness.kit.Kit;
import dev.coroner.harness.kit.KitException;
import dev.coroner.harness.kit.ReferenceRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code coroner kit run}: a runtime consuming a kit, Coroner's interpreter (the reference) or
 * Chicory 1.7.5's with {@code dev.coroner.chicory}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Run every case of a kit in Coroner's interpreter (or Chicory's) and write the dumps.",
    description = {
      "A runtime consuming the kit, as yours would: reads only each case's case.json and"
          + " modules, performs the steps, and writes the dump of the last step's trap to"
          + " DUMPS/<dump> as kit.json names it. One line per case. 'coroner kit score KIT"
          + " DUMPS' then shows every case exact.",
      "",
      "--engine chicory runs the cases in Chicory 1.7.5's interpreter, its dumps taken by"
          + " dev.coroner.chicory; score them with 'coroner kit score KIT DUMPS --profile"
          + " chicory'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every case ran and its dump was written",
      "1:some case did not run as its manifest says (reported; the others still ran)",
      "2:usage error, an unreadable kit, or DUMPS cannot be written"
    })
final class KitRunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIT", description = "The kit.")
  Path kit;

  @Parameters(index = "1", paramLabel = "DUMPS", description = "Where to write the dumps.")
  Path dumps;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "How long one case may run (default: 60).")
  long timeout = 60;

  /** The engines {@code --engine} takes. */
  enum Engine {
    coroner,
    chicory
  }

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description = "coroner (the default: Coroner's interpreter) or chicory (Chicory 1.7.5's"
          + " interpreter with dev.coroner.chicory).")
  Engine engine = Engine.coroner;

  @Override
  public Integer call() {
    if (timeout < 1) {
      throw CliException.usage("--timeout must be at least 1 second");
    }
    Kit k;
    try {
      k = Kit.read(kit);
    } catch (KitException e) {
      throw CliException.usage(e.getMessage());
    }
    List<ReferenceRunner.Outcome> outcomes;
    try {
      outcomes = engine == Engine.chicory
          ? ChicoryKitRunner.writeDumps(k, dumps, Duration.ofSeconds(timeout))
          : ReferenceRunner.writeDumps(k, dumps, Duration.ofSeconds(timeout));
    } catch (IOException e) {
      throw CliException.usage("coroner kit run: cannot write " + dumps + ": " + e);
    }
    PrintWriter o = spec.commandLine().getOut();
    int failed = 0;
    for (ReferenceRunner.Outcome r : outcomes) {
      if (r.bytes() < 0) {
        failed++;
        o.println("failed  " + r.problem());
      } else {
        o.println("wrote   " + r.id() + " (" + r.bytes() + " bytes)");
      }
    }
    o.println(outcomes.size() - failed + " of " + outcomes.size() + " dumps written to " + dumps);
    o.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
