package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code lldb-22} in batch mode and splits its transcript by command. Outside CI a
 * machine without LLDB skips the LLDB tests (and says why); under {@code CI=true} they must run.
 */
final class Lldb {
  private Lldb() {}

  /** One command of a transcript and what LLDB printed for it. */
  record Step(String command, String output) {}

  /** A whole batch run. */
  record Transcript(String text, List<Step> steps) {
    /** The output of the {@code n}-th step whose command is exactly {@code command}. */
    String output(String command, int n) {
      int seen = 0;
      for (Step s : steps) {
        if (s.command.equals(command) && seen++ == n) {
          return s.output;
        }
      }
      throw new AssertionError("no step \"" + command + "\" #" + n + " in:\n" + text);
    }

    String output(String command) {
      return output(command, 0);
    }
  }

  /** {@code -Dcoroner.lldb=PATH}, else {@code lldb-22} on the PATH. */
  static Optional<Path> executable() {
    String configured = System.getProperty("coroner.lldb");
    if (configured != null && !configured.isEmpty()) {
      return Optional.of(Path.of(configured));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "lldb-22");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The LLDB executable; skips the test when there is none, unless {@code CI=true}. */
  static Path require() {
    Optional<Path> lldb = executable();
    if (lldb.isEmpty()) {
      skip("lldb-22 is not on the PATH (install Debian's lldb-22, or set -Dcoroner.lldb)",
          "lldb-22");
    }
    return lldb.get();
  }

  /**
   * Another LLVM 22 tool on the PATH, e.g. {@code llvm-dwarfdump-22} (Debian's {@code llvm-22});
   * skips the test when there is none, unless {@code CI=true}.
   */
  static Path requireTool(String name, String debianPackage) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    skip(name + " is not on the PATH (install Debian's " + debianPackage + ")", debianPackage);
    throw new AssertionError("unreachable");
  }

  private static void skip(String why, String debianPackage) {
    if ("true".equals(System.getenv("CI"))) {
      fail(why + "; under CI=true the LLDB tests must run (.ci/run installs " + debianPackage
          + ")");
    }
    System.err.println("[LldbTest] skipped: " + why);
    Assumptions.assumeTrue(false, why);
  }

  /**
   * Runs {@code command} and returns its standard output; fails if it cannot start, does not end
   * in 120 s or exits other than 0 (with what it printed).
   */
  static String output(List<String> command) throws Exception {
    Path out = Files.createTempFile("coroner-tool-", ".out");
    Path err = Files.createTempFile("coroner-tool-", ".err");
    try {
      Process p = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish in 120 s");
      }
      if (p.exitValue() != 0) {
        fail(command + " exited " + p.exitValue() + ":\n" + Files.readString(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs {@code commands} with LLDB in {@code workdir}; fails if LLDB hangs or cannot start. */
  static Transcript run(Path lldb, Path workdir, List<String> commands) throws Exception {
    Path script = Files.createTempFile("coroner-lldb-", ".cmd");
    try {
      Files.write(script, commands, StandardCharsets.UTF_8);
      Path output = Files.createTempFile("coroner-lldb-", ".out");
      try {
        Process p = new ProcessBuilder(
                lldb.toString(), "--no-lldbinit", "--batch", "--source", script.toString())
            .directory(workdir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          fail("lldb did not finish in 120 s; it printed:\n" + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return new Transcript(text, split(text, commands));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + lldb + ": " + e, e);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** Splits at LLDB's echo of each command, {@code (lldb) COMMAND}. */
  private static List<Step> split(String text, List<String> commands) {
    List<Step> steps = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    String command = null;
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("(lldb) ") && commands.contains(line.substring(7).trim())) {
        if (command != null) {
          steps.add(new Step(command, out.toString()));
        }
        command = line.substring(7).trim();
        out.setLength(0);
      } else if (command != null) {
        out.append(line).append('\n');
      }
    }
    if (command != null) {
      steps.add(new Step(command, out.toString()));
    }
    return steps;
  }
}
