package dev.coroner.cli;

import dev.coroner.harness.kit.KitException;
import dev.coroner.harness.kit.KitScorer;
import dev.coroner.harness.kit.Profile;
import dev.coroner.harness.kit.Scorecard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner kit score}: the scorecard of a runtime's dumps. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Judge a runtime's dumps against the kit's goldens and print a scorecard.",
    description = {
      "For every case of KIT, reads DUMPS/<dump> (as kit.json names it) and prints one line:",
      "  exact               byte-identical with the golden",
      "  same state          another encoding of the golden's state (how it differs is named)",
      "  allowed divergence  the golden's state up to divergences the profile allows (named)",
      "  wrong               anything else: the first differing section and field, or why the"
          + " file is not a specification coredump",
      "  missing             no dump",
      "then the totals. Profiles: strict (the default: nothing but the golden's state), wasmtime"
          + " (empty locals and operand stacks, declared global mutability, 0xFFFFFFFF for a"
          + " memory or global left out, frames naming the last instance of their module)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:nothing is wrong or missing",
      "1:some case is wrong or missing",
      "2:usage error: an unknown profile, an unreadable or damaged kit, no DUMPS folder"
    })
final class KitScoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIT", description = "The kit.")
  Path kit;

  @Parameters(index = "1", paramLabel = "DUMPS", description = "The runtime's dumps.")
  Path dumps;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "The accepted divergences: strict (default), wasmtime or chicory (and those of"
          + " other ProfileProviders on the class path).")
  String profile = Profile.STRICT.name();

  @Option(names = "--verbose-diff", description = "List every difference of a wrong case.")
  boolean verboseDiff;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the scorecard as JSON to FILE.")
  Path json;

  @Override
  public Integer call() {
    Profile p =
        Profile.named(profile)
            .orElseThrow(() -> CliException.usage(
                "--profile: unknown profile \"" + profile + "\" (choose one of "
                    + String.join(", ", Profile.names()) + ")"));
    Scorecard card;
    try {
      card = KitScorer.score(kit, dumps, p);
    } catch (KitException e) {
      throw CliException.usage(e.getMessage());
    } catch (IOException e) {
      throw CliException.usage(e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.print(card.render(verboseDiff));
    o.flush();
    if (json != null) {
      try {
        Files.writeString(json, card.json(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw CliException.usage("--json: cannot write " + json + ": " + e);
      }
    }
    return card.passes() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
