package dev.coroner.interpreter.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Script;
import dev.coroner.fixtures.Wast;
import dev.coroner.interpreter.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the WebAssembly 2.0 spec test suite: one dynamic test per command, named {@code
 * file.wast:line}, the 58 files of {@code simd/} included. Writes {@code target/spec-report.json}
 * and fails if any file has a failure or a skip.
 *
 * <p>The suite folder is {@code -Dcoroner.testsuite=...}, by default {@code
 * ../shared/testsuite/wasm-2.0} relative to the repository root; without it the test is skipped.
 */
class SpecSuiteTest {
  /** Per-file counters, in file order. */
  private static final Map<String, int[]> REPORT = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Malformed/invalid assertions of the right kind whose message differs from the spec's. */
  private static final List<String> MESSAGE_MISMATCHES =
      Collections.synchronizedList(new ArrayList<>());
  private static final Map<Path, Future<Script>> CONVERTED = new ConcurrentHashMap<>();

  static Path suiteDir() {
    String configured = System.getProperty("coroner.testsuite");
    if (configured != null) {
      return Paths.get(configured);
    }
    String dflt = System.getProperty("coroner.testsuite.default");
    if (dflt != null) {
      return Paths.get(dflt).normalize();
    }
    Path here = Paths.get("").toAbsolutePath();
    Path root = here.getFileName() != null && here.getFileName().toString().equals("interpreter")
        ? here.getParent() : here;
    return root.resolve("../shared/testsuite/wasm-2.0").normalize();
  }

  @TestFactory
  Stream<DynamicNode> specSuite() throws IOException {
    Path dir = suiteDir();
    if (!Files.isDirectory(dir)) {
      String why = "spec test suite not found at " + dir + " (set -Dcoroner.testsuite=<folder>)";
      // Surefire does not show a skipped test factory's reason, so say it on the console too.
      System.out.println("[spec] SKIPPED: " + why);
      assumeTrue(false, why);
    }
    List<Path> files = wastFiles(dir);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    for (Path f : files) {
      CONVERTED.computeIfAbsent(f, k -> pool.submit(() -> Wast.convert(k)));
    }
    pool.shutdown();
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path f : files) {
      nodes.add(fileNode(f, relative(dir, f)));
    }
    nodes.add(DynamicTest.dynamicTest("spec-report", SpecSuiteTest::writeReport));
    return nodes.stream();
  }

  /** The {@code .wast} files under {@code dir}, at any depth, in path order. */
  static List<Path> wastFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> p.toString().endsWith(".wast")).sorted().forEach(files::add);
    }
    return files;
  }

  /** {@code file}'s path under {@code dir}, {@code /}-separated. */
  static String relative(Path dir, Path file) {
    return dir.relativize(file).toString().replace('\\', '/');
  }

  private static DynamicNode fileNode(Path file, String rel) {
    String display = file.getFileName().toString();
    int[] counts = new int[4];
    REPORT.put(rel, counts);
    List<Command> commands;
    try {
      commands = CONVERTED.get(file).get().commands();
    } catch (Exception e) {
      counts[1]++;
      return DynamicTest.dynamicTest(display + ":0", () -> fail("wast2json failed: " + e));
    }
    SpecRunner[] runner = new SpecRunner[1];
    List<DynamicTest> tests = new ArrayList<>();
    for (Command c : commands) {
      tests.add(DynamicTest.dynamicTest(display + ":" + c.line(), () -> {
        if (runner[0] == null) {
          runner[0] = new SpecRunner(StoreConfig.defaults().withCapture(rel),
              Files.readAllLines(file));
        }
        SpecRunner.Outcome o = runner[0].run(c);
        SpecRunner.Status status = o.status();
        counts[status.ordinal()]++;
        if (status == SpecRunner.Status.PASSED && o.message() != null) {
          MESSAGE_MISMATCHES.add(display + ":" + c.line() + ": " + o.message());
        }
        switch (status) {
          case FAILED:
            fail(SpecRunner.kind(c) + ": " + o.message());
            break;
          case SKIPPED:
            assumeTrue(false, "skipped: " + o.message());
            break;
          case NOT_APPLICABLE:
            assumeTrue(false, "not applicable: " + o.message());
            break;
          default:
            break;
        }
      }));
    }
    return DynamicContainer.dynamicContainer(rel, tests);
  }

  private static void writeReport() throws IOException {
    StringBuilder json = new StringBuilder("{\n");
    int[] total = new int[4];
    int[] simd = new int[4];
    int simdFiles = 0;
    List<String> failingFiles = new ArrayList<>();
    boolean first = true;
    synchronized (REPORT) {
      for (Map.Entry<String, int[]> e : REPORT.entrySet()) {
        int[] c = e.getValue();
        for (int i = 0; i < 4; i++) {
          total[i] += c[i];
        }
        if (e.getKey().startsWith("simd/")) {
          simdFiles++;
          for (int i = 0; i < 4; i++) {
            simd[i] += c[i];
          }
        }
        if (c[1] > 0 || c[2] > 0) {
          failingFiles.add(e.getKey() + "=" + c[1] + (c[2] > 0 ? "+" + c[2] + " skipped" : ""));
        }
        json.append(first ? "" : ",\n").append("  \"").append(e.getKey()).append("\": {")
            .append("\"passed\": ").append(c[0]).append(", \"failed\": ").append(c[1])
            .append(", \"skipped\": ").append(c[2]).append(", \"notApplicable\": ").append(c[3])
            .append('}');
        first = false;
      }
    }
    json.append(",\n  \"total\": {\"passed\": ").append(total[0]).append(", \"failed\": ")
        .append(total[1]).append(", \"skipped\": ").append(total[2])
        .append(", \"notApplicable\": ").append(total[3]).append("}\n}\n");
    Path out = Paths.get("target", "spec-report.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
    System.out.printf(
        "spec suite: %d files, passed %d, failed %d, skipped %d, notApplicable %d"
            + " (of which simd/: %d files, passed %d, failed %d, skipped %d) -> %s%n",
        REPORT.size(), total[0], total[1], total[2], total[3], simdFiles, simd[0], simd[1],
        simd[2], out.toAbsolutePath());
    Files.write(Paths.get("target", "spec-message-mismatches.txt"), MESSAGE_MISMATCHES);
    System.out.println("malformed/invalid assertions with the right kind but another message: "
        + MESSAGE_MISMATCHES.size() + " (listed in target/spec-message-mismatches.txt)");
    if (!failingFiles.isEmpty()) {
      System.out.println("files with failures or skips: " + failingFiles);
    }
    assertEquals(0, total[1], "failures: " + failingFiles);
    assertEquals(0, total[2], "skips: " + failingFiles);
  }
}
