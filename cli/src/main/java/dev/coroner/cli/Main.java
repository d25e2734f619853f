package dev.coroner.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code coroner} command: {@code run}, {@code inspect}, {@code validate}, {@code diff} and
 * {@code convert}.
 *
 * <p>Exit codes: 0 success, 1 the answer is no (did not trap, invalid, different) or running
 * failed, 2 usage error or unreadable input, 3 internal error. User errors print one message to
 * stderr, naming the file and its line or byte offset; only internal errors print a stack trace,
 * and only with {@code --verbose}.
 */
@Command(
    name = "coroner",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Capture, inspect, validate, compare and convert WebAssembly coredumps.",
    subcommands = {
      RunCommand.class,
      InspectCommand.class,
      ValidateCommand.class,
      DiffCommand.class,
      ConvertCommand.class,
      DebugCommand.class,
      KitCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:no trap / invalid / different, or the run failed",
      "2:usage error or unreadable input",
      "3:internal error (rerun with --verbose for the stack trace)"
    })
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On an internal error, print its stack trace.")
  boolean verbose;

  /** Runs {@code coroner} with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A configured command line, printing to {@link System#out} and {@link System#err}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    return cli;
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: choose one of run, inspect, validate, diff, convert, debug, kit");
  }

  /** Turns an exception from a command into a message on stderr and an exit code. */
  private static int handle(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof CliException c) {
      err.println(c.getMessage());
      err.flush();
      return c.exitCode();
    }
    err.println("coroner: internal error: " + e);
    if (parsed.originalArgs().contains("--verbose")) {
      e.printStackTrace(err);
    } else {
      err.println("(rerun with --verbose for the stack trace)");
    }
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"coroner " + (v == null ? "(development build)" : v)};
    }
  }
}
