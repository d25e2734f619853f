package dev.coroner.harness;

import dev.coroner.coredump.CanonicalCheck;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.harness.encoder.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The golden files of one suite: for fixture {@code path} and trap line {@code N}, the canonical
 * coredump {@code <root>/<path>/N.core}, its text rendering {@code N.core.txt} and the
 * language-neutral state {@code N.state.json} that external encoders read.
 *
 * <p>Comparison: the candidate must equal the golden byte for byte; otherwise the failure explains
 * where they differ structurally (section, frame, value, memory range) and shows a hex excerpt
 * around the first differing byte. A golden must itself pass the strict decoder and the canonical
 * check, and its {@code .core.txt} must be the rendering of its bytes.
 *
 * <p>Blessing ({@code -Dcoroner.bless=true} or {@code BLESS=1}) writes the candidate as the new
 * golden, atomically (temporary file, then rename). With {@code CI=true} blessing is refused. A
 * missing golden fails and leaves the candidate beside it as {@code N.core.new} / {@code
 * N.core.txt.new}.
 */
public final class GoldenFiles {

  /** System property that turns blessing on. */
  public static final String BLESS_PROPERTY = "coroner.bless";

  private final Path root;
  private final boolean bless;
  private final boolean ci;

  GoldenFiles(Path root, boolean bless, boolean ci) {
    this.root = root;
    this.bless = bless;
    this.ci = ci;
  }

  /** Golden files under {@code root}, with blessing and CI detection from the environment. */
  public static GoldenFiles at(Path root) {
    return at(root, System.getProperties(), System.getenv());
  }

  /** Golden files under {@code root} that are only compared, never blessed. */
  public static GoldenFiles comparing(Path root) {
    return new GoldenFiles(root, false, false);
  }

  static GoldenFiles at(Path root, java.util.Properties props, Map<String, String> env) {
    boolean bless =
        Boolean.parseBoolean(props.getProperty(BLESS_PROPERTY, "false"))
            || "1".equals(env.get("BLESS"))
            || "true".equalsIgnoreCase(env.get("BLESS"));
    boolean ci = "true".equalsIgnoreCase(env.get("CI"));
    return new GoldenFiles(root, bless, ci);
  }

  /** The golden coredump file for a fixture's trap at {@code line}. */
  public Path coreFile(String fixturePath, int line) {
    return root.resolve(fixturePath).resolve(line + ".core");
  }

  static Path textFile(Path core) {
    return core.resolveSibling(core.getFileName() + ".txt");
  }

  /** The language-neutral state beside a golden: {@code N.state.json} (see docs/state-json.md). */
  static Path stateFile(Path core) {
    String name = core.getFileName().toString();
    return core.resolveSibling(name.substring(0, name.length() - ".core".length()) + ".state.json");
  }

  static Path candidate(Path file) {
    return file.resolveSibling(file.getFileName() + ".new");
  }

  /**
   * Checks {@code actual} (canonical bytes of the captured dump) against the golden of {@code
   * fixturePath}:{@code line}.
   *
   * @throws AssertionError with an explanation when they differ, the golden is missing or invalid,
   *     or blessing is refused
   */
  public void check(String fixturePath, int line, byte[] actual) {
    String where = fixturePath + ":" + line;
    Path core = coreFile(fixturePath, line);
    CoreDump actualDump = decodeOwn(actual, where);
    String actualText = CoreDumpText.render(actualDump);
    if (bless) {
      if (ci) {
        throw new AssertionError(
            "[BlessRefused] " + where + ": blessing golden files is refused when CI=true;"
                + " bless locally and commit the result");
      }
      requireCanonical(actual, where + " (candidate)");
      writeAtomically(core, actual);
      writeAtomically(textFile(core), actualText.getBytes(StandardCharsets.UTF_8));
      writeAtomically(stateFile(core), StateJson.write(actualDump).getBytes(StandardCharsets.UTF_8));
      deleteQuietly(candidate(core));
      deleteQuietly(candidate(textFile(core)));
      deleteQuietly(candidate(stateFile(core)));
      return;
    }
    if (!Files.exists(core)) {
      writeAtomically(candidate(core), actual);
      writeAtomically(candidate(textFile(core)), actualText.getBytes(StandardCharsets.UTF_8));
      writeAtomically(candidate(stateFile(core)),
          StateJson.write(actualDump).getBytes(StandardCharsets.UTF_8));
      throw new AssertionError(
          "[GoldenMissing] " + where + ": no golden file " + core + ".\n"
              + "The candidate was written to " + candidate(core) + " and "
              + candidate(textFile(core)) + ".\n"
              + "Read its text rendering; if it is right, accept it by renaming the .new files,"
              + " or run: ./mvnw verify -Dcoroner.bless=true");
    }
    byte[] golden = read(core);
    CoreDump goldenDump;
    try {
      goldenDump = CoreDumpDecoder.decode(golden);
    } catch (CoreDumpFormatException e) {
      throw new AssertionError(
          "[GoldenInvalid] " + where + ": golden " + core + " is not a valid coredump: "
              + e.getMessage() + "\n" + ByteExcerpt.describe(golden, actual));
    }
    if (!java.util.Arrays.equals(golden, actual)) {
      List<Difference> diffs = StructuralDiff.between(goldenDump, actualDump);
      throw new AssertionError(
          "[GoldenMismatch] " + where + ": coredump differs from " + core + "\n"
              + (diffs.isEmpty()
                  ? "  (same content, different encoding)\n"
                  : StructuralDiff.render(diffs))
              + ByteExcerpt.describe(golden, actual)
              + "If the new dump is right, run: ./mvnw verify -Dcoroner.bless=true");
    }
    requireCanonical(golden, where + " golden " + core);
    Path text = textFile(core);
    String goldenText =
        Files.exists(text) ? new String(read(text), StandardCharsets.UTF_8) : null;
    if (!actualText.equals(goldenText)) {
      throw new AssertionError(
          "[GoldenTextStale] " + where + ": " + text
              + (goldenText == null ? " is missing" : " is not the rendering of " + core)
              + "; run ./mvnw verify -Dcoroner.bless=true to rewrite it");
    }
    Path state = stateFile(core);
    String expectedState = StateJson.write(goldenDump);
    String goldenState =
        Files.exists(state) ? new String(read(state), StandardCharsets.UTF_8) : null;
    if (!expectedState.equals(goldenState)) {
      throw new AssertionError(
          "[GoldenStateStale] " + where + ": " + state
              + (goldenState == null ? " is missing" : " does not describe " + core)
              + "; run ./mvnw verify -Dcoroner.bless=true to rewrite it");
    }
  }

  private static CoreDump decodeOwn(byte[] bytes, String where) {
    try {
      return CoreDumpDecoder.decode(bytes);
    } catch (CoreDumpFormatException e) {
      throw new AssertionError(
          "[EncoderOutputInvalid] " + where + ": the encoder's output does not decode: "
              + e.getMessage(), e);
    }
  }

  private static void requireCanonical(byte[] bytes, String what) {
    CanonicalCheck.Result result;
    try {
      result = CanonicalCheck.check(bytes);
    } catch (CoreDumpFormatException e) {
      throw new AssertionError("[NotCanonical] " + what + " does not decode: " + e.getMessage());
    }
    if (!result.isCanonical()) {
      throw new AssertionError(
          "[NotCanonical] " + what + " is not in canonical form: " + result.reasons());
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it. */
  static void writeAtomically(Path target, byte[] bytes) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(),
          "." + target.getFileName(), ".tmp");
      try {
        Files.write(tmp, bytes);
        makeReadable(tmp);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Temporary files are created owner-only; golden files are ordinary, world-readable files. */
  private static void makeReadable(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its defaults apply.
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // A stale candidate left behind is harmless.
    }
  }
}
