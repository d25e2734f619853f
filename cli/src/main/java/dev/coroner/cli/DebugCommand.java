package dev.coroner.cli;

import dev.coroner.coredump.CoreDump;
import dev.coroner.debugserver.CoreTarget;
import dev.coroner.debugserver.DebugServer;
import dev.coroner.debugserver.ModuleFormatException;
import dev.coroner.debugserver.ModuleImage;
import dev.coroner.debugserver.ModuleMatching;
import dev.coroner.debugserver.TargetException;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code coroner debug}: serves a coredump to LLDB over its WebAssembly GDB-remote protocol. */
@Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    header = "Serve a coredump to LLDB for post-mortem source-level debugging.",
    description = {
      "Start a read-only GDB-remote server on 127.0.0.1 that shows the coredump to LLDB 22's"
          + " WebAssembly plugin as a stopped process, and print the LLDB command that connects"
          + " to it. LLDB then shows the backtrace with source lines, C variables (from the dump's"
          + " locals, operand stacks, globals and memory), memory and globals.",
      "",
      "Give the modules of the crashed program with --wasm, as built (with their DWARF)."
          + " Coredump module i takes the given module whose name section has the same module"
          + " name; if none has it, the i-th --wasm module. A module that was not given still"
          + " shows its frames, without symbols.",
      "",
      "One client at a time. The server ends when the client detaches or kills the process"
          + " (LLDB's 'detach', 'process kill', or quitting), or on Ctrl-C. Running, stepping,"
          + " breakpoints and writes are refused: a coredump cannot change.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:served until the client detached or killed, or Ctrl-C",
      "1:not a valid coredump, a --wasm file that is not a module, or a module that does not"
          + " match the dump's frames",
      "2:usage error (bad option, unreadable file, port not available)"
    })
final class DebugCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CORE", description = "The coredump to serve.")
  Path file;

  @Option(
      names = "--wasm",
      paramLabel = "MODULE.wasm",
      description = "A module of the crashed program, with its debug info (repeatable).")
  List<Path> modules = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The port to listen on (default: 0, a free port chosen by the system).")
  int port;

  @Option(
      names = "--log-packets",
      description = "Print every GDB-remote packet, both directions, to stderr.")
  boolean logPackets;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port " + port + ": not a port number (0 to 65535)");
    }
    CoreDump dump = Inputs.coredump(file);
    List<ModuleImage> images = new ArrayList<>();
    for (Path module : modules) {
      try {
        images.add(ModuleImage.parse(module, Inputs.read(module)));
      } catch (ModuleFormatException e) {
        throw CliException.failure(module + ": " + e.getMessage());
      }
    }
    ModuleMatching matching = ModuleMatching.match(dump.modules(), images);
    CoreTarget target;
    try {
      target = CoreTarget.create(dump, matching);
    } catch (TargetException e) {
      throw CliException.failure(file + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DebugServer server;
    try {
      server = DebugServer.start(target, port, line -> {
        err.println("coroner debug: " + line);
        err.flush();
      }, logPackets);
    } catch (IOException e) {
      throw CliException.usage("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
    }
    printBanner(out, target, server);
    Thread hook = new Thread(() -> {
      server.close();
      err.println("coroner debug: interrupted; the server ends");
      err.flush();
    });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      server.awaitEnd();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down (Ctrl-C): the hook runs
      }
    }
    return ExitCodes.OK;
  }

  private void printBanner(PrintWriter out, CoreTarget target, DebugServer server) {
    CoreDump dump = target.dump();
    int frames = dump.threads().stream().mapToInt(t -> t.frames().size()).sum();
    out.println("coroner debug: serving " + file + " (process \""
        + dump.processName().orElse("?") + "\", " + dump.threads().size() + " thread"
        + (dump.threads().size() == 1 ? "" : "s") + ", " + frames + " frame"
        + (frames == 1 ? "" : "s") + ")");
    out.println("  stop reason: " + target.trapDescription());
    for (ModuleMatching.Binding b : target.matching().bindings()) {
      out.println("  module " + b.moduleIndex() + " \"" + b.dumpName() + "\": "
          + b.image().map(m -> m.file() + " (matched by " + b.how() + ")")
              .orElse("not given: its frames show without symbols"));
    }
    target.lldbCaveat().ifPresent(note -> out.println("  note: " + note));
    for (ModuleImage unused : target.matching().unused()) {
      out.println("  " + unused.file() + ": matches no module of the coredump (not used)");
    }
    out.println("Listening on 127.0.0.1:" + server.port() + ". Connect with:");
    out.println("  " + server.connectCommand(lldbExecutable()));
    out.println("One client at a time; the server ends when the client detaches or kills the"
        + " process, or on Ctrl-C.");
    out.flush();
  }

  /** {@code lldb-22} if it is on the PATH (Debian's name), else {@code lldb}. */
  private static String lldbExecutable() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "lldb-22"))) {
          return "lldb-22";
        }
      }
    }
    return "lldb";
  }
}
