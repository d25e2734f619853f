package dev.coroner.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.coroner.fixtures.Fixture;
import dev.coroner.harness.CapturedTrap;
import dev.coroner.harness.Conformance;
import dev.coroner.harness.FixtureRunner;
import dev.coroner.harness.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Changing one byte of a golden file makes exactly that golden's test fail, with a message that
 * names the section and the field (or the decoder's complaint, with its offset).
 */
class GoldenMutationTest {

  /** Byte positions tried per golden file (spread evenly, plus the first byte of each section). */
  static final int POSITIONS_PER_GOLDEN = 40;

  private static final Pattern SECTION =
      Pattern.compile("(custom section \"core[a-z]*\"|memory section|global section|data section"
          + "|module header)");

  /** A structural diff line ("  section: field: expected ..., actual ...") or a decoder error. */
  private static final Pattern FIELD =
      Pattern.compile("(?m)(^  (core|coremodules|coreinstances|memory|data|global|corestack): "
          + ".+: expected .*, actual .*$|is not a valid coredump: .+\\(at offset 0x[0-9a-f]+\\))");

  static Path fixtureRoot;
  static Path goldenRoot;
  /** Canonical bytes of every captured trap, by "path:line". */
  static Map<String, byte[]> captured = new TreeMap<>();

  @BeforeAll
  static void captureEveryTrap() throws Exception {
    fixtureRoot = Path.of(System.getProperty(Conformance.FIXTURE_ROOT_PROPERTY, "../wat"));
    goldenRoot = Conformance.goldenRoot();
    for (String path : Fixture.discover(fixtureRoot)) {
      Fixture fixture = Fixture.load(fixtureRoot, path);
      for (CapturedTrap t : FixtureRunner.runAll(fixture, FixtureRunner.Options.defaults())) {
        captured.put(path + ":" + t.line(), t.coredump());
      }
    }
    assertTrue(captured.size() >= 30, "captured only " + captured.size() + " traps");
  }

  @Test
  void everyGoldenMatchesItsCapture() {
    GoldenFiles golden = GoldenFiles.comparing(goldenRoot);
    captured.forEach((key, bytes) -> golden.check(path(key), line(key), bytes));
  }

  @Test
  void oneChangedByteIsExplainedBySectionAndField(@TempDir Path tmp) throws IOException {
    int mutations = 0;
    List<String> unexplained = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : captured.entrySet()) {
      String path = path(e.getKey());
      int line = line(e.getKey());
      Path core = GoldenFiles.comparing(goldenRoot).coreFile(path, line);
      byte[] golden = Files.readAllBytes(core);
      for (int pos : positions(golden)) {
        byte[] mutant = golden.clone();
        mutant[pos] ^= (byte) 0x5a;
        Path root = tmp.resolve("m" + mutations++);
        Path target = GoldenFiles.comparing(root).coreFile(path, line);
        Files.createDirectories(target.getParent());
        Files.write(target, mutant);
        Files.copy(core.resolveSibling(core.getFileName() + ".txt"),
            target.resolveSibling(target.getFileName() + ".txt"));
        try {
          GoldenFiles.comparing(root).check(path, line, e.getValue());
          unexplained.add(e.getKey() + " byte 0x" + Integer.toHexString(pos) + ": not detected");
        } catch (AssertionError failure) {
          String m = failure.getMessage();
          if (!SECTION.matcher(m).find() || !FIELD.matcher(m).find()) {
            unexplained.add(e.getKey() + " byte 0x" + Integer.toHexString(pos) + ":\n" + m);
          }
        }
      }
    }
    assertTrue(mutations > 1000, "only " + mutations + " mutations tried");
    if (!unexplained.isEmpty()) {
      fail(unexplained.size() + " of " + mutations + " one-byte changes were not explained by "
          + "section and field; first: " + unexplained.get(0));
    }
  }

  @Test
  void exactlyTheMutatedGoldensTestFails(@TempDir Path tmp) throws IOException {
    String bless = System.getProperty(GoldenFiles.BLESS_PROPERTY);
    org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.parseBoolean(bless),
        "not while blessing: the generated tests would rewrite the mutated goldens");
    List<String> keys = new ArrayList<>(captured.keySet());
    for (String key : List.of(keys.get(0), keys.get(keys.size() / 2), keys.get(keys.size() - 1))) {
      Path copy = tmp.resolve("golden-" + Math.abs(key.hashCode()));
      copyTree(goldenRoot, copy);
      Path core = GoldenFiles.comparing(copy).coreFile(path(key), line(key));
      byte[] bytes = Files.readAllBytes(core);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(core, bytes);
      List<String> failed = runGeneratedTests(copy);
      assertEquals(List.of(key), failed, "mutating the golden of " + key);
    }
  }

  /** Runs the generated suite against {@code goldens}; returns the display names that failed. */
  private static List<String> runGeneratedTests(Path goldens) {
    List<String> failed = new ArrayList<>();
    String previous = System.setProperty(Conformance.GOLDEN_ROOT_PROPERTY, goldens.toString());
    try {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(ConformanceSuite_Conformance.class))
              .build();
      Launcher launcher = LauncherFactory.create();
      int[] ran = {0};
      launcher.execute(request, new TestExecutionListener() {
        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
          if (id.isTest()) {
            ran[0]++;
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
              failed.add(id.getDisplayName());
            }
          }
        }
      });
      assertEquals(captured.size(), ran[0], "generated tests run");
    } finally {
      if (previous == null) {
        System.clearProperty(Conformance.GOLDEN_ROOT_PROPERTY);
      } else {
        System.setProperty(Conformance.GOLDEN_ROOT_PROPERTY, previous);
      }
    }
    return failed;
  }

  private static List<Integer> positions(byte[] golden) {
    List<Integer> out = new ArrayList<>();
    int n = Math.min(POSITIONS_PER_GOLDEN, golden.length);
    for (int i = 0; i < n; i++) {
      out.add((int) ((long) i * golden.length / n));
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().endsWith(".new")) {
          Files.copy(p, target);
        }
      }
    }
  }

  private static String path(String key) {
    return key.substring(0, key.lastIndexOf(':'));
  }

  private static int line(String key) {
    return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
  }
}
