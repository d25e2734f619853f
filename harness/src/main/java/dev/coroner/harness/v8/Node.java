package dev.coroner.harness.v8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node.js, found and run: {@value #NODE_PROPERTY} names the executable, else {@code node} on the
 * {@code PATH}; it must be version {@value #MIN_MAJOR} or later. Runs {@code v8-frames.mjs} (a
 * resource of this package, written to a temporary file once per JVM) with a manifest on its
 * standard input.
 */
final class Node {

  /** System property: the Node.js executable to use (default {@code node} on the PATH). */
  static final String NODE_PROPERTY = "coroner.node";

  /** Oldest Node.js major version accepted (the one this check was written against). */
  static final int MIN_MAJOR = 20;

  /** System property: seconds one run of the script may take (default 300). */
  static final String TIMEOUT_PROPERTY = "coroner.v8.timeoutSeconds";

  static final String SCRIPT = "v8-frames.mjs";

  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)\\s*");

  private static Path scriptFile;

  /**
   * V8 options that enable WebAssembly 3.0 features Coroner's fixtures use, where this Node.js
   * still has them behind a flag (Node 20: 64-bit memories and extended constant expressions);
   * only those that {@code node --v8-options} lists are passed.
   */
  static final List<String> FEATURE_FLAGS = List.of(
      "--experimental-wasm-memory64", "--experimental-wasm-extended-const",
      "--experimental-wasm-multi-memory");

  private final String executable;
  private final String version;
  private final List<String> flags;

  private Node(String executable, String version, List<String> flags) {
    this.executable = executable;
    this.version = version;
    this.flags = flags;
  }

  /** The subset of {@link #FEATURE_FLAGS} that {@code exe --v8-options} lists. */
  private static List<String> supportedFlags(String exe) {
    try {
      Process p = new ProcessBuilder(exe, "--v8-options").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String options = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return List.of();
      }
      List<String> out = new java.util.ArrayList<>();
      for (String f : FEATURE_FLAGS) {
        if (options.contains(f + " ")) {
          out.add(f);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /**
   * The Node.js to use, or empty with the reason it cannot be used (not installed, too old, does
   * not start).
   */
  static Node find(StringBuilder whyNot) {
    String exe = System.getProperty(NODE_PROPERTY, "node");
    String printed;
    try {
      Process p = new ProcessBuilder(exe, "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        whyNot.append("'").append(exe).append(" --version' failed: ").append(printed.strip());
        return null;
      }
    } catch (IOException e) {
      whyNot.append("Node.js is not installed ('").append(exe).append("' cannot be started: ")
          .append(e.getMessage()).append("); install Debian's nodejs, or set -D")
          .append(NODE_PROPERTY).append("=PATH");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      whyNot.append("interrupted while starting ").append(exe);
      return null;
    }
    Matcher m = VERSION.matcher(printed);
    if (!m.matches()) {
      whyNot.append("'").append(exe).append(" --version' printed '").append(printed.strip())
          .append("', not a Node.js version");
      return null;
    }
    if (Integer.parseInt(m.group(1)) < MIN_MAJOR) {
      whyNot.append("Node.js ").append(printed.strip()).append(" is too old; the V8 cross-check")
          .append(" needs version ").append(MIN_MAJOR).append(" or later");
      return null;
    }
    return new Node(exe, printed.strip(), supportedFlags(exe));
  }

  /** {@code node v20.20.2}. */
  String describe() {
    return executable + " " + version;
  }

  /**
   * Runs the script with {@code manifest} on its standard input and returns its standard output.
   *
   * @throws V8Exception if it cannot start, exits with an error, or times out
   */
  String run(String manifest) throws V8Exception {
    Duration timeout = Duration.ofSeconds(Long.getLong(TIMEOUT_PROPERTY, 300));
    Process p;
    try {
      List<String> command = new java.util.ArrayList<>();
      command.add(executable);
      command.addAll(flags);
      command.add(script().toString());
      p = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new V8Exception("cannot start " + executable + ": " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> stdout = drain(p.getInputStream());
    CompletableFuture<byte[]> stderr = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      in.write(manifest.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The script died before reading everything; its exit status and stderr say why.
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new V8Exception(
            "the V8 script did not finish within " + timeout.toSeconds() + " s (set -D"
                + TIMEOUT_PROPERTY + "=N to allow longer)");
      }
      String err = new String(stderr.join(), StandardCharsets.UTF_8).strip();
      String out = new String(stdout.join(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new V8Exception(
            "the V8 script (" + describe() + ") exited with status " + p.exitValue()
                + (err.isEmpty() ? "" : ":\n" + err));
      }
      return out;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new V8Exception("interrupted while running the V8 script", e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The script, copied out of the class path once per JVM. */
  static synchronized Path script() throws V8Exception {
    if (scriptFile != null && Files.isRegularFile(scriptFile)) {
      return scriptFile;
    }
    try (InputStream in = Node.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new V8Exception("resource " + SCRIPT + " is missing from the class path");
      }
      Path dir = Files.createTempDirectory("coroner-v8-");
      Path file = dir.resolve(SCRIPT);
      Files.write(file, in.readAllBytes());
      file.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      scriptFile = file;
      return file;
    } catch (IOException e) {
      throw new V8Exception("cannot write " + SCRIPT + " to a temporary file: " + e.getMessage(), e);
    }
  }
}
