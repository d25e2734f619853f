package dev.coroner.harness.golden;

import dev.coroner.coredump.CanonicalCheck;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.harness.ByteExcerpt;
import dev.coroner.harness.ConformanceFailure;
import dev.coroner.harness.Difference;
import dev.coroner.harness.HarnessMessages;
import dev.coroner.harness.StructuralDiff;
import dev.coroner.harness.encoder.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Checks captured coredumps against the golden files of one suite ({@link GoldenLayout}), and
 * blesses them.
 *
 * <p>Comparison: the candidate must equal the golden byte for byte; otherwise the failure explains
 * where they differ structurally (section, frame, value, memory range) and shows a hex excerpt
 * around the first differing byte. A golden must itself pass the strict decoder and the canonical
 * check, and its {@code .core.txt} and {@code .state.json} must be the rendering and the state of
 * its bytes. Every failure is a {@link ConformanceFailure} with a {@link HarnessMessages} tag.
 *
 * <p>When the golden is missing, invalid or different, the check leaves the candidate beside it
 * ({@code key.core.new}, {@code key.core.txt.new}, {@code key.state.json.new}) so it can be read,
 * diffed against the golden's rendering, and accepted.
 *
 * <p>Blessing ({@code -Dcoroner.bless=true} or {@code BLESS=1}) writes the candidate as the golden,
 * atomically (temporary file, then rename), touching only the files whose content changes, and
 * returns what it wrote. With {@code CI=true} blessing is refused.
 *
 * <p>Only the bytes are compared, so anything that captures a coredump can use this class: the
 * conformance tests of {@code .wast} fixtures do, and so can a suite of other kinds of fixture with
 * their own {@link GoldenId} keys.
 */
public final class GoldenFiles {

  /** System property that turns blessing on. */
  public static final String BLESS_PROPERTY = "coroner.bless";

  /** Environment variable that turns blessing on ({@code 1} or {@code true}). */
  public static final String BLESS_VARIABLE = "BLESS";

  /**
   * The quick check of this project's conformance suite alone (add {@code -Dcoroner.bless=true} to
   * bless): no spec suite, no other module's tests.
   */
  public static final String QUICK_COMMAND =
      "./mvnw -q verify -pl conformance-suite -am -Dtest='*_Conformance'"
          + " -Dsurefire.failIfNoSpecifiedTests=false";

  /**
   * System property: the command that blesses, as failure messages show it. A project that uses
   * the harness for its own fixtures sets it (the {@code conformance-parent} POM sets {@code mvn
   * test -Dcoroner.bless=true}); without it, messages show this project's {@link #QUICK_COMMAND}.
   */
  public static final String BLESS_COMMAND_PROPERTY = "coroner.blessCommand";

  /** What a check may write. */
  private enum Mode {
    /** Compare only; never write a file. */
    READ_ONLY,
    /** Compare; on failure leave candidate files beside the golden. */
    CANDIDATES,
    /** Write the candidate as the golden. */
    BLESS
  }

  /**
   * Approves a candidate before blessing writes it as a new or changed golden (the V8 cross-check
   * does); goldens whose bytes do not change are not asked about.
   */
  @FunctionalInterface
  public interface BlessGuard {

    /** Approves everything. */
    BlessGuard NONE = (id, candidate) -> {};

    /**
     * Returns normally to let {@code candidate} become the golden of {@code id}.
     *
     * @throws ConformanceFailure to refuse it; nothing is written
     */
    void approve(GoldenId id, byte[] candidate);
  }

  private final GoldenLayout layout;
  private final Mode mode;
  private final boolean ci;
  private final BlessGuard guard;

  private GoldenFiles(GoldenLayout layout, Mode mode, boolean ci) {
    this(layout, mode, ci, BlessGuard.NONE);
  }

  private GoldenFiles(GoldenLayout layout, Mode mode, boolean ci, BlessGuard guard) {
    this.layout = layout;
    this.mode = mode;
    this.ci = ci;
    this.guard = guard;
  }

  /** The same golden files, with {@code guard} approving every golden blessing would change. */
  public GoldenFiles guardedBy(BlessGuard guard) {
    return new GoldenFiles(layout, mode, ci, Objects.requireNonNull(guard, "guard"));
  }

  /**
   * Golden files under {@code root}, blessing when {@value #BLESS_PROPERTY} or {@value
   * #BLESS_VARIABLE} asks for it (refused when {@code CI=true}), else leaving candidates.
   */
  public static GoldenFiles at(Path root) {
    return at(root, System.getProperties(), System.getenv());
  }

  /** Golden files under {@code root} that are only compared: nothing is ever written. */
  public static GoldenFiles comparing(Path root) {
    return new GoldenFiles(GoldenLayout.at(root), Mode.READ_ONLY, false);
  }

  /** Golden files under {@code root} that every check blesses, whatever the environment says. */
  public static GoldenFiles blessing(Path root) {
    return new GoldenFiles(GoldenLayout.at(root), Mode.BLESS, false);
  }

  static GoldenFiles at(Path root, Properties props, Map<String, String> env) {
    String variable = env.get(BLESS_VARIABLE);
    boolean bless =
        Boolean.parseBoolean(props.getProperty(BLESS_PROPERTY, "false"))
            || "1".equals(variable)
            || "true".equalsIgnoreCase(variable);
    boolean ci = "true".equalsIgnoreCase(env.get("CI"));
    return new GoldenFiles(GoldenLayout.at(root), bless ? Mode.BLESS : Mode.CANDIDATES, ci);
  }

  /** Where the files are. */
  public GoldenLayout layout() {
    return layout;
  }

  /** Whether checks write the golden files instead of comparing with them. */
  public boolean blesses() {
    return mode == Mode.BLESS;
  }

  /**
   * Checks {@code actual} (the canonical bytes of a captured dump) against the golden of {@code
   * id}, or blesses it.
   *
   * @return the files blessing wrote or rewrote (empty when nothing changed, or when comparing)
   * @throws ConformanceFailure when the golden is missing, invalid or different, its rendering or
   *     state is stale, or blessing is refused
   */
  public List<Path> check(GoldenId id, byte[] actual) {
    CoreDump actualDump = decodeOwn(actual, id);
    String actualText = CoreDumpText.render(actualDump);
    String actualState = StateJson.write(actualDump);
    if (mode == Mode.BLESS) {
      return bless(id, actual, actualText, actualState);
    }
    Path core = layout.core(id);
    if (!Files.exists(core)) {
      writeCandidates(id, actual, actualText, actualState);
      throw new ConformanceFailure(HarnessMessages.GOLDEN_MISSING, missing(id));
    }
    byte[] golden = read(core);
    CoreDump goldenDump;
    try {
      goldenDump = CoreDumpDecoder.decode(golden);
    } catch (CoreDumpFormatException e) {
      writeCandidates(id, actual, actualText, actualState);
      throw new ConformanceFailure(
          HarnessMessages.GOLDEN_INVALID,
          id + ": golden " + core + " is not a valid coredump: " + e.getMessage() + "\n"
              + ByteExcerpt.describe(golden, actual) + candidatesNote(id) + blessHint());
    }
    if (!Arrays.equals(golden, actual)) {
      writeCandidates(id, actual, actualText, actualState);
      List<Difference> diffs = StructuralDiff.between(goldenDump, actualDump);
      throw new ConformanceFailure(
          HarnessMessages.GOLDEN_MISMATCH,
          id + ": coredump differs from " + core + "\n"
              + (diffs.isEmpty()
                  ? "  (same content, different encoding)\n"
                  : StructuralDiff.render(diffs))
              + ByteExcerpt.describe(golden, actual) + candidatesNote(id) + blessHint());
    }
    requireCanonical(golden, id + ": golden " + core);
    Path text = layout.text(id);
    String goldenText = readIfExists(text);
    if (!actualText.equals(goldenText)) {
      throw new ConformanceFailure(
          HarnessMessages.GOLDEN_TEXT_STALE,
          id + ": " + text
              + (goldenText == null ? " is missing" : " is not the rendering of " + core)
              + "; the coredump itself matches.\n" + blessHint());
    }
    Path state = layout.state(id);
    String goldenState = readIfExists(state);
    if (!actualState.equals(goldenState)) {
      throw new ConformanceFailure(
          HarnessMessages.GOLDEN_STATE_STALE,
          id + ": " + state
              + (goldenState == null ? " is missing" : " does not describe " + core)
              + "; the coredump itself matches.\n" + blessHint());
    }
    if (mode == Mode.CANDIDATES) {
      deleteCandidates(id); // left over from an earlier failure that has been fixed since
    }
    return List.of();
  }

  private List<Path> bless(GoldenId id, byte[] actual, String text, String state) {
    if (ci) {
      throw new ConformanceFailure(
          HarnessMessages.BLESS_REFUSED,
          id + ": blessing golden files is refused when CI=true; bless locally and commit the"
              + " result");
    }
    requireCanonical(actual, id + " (candidate)");
    Path core = layout.core(id);
    if (!Files.isRegularFile(core) || !Arrays.equals(read(core), actual)) {
      guard.approve(id, actual);
    }
    List<Path> written = new ArrayList<>();
    writeIfChanged(layout.core(id), actual, written);
    writeIfChanged(layout.text(id), text.getBytes(StandardCharsets.UTF_8), written);
    writeIfChanged(layout.state(id), state.getBytes(StandardCharsets.UTF_8), written);
    deleteCandidates(id);
    return List.copyOf(written);
  }

  private String missing(GoldenId id) {
    return id + ": no golden yet in " + layout.directory(id).toAbsolutePath().normalize() + "/\n"
        + candidatesNote(id)
        + "If the rendering is right, bless it (writes the three files without .new):\n"
        + "  " + blessCommand() + "\n"
        + (hasOwnBlessCommand()
            ? "(or rename the three .new files)"
            : "(or rename the three .new files; the full gate blesses with"
                + " ./mvnw verify -Dcoroner.bless=true)");
  }

  private String candidatesNote(GoldenId id) {
    if (mode == Mode.READ_ONLY) {
      return "";
    }
    return "Candidates written beside it: " + id.key() + GoldenLayout.CORE_SUFFIX
        + GoldenLayout.CANDIDATE_SUFFIX + " (coredump), " + id.key() + GoldenLayout.TEXT_SUFFIX
        + GoldenLayout.CANDIDATE_SUFFIX + " (text rendering: read this), " + id.key()
        + GoldenLayout.STATE_SUFFIX + GoldenLayout.CANDIDATE_SUFFIX + " (state.json).\n";
  }

  private static String blessHint() {
    return "If the new dump is right, bless it: " + blessCommand();
  }

  /** {@value #BLESS_COMMAND_PROPERTY}, else {@link #QUICK_COMMAND} with blessing on. */
  private static String blessCommand() {
    return hasOwnBlessCommand()
        ? System.getProperty(BLESS_COMMAND_PROPERTY)
        : QUICK_COMMAND + " -D" + BLESS_PROPERTY + "=true";
  }

  private static boolean hasOwnBlessCommand() {
    String custom = System.getProperty(BLESS_COMMAND_PROPERTY);
    return custom != null && !custom.isBlank();
  }

  private static CoreDump decodeOwn(byte[] bytes, GoldenId id) {
    try {
      return CoreDumpDecoder.decode(bytes);
    } catch (CoreDumpFormatException e) {
      AssertionError failure =
          new AssertionError(
              HarnessMessages.ENCODER_OUTPUT_INVALID + " " + id
                  + ": the canonical encoder's output does not decode: " + e.getMessage(), e);
      throw failure; // a bug in Coroner: keep the trace
    }
  }

  private static void requireCanonical(byte[] bytes, String what) {
    CanonicalCheck.Result result;
    try {
      result = CanonicalCheck.check(bytes);
    } catch (CoreDumpFormatException e) {
      throw new ConformanceFailure(
          HarnessMessages.NOT_CANONICAL, what + " does not decode: " + e.getMessage());
    }
    if (!result.isCanonical()) {
      throw new ConformanceFailure(
          HarnessMessages.NOT_CANONICAL, what + " is not in canonical form: " + result.reasons());
    }
  }

  private void writeCandidates(GoldenId id, byte[] core, String text, String state) {
    if (mode != Mode.CANDIDATES) {
      return;
    }
    writeAtomically(GoldenLayout.candidate(layout.core(id)), core);
    writeAtomically(
        GoldenLayout.candidate(layout.text(id)), text.getBytes(StandardCharsets.UTF_8));
    writeAtomically(
        GoldenLayout.candidate(layout.state(id)), state.getBytes(StandardCharsets.UTF_8));
  }

  private void deleteCandidates(GoldenId id) {
    for (Path file : layout.files(id)) {
      deleteQuietly(GoldenLayout.candidate(file));
    }
  }

  private static void writeIfChanged(Path target, byte[] bytes, List<Path> written) {
    if (Files.isRegularFile(target) && Arrays.equals(read(target), bytes)) {
      return;
    }
    writeAtomically(target, bytes);
    written.add(target);
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  private static String readIfExists(Path p) {
    return Files.exists(p) ? new String(read(p), StandardCharsets.UTF_8) : null;
  }

  /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it. */
  static void writeAtomically(Path target, byte[] bytes) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
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
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
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
