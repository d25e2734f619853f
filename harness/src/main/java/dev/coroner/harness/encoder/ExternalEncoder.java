package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An encoder in any language, run as a command: for each dump it writes the state as {@code
 * state.json} ({@link StateJson}) to a temporary directory, runs the command line with {@code
 * {state}} and {@code {out}} replaced by the paths of that file and of the file the command must
 * write, waits for it (with a timeout) and reads the output.
 *
 * <p>Template syntax: words separated by blanks; a word may be quoted with {@code "..."} or {@code
 * '...'} to hold blanks (no other escapes, no shell). Both placeholders must appear. Example:
 * {@code python3 examples/python-encoder/encode.py {state} {out}}; relative program paths resolve
 * against the working directory given (by default the JVM's).
 *
 * <p>Errors ({@link EncoderException}) say what happened: the program could not be started (not
 * found, not executable: {@link EncoderException.Kind#CANNOT_START}), it exited with a non-zero
 * status (with the end of its standard error), it wrote no output, or it ran longer than the
 * timeout (it is then killed: {@link EncoderException.Kind#TIMED_OUT}).
 */
public final class ExternalEncoder implements CoredumpEncoder {

  /** Placeholder for the state file the command reads. */
  public static final String STATE = "{state}";

  /** Placeholder for the coredump file the command writes. */
  public static final String OUT = "{out}";

  /** Default time limit for one run. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Characters of standard error quoted in a failure message at the most. */
  static final int STDERR_TAIL = 2000;

  private final String template;
  private final List<String> words;
  private final Path workDir;
  private final Duration timeout;

  /**
   * An encoder running {@code template}.
   *
   * @param template the command line, with {@value #STATE} and {@value #OUT}
   * @param workDir the directory the command runs in
   * @param timeout how long one run may take
   * @throws IllegalArgumentException if the template is empty, badly quoted or lacks a
   *     placeholder
   */
  public ExternalEncoder(String template, Path workDir, Duration timeout) {
    this.template = Objects.requireNonNull(template, "template");
    this.words = split(template);
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (words.isEmpty()) {
      throw new IllegalArgumentException("empty encoder command");
    }
    for (String p : List.of(STATE, OUT)) {
      if (words.stream().noneMatch(w -> w.contains(p))) {
        throw new IllegalArgumentException(
            "encoder command \"" + template + "\" lacks the placeholder " + p
                + " (it needs both " + STATE + " and " + OUT + ")");
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** An encoder running {@code template} in the current directory with the default timeout. */
  public ExternalEncoder(String template) {
    this(template, Path.of("").toAbsolutePath(), DEFAULT_TIMEOUT);
  }

  @Override
  public String name() {
    return "external: " + template;
  }

  /** The command line with the placeholders replaced, as it would be run. */
  List<String> command(Path state, Path out) {
    List<String> cmd = new ArrayList<>(words.size());
    for (String w : words) {
      cmd.add(w.replace(STATE, state.toString()).replace(OUT, out.toString()));
    }
    return cmd;
  }

  @Override
  public byte[] encode(CoreDump dump) throws EncoderException {
    Path dir;
    try {
      dir = Files.createTempDirectory("coroner-encoder-");
    } catch (IOException e) {
      throw new EncoderException(
          EncoderException.Kind.CANNOT_START,
          "cannot create a temporary directory: " + e.getMessage(), e);
    }
    try {
      return run(dump, dir);
    } finally {
      deleteQuietly(dir);
    }
  }

  private byte[] run(CoreDump dump, Path dir) throws EncoderException {
    Path state = dir.resolve("state.json");
    Path out = dir.resolve("out.core");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    try {
      Files.writeString(state, StateJson.write(dump), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EncoderException(
          EncoderException.Kind.CANNOT_START, "cannot write the state file " + state + ": " + e, e);
    }
    List<String> cmd = command(state, out);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new EncoderException(
          EncoderException.Kind.CANNOT_START,
          "cannot start encoder command " + cmd.get(0) + " (not found or not executable; "
              + "working directory " + workDir + "): " + e.getMessage(),
          e);
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new EncoderException(
            EncoderException.Kind.TIMED_OUT,
            "encoder command timed out after " + timeout.toSeconds() + " s and was killed: "
                + String.join(" ", cmd),
            null);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new EncoderException("interrupted while waiting for the encoder command", e);
    }
    int status = p.exitValue();
    if (status != 0) {
      throw new EncoderException(
          "encoder command exited with status " + status + ": " + String.join(" ", cmd)
              + "\nstandard error:\n" + tail(stderr));
    }
    try {
      if (!Files.exists(out)) {
        throw new EncoderException(
            "encoder command exited normally but wrote no output to " + OUT + " (" + out + ")"
                + stderrNote(stderr));
      }
      byte[] bytes = Files.readAllBytes(out);
      if (bytes.length == 0) {
        throw new EncoderException(
            "encoder command wrote an empty file to " + OUT + stderrNote(stderr));
      }
      return bytes;
    } catch (IOException e) {
      throw new EncoderException("cannot read the encoder's output " + out + ": " + e, e);
    }
  }

  private static File nullFile() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String stderrNote(Path stderr) {
    String t = tail(stderr);
    return t.isBlank() ? "" : "; standard error:\n" + t;
  }

  private static String tail(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8);
      return s.length() <= STDERR_TAIL ? s : "..." + s.substring(s.length() - STDERR_TAIL);
    } catch (IOException e) {
      return "(standard error unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temporary directory is harmless
    }
  }

  /** Splits a template into words; quotes group blanks. */
  static List<String> split(String template) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException(
          "unterminated " + quote + " quote in encoder command \"" + template + "\"");
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }
}
