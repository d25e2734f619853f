package dev.coroner.harness.golden;

import dev.coroner.fixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the golden files of a suite live; the one place that knows their names.
 *
 * <p>For {@link GoldenId} {@code (path, key)} under root {@code R}:
 *
 * <ul>
 *   <li>{@code R/path/key.core}: the canonical coredump;
 *   <li>{@code R/path/key.core.txt}: its text rendering (what reviewers read);
 *   <li>{@code R/path/key.state.json}: its state for encoders in any language ({@code
 *       docs/state-json.md});
 *   <li>each of them with {@code .new} appended: a candidate written by a failing check, to be read
 *       and then blessed or renamed.
 * </ul>
 */
public final class GoldenLayout {

  /** Suffix of golden coredump files. */
  public static final String CORE_SUFFIX = ".core";

  /** Suffix of their text renderings. */
  public static final String TEXT_SUFFIX = ".core.txt";

  /** Suffix of their language-neutral states. */
  public static final String STATE_SUFFIX = ".state.json";

  /** Suffix added to a candidate file. */
  public static final String CANDIDATE_SUFFIX = ".new";

  private final Path root;

  private GoldenLayout(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  /** The layout of the golden tree under {@code root}. */
  public static GoldenLayout at(Path root) {
    return new GoldenLayout(root);
  }

  /** The golden root. */
  public Path root() {
    return root;
  }

  /** The directory holding the goldens of {@code id}'s fixture. */
  public Path directory(GoldenId id) {
    return root.resolve(id.fixturePath());
  }

  /** {@code R/path/key.core}. */
  public Path core(GoldenId id) {
    return directory(id).resolve(id.key() + CORE_SUFFIX);
  }

  /** {@code R/path/key.core.txt}. */
  public Path text(GoldenId id) {
    return directory(id).resolve(id.key() + TEXT_SUFFIX);
  }

  /** {@code R/path/key.state.json}. */
  public Path state(GoldenId id) {
    return directory(id).resolve(id.key() + STATE_SUFFIX);
  }

  /** The three golden files of {@code id}: coredump, rendering, state. */
  public List<Path> files(GoldenId id) {
    return List.of(core(id), text(id), state(id));
  }

  /** The candidate of a golden file: the same name with {@code .new} appended. */
  public static Path candidate(Path file) {
    return file.resolveSibling(file.getFileName() + CANDIDATE_SUFFIX);
  }

  /** {@code key.core.txt} beside {@code key.core}. */
  public static Path textBeside(Path core) {
    return core.resolveSibling(base(core, CORE_SUFFIX) + TEXT_SUFFIX);
  }

  /** {@code key.state.json} beside {@code key.core}. */
  public static Path stateBeside(Path core) {
    return core.resolveSibling(base(core, CORE_SUFFIX) + STATE_SUFFIX);
  }

  /** {@code key.core} beside {@code key.state.json}. */
  public static Path coreBeside(Path state) {
    return state.resolveSibling(base(state, STATE_SUFFIX) + CORE_SUFFIX);
  }

  private static String base(Path file, String suffix) {
    String name = file.getFileName().toString();
    if (!name.endsWith(suffix) || name.length() == suffix.length()) {
      throw new IllegalArgumentException("not a golden " + suffix + " file: " + file);
    }
    return name.substring(0, name.length() - suffix.length());
  }

  /** The id of the golden coredump file {@code core} under this root. */
  public GoldenId idOf(Path core) {
    String rel = relative(core);
    int slash = rel.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("golden " + core + " is not inside a fixture directory");
    }
    return new GoldenId(rel.substring(0, slash), base(core, CORE_SUFFIX));
  }

  /** {@code file} relative to the root, with {@code /} separators. */
  public String relative(Path file) {
    return Fixture.relativePath(root, file);
  }

  /**
   * Every golden coredump ({@code *.core}) under the root, in the order of their relative paths,
   * so runs are deterministic on every platform.
   *
   * @throws IOException if the tree cannot be walked, or the root is not a directory
   */
  public List<Path> coreFiles() throws IOException {
    return filesEndingIn(CORE_SUFFIX);
  }

  /** Every {@code *.state.json} under the root, in relative-path order. */
  public List<Path> stateFiles() throws IOException {
    return filesEndingIn(STATE_SUFFIX);
  }

  private List<Path> filesEndingIn(String suffix) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("golden root " + root + " is not a directory");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(Files::isRegularFile)
          .forEach(out::add);
    }
    out.sort(Comparator.comparing(this::relative));
    return out;
  }

  @Override
  public String toString() {
    return "GoldenLayout[" + root + "]";
  }
}
