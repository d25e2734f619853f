package dev.coroner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code coroner kit}: the portable conformance kit ({@code docs/kit.md}). */
@Command(
    name = "kit",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Export the conformance kit for other runtimes, and score their dumps.",
    description = {
      "The portable conformance kit: every fixture command as a self-contained case (modules,"
          + " a JSON manifest of what to instantiate and invoke, the golden files) that a runtime"
          + " in any language can run, writing one coredump per case. 'kit score' judges those"
          + " dumps against the goldens. Schema and layout: docs/kit.md.",
      "",
      "  export KIT        write the kit",
      "  run KIT DUMPS     run every case in Coroner's interpreter (the reference), or in"
          + " Chicory's with --engine chicory",
      "  score KIT DUMPS   print the scorecard of a runtime's dumps"
    },
    subcommands = {KitExportCommand.class, KitRunCommand.class, KitScoreCommand.class})
final class KitCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: choose one of export, run, score");
  }
}
