package dev.coroner.harness.encoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden files under a root: {@code <root>/<fixture path>/<line>.core}, each with {@code
 * <line>.core.txt} and (for other encoders) {@code <line>.state.json} beside it.
 */
public final class GoldenTree {

  /** Suffix of golden coredump files. */
  public static final String CORE_SUFFIX = ".core";

  /** Suffix of the language-neutral state files written beside them. */
  public static final String STATE_SUFFIX = ".state.json";

  private GoldenTree() {}

  /**
   * Every {@code *.core} file under {@code root}, in the order of their paths relative to the root
   * (with {@code /} separators), so runs are deterministic on every platform.
   *
   * @throws IOException if the tree cannot be walked, or {@code root} is not a directory
   */
  public static List<Path> coreFiles(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("golden root " + root + " is not a directory");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().endsWith(CORE_SUFFIX))
          .filter(Files::isRegularFile)
          .forEach(out::add);
    }
    out.sort(Comparator.comparing(p -> relative(root, p)));
    return out;
  }

  /** Every {@code *.state.json} file under {@code root}, in relative-path order. */
  static List<Path> stateFiles(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> p.getFileName().toString().endsWith(STATE_SUFFIX))
          .filter(Files::isRegularFile)
          .forEach(out::add);
    }
    out.sort(Comparator.comparing(p -> relative(root, p)));
    return out;
  }

  /** {@code <line>.state.json} beside {@code <line>.core}. */
  public static Path stateFile(Path coreFile) {
    String name = coreFile.getFileName().toString();
    if (!name.endsWith(CORE_SUFFIX)) {
      throw new IllegalArgumentException("not a golden coredump file: " + coreFile);
    }
    String base = name.substring(0, name.length() - CORE_SUFFIX.length());
    return coreFile.resolveSibling(base + STATE_SUFFIX);
  }

  /** {@code <line>.core} beside {@code <line>.state.json}. */
  static Path coreFileOf(Path stateFile) {
    String name = stateFile.getFileName().toString();
    String base = name.substring(0, name.length() - STATE_SUFFIX.length());
    return stateFile.resolveSibling(base + CORE_SUFFIX);
  }

  /** {@code file} relative to {@code root}, with {@code /} separators. */
  public static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }
}
