package dev.coroner.cli;

import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Script;
import dev.coroner.fixtures.Wast;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code coroner} in-process with captured output, and locates the repository's files. */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
  }

  static Result run(Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    int exit = cli.execute(strings);
    return new Result(exit, out.toString(), err.toString());
  }

  /** The repository root (set by the build; else the cli module's parent). */
  static Path repo() {
    return Path.of(System.getProperty("coroner.repoRoot", "..")).toAbsolutePath().normalize();
  }

  static Path golden(String relative) {
    return repo().resolve("conformance-suite/golden").resolve(relative);
  }

  /** The binary modules of a .wast script text, in order (wast2json --debug-names). */
  static List<byte[]> modules(String wast) throws Exception {
    Script script = Wast.convert("test.wast", wast);
    List<byte[]> out = new ArrayList<>();
    for (Command c : script.commands()) {
      if (c instanceof Command.ModuleCommand m) {
        out.add(m.module().bytes());
      }
    }
    return out;
  }

  /** Writes the single module of {@code wast} to {@code dir/name}. */
  static Path wasm(Path dir, String name, String wast) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, modules(wast).get(0));
    return file;
  }
}
