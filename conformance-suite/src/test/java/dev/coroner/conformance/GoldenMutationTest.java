package dev.coroner.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.coroner.harness.Conformance;
import dev.coroner.harness.HarnessMessages;
import dev.coroner.harness.golden.GoldenFiles;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Changing one byte of a golden file makes exactly that golden's test fail, with a message that
 * names the section and the field (or the decoder's complaint, with its offset).
 *
 * <p>It works on the goldens whose generated test passes: it first runs the generated suite
 * against a copy of the golden tree. A golden that is missing, stale, broken, or whose fixture
 * does not run is that test's failure, reported there once; here it is left out, with one line
 * saying so, and nothing else is blamed on it.
 */
class GoldenMutationTest {

  /** Byte positions tried per golden file (spread evenly over the file). */
  static final int POSITIONS_PER_GOLDEN = 40;

  /** Goldens mutated together in one run of the generated suite. */
  static final int MUTATED_TOGETHER = 3;

  private static final Pattern SECTION =
      Pattern.compile("(custom section \"core[a-z]*\"|memory section|global section|data section"
          + "|module header)");

  /** A structural diff line ("  section: field: expected ..., actual ...") or a decoder error. */
  private static final Pattern FIELD =
      Pattern.compile("(?m)(^  (core|coremodules|coreinstances|memory|data|global|corestack): "
          + ".+: expected .*, actual .*$|is not a valid coredump: .+\\(at offset 0x[0-9a-f]+\\))");

  @TempDir static Path temp;

  static GoldenLayout golden;
  /** Every generated test, by display name: empty if it passed, else its message's first line. */
  static Map<String, String> baseline;
  /** The goldens whose test passes: their bytes are exactly what the fixture captures. */
  static List<GoldenId> healthy = new ArrayList<>();

  @BeforeAll
  static void runTheGeneratedSuiteOnce() throws IOException {
    assumeFalse(blessing(),
        "not while blessing: the generated tests rewrite goldens; the next plain build mutates"
            + " them");
    golden = GoldenLayout.at(Conformance.goldenRoot());
    Path copy = temp.resolve("baseline");
    copyTree(golden.root(), copy);
    baseline = runGeneratedTests(copy);
    baseline.forEach(
        (name, failure) -> {
          if (failure.isEmpty()) {
            healthy.add(GoldenId.parse(name));
          } else {
            System.out.println("[GoldenMutationTest] " + HarnessMessages.SKIPPED + " " + name
                + ": its own test fails (" + failure + ")");
          }
        });
    assumeTrue(!healthy.isEmpty(), "no golden passes its generated test: nothing to mutate");
  }

  private static boolean blessing() {
    String variable = System.getenv(GoldenFiles.BLESS_VARIABLE);
    return Boolean.parseBoolean(System.getProperty(GoldenFiles.BLESS_PROPERTY))
        || "1".equals(variable) || "true".equalsIgnoreCase(variable);
  }

  @Test
  void everyGeneratedTestWithAGoldenRanInTheBaseline() {
    long generated =
        Arrays.stream(ConformanceSuite_Conformance.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class))
            .filter(m -> !isExitSpec(m.getAnnotation(DisplayName.class).value()))
            .map(Method::getName)
            .count();
    assertEquals(generated, baseline.size(), "tests run against the copy: " + baseline.keySet());
  }

  @Test
  void oneChangedByteIsExplainedBySectionAndField(@TempDir Path tmp) throws IOException {
    int mutations = 0;
    int expected = 0;
    List<String> unexplained = new ArrayList<>();
    for (GoldenId id : healthy) {
      byte[] bytes = Files.readAllBytes(golden.core(id));
      expected += Math.min(POSITIONS_PER_GOLDEN, bytes.length);
      for (int pos : positions(bytes)) {
        byte[] mutant = bytes.clone();
        mutant[pos] ^= (byte) 0x5a;
        GoldenLayout mutated = GoldenLayout.at(tmp.resolve("m" + mutations++));
        Files.createDirectories(mutated.directory(id));
        Files.write(mutated.core(id), mutant);
        try {
          GoldenFiles.comparing(mutated.root()).check(id, bytes);
          unexplained.add(id + " byte 0x" + Integer.toHexString(pos) + ": not detected");
        } catch (AssertionError failure) {
          String m = failure.getMessage();
          if (!SECTION.matcher(m).find() || !FIELD.matcher(m).find()) {
            unexplained.add(id + " byte 0x" + Integer.toHexString(pos) + ":\n" + m);
          }
        }
      }
    }
    assertEquals(expected, mutations, "mutations tried");
    System.out.println("[GoldenMutationTest] " + mutations + " one-byte changes of "
        + healthy.size() + " goldens, each explained by section and field");
    if (!unexplained.isEmpty()) {
      fail(unexplained.size() + " of " + mutations + " one-byte changes were not explained by "
          + "section and field; first: " + unexplained.get(0));
    }
  }

  @Test
  void exactlyTheMutatedGoldensTestsFail() throws IOException {
    List<GoldenId> chosen = new ArrayList<>();
    int n = Math.min(MUTATED_TOGETHER, healthy.size());
    for (int i = 0; i < n; i++) {
      chosen.add(healthy.get((int) ((long) i * healthy.size() / n))); // first, middle, ...
    }
    Path copy = temp.resolve("mutated");
    copyTree(golden.root(), copy);
    GoldenLayout mutated = GoldenLayout.at(copy);
    for (GoldenId id : chosen) {
      byte[] bytes = Files.readAllBytes(mutated.core(id));
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(mutated.core(id), bytes);
    }
    List<String> newlyFailing = new ArrayList<>();
    runGeneratedTests(copy).forEach(
        (name, failure) -> {
          if (!failure.isEmpty() && baseline.get(name).isEmpty()) {
            newlyFailing.add(name);
          }
        });
    assertEquals(chosen.stream().map(GoldenId::toString).sorted().toList(), newlyFailing,
        "tests failing after mutating one byte in the middle of each of " + chosen);
  }

  /**
   * Whether a generated test checks a program run spec that expects an exit: it has no golden, so
   * no golden's change can affect it, and the runs here leave it out.
   */
  private static boolean isExitSpec(String displayName) {
    return displayName.endsWith(":" + GoldenId.EXIT_KEY);
  }

  /**
   * Runs the generated suite against {@code goldens}, without blessing or leaving candidates
   * anywhere but in that tree, except the tests of exit specs ({@link #isExitSpec}); returns every
   * test's display name with empty for a pass, else the first line of its failure.
   */
  private static Map<String, String> runGeneratedTests(Path goldens) {
    Map<String, String> outcomes = new TreeMap<>();
    String previous = System.setProperty(Conformance.GOLDEN_ROOT_PROPERTY, goldens.toString());
    try {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(ConformanceSuite_Conformance.class))
              .filters((PostDiscoveryFilter) descriptor ->
                  descriptor.isTest() && isExitSpec(descriptor.getDisplayName())
                      ? FilterResult.excluded("a program that exits has no golden")
                      : FilterResult.included("has a golden, or is a container"))
              .build();
      Launcher launcher = LauncherFactory.create();
      launcher.execute(request, new TestExecutionListener() {
        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
          if (id.isTest()) {
            outcomes.put(id.getDisplayName(),
                result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                    ? ""
                    : firstLine(result.getThrowable().map(String::valueOf).orElse("failed")));
          }
        }
      });
    } finally {
      if (previous == null) {
        System.clearProperty(Conformance.GOLDEN_ROOT_PROPERTY);
      } else {
        System.setProperty(Conformance.GOLDEN_ROOT_PROPERTY, previous);
      }
    }
    return outcomes;
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    String prefix = "dev.coroner.harness.ConformanceFailure: ";
    return line.startsWith(prefix) ? line.substring(prefix.length()) : line;
  }

  private static List<Integer> positions(byte[] golden) {
    List<Integer> out = new ArrayList<>();
    int n = Math.min(POSITIONS_PER_GOLDEN, golden.length);
    for (int i = 0; i < n; i++) {
      out.add((int) ((long) i * golden.length / n));
    }
    return out;
  }

  /** Copies the golden files (not the {@code .new} candidates) of {@code from} to {@code to}. */
  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return; // no golden at all yet: every test reports [GoldenMissing]
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().endsWith(GoldenLayout.CANDIDATE_SUFFIX)) {
          Files.copy(p, target);
        }
      }
    }
  }
}
