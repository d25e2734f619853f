package dev.coroner.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Adding or deleting a fixture takes effect on the next {@code ./mvnw verify}, without {@code
 * clean}.
 *
 * <p>Fixtures are not Java sources, so nothing tells the compiler plugin that the generated tests
 * are out of date; {@code conformance-suite/pom.xml} deletes the annotated class's output and the
 * generated sources before test compilation so the processor runs on every build. This test checks
 * that end to end: it copies the project (without {@code target/}) into a temporary directory and
 * runs the copy's own {@code ./mvnw} three times, offline and without {@code clean}:
 *
 * <ol>
 *   <li>as is: the generated suite passes;
 *   <li>with a new fixture and {@code -Dcoroner.bless=true}: the Surefire report lists the new
 *       test {@code path.wast:LINE} and its golden coredump is written;
 *   <li>with the fixture and its golden deleted again: the test is gone and the rest still pass.
 * </ol>
 *
 * <p>Only {@code ConformanceSuite_Conformance} runs in the child builds (the other modules are
 * compiled, not tested), which keeps the cost at three incremental Maven builds.
 */
class FixtureLifecycleTest {

  /** Set in the child builds' environment, so that a copy never runs this test again. */
  private static final String CHILD_MARKER = "CORONER_FIXTURE_LIFECYCLE_CHILD";

  /** Local repository of the enclosing build (passed by the pom), reused offline by the child. */
  private static final String LOCAL_REPOSITORY_PROPERTY = "coroner.lifecycle.localRepository";

  private static final long BUILD_TIMEOUT_MINUTES = 5;
  private static final int OUTPUT_TAIL_LINES = 80;

  private static final String SUITE_CLASS = "dev.coroner.conformance.ConformanceSuite_Conformance";
  private static final String REPORT = "TEST-" + SUITE_CLASS + ".xml";

  private static final String NEW_FIXTURE = "zz-lifecycle/new-trap.wast";
  private static final String NEW_FIXTURE_TEXT =
      String.join(
          "\n",
          ";; Written by FixtureLifecycleTest in a scratch copy of the project.",
          "(module",
          "  (func (export \"boom\") unreachable))",
          "(assert_trap (invoke \"boom\") \"unreachable\")",
          "");
  private static final int NEW_FIXTURE_TRAP_LINE = 4;
  private static final String NEW_TEST = NEW_FIXTURE + ":" + NEW_FIXTURE_TRAP_LINE;

  @TempDir Path temp;

  @Test
  void addingAndDeletingAFixtureTakesEffectWithoutClean() throws Exception {
    assumeFalse(System.getenv(CHILD_MARKER) != null, "already inside a lifecycle child build");
    Path copy = temp.resolve("project");
    copyProject(projectRoot(), copy);
    Path reports = copy.resolve("conformance-suite/target/surefire-reports");
    Path fixture = copy.resolve("wat").resolve(NEW_FIXTURE);
    Path goldenDir = copy.resolve("conformance-suite/golden").resolve(NEW_FIXTURE);

    // 1. The project as it is.
    build(copy, "baseline", false);
    Report baseline = Report.read(reports.resolve(REPORT), "baseline");
    assertFalse(baseline.names.isEmpty(), "baseline build ran no conformance tests");
    assertFalse(baseline.names.contains(NEW_TEST), "baseline already has " + NEW_TEST);
    assertEquals(List.of(), baseline.failed, "baseline conformance tests failed");

    // 2. A new fixture, blessed: its test appears and its golden is written.
    Files.createDirectories(fixture.getParent());
    Files.writeString(fixture, NEW_FIXTURE_TEXT, StandardCharsets.UTF_8);
    build(copy, "after adding " + NEW_FIXTURE, true);
    Report added = Report.read(reports.resolve(REPORT), "after adding " + NEW_FIXTURE);
    assertTrue(
        added.names.contains(NEW_TEST),
        "no test " + NEW_TEST + " after adding " + NEW_FIXTURE + " (without clean): the "
            + added.names.size() + " tests that ran are those of a stale generated suite");
    Set<String> expected = new TreeSet<>(baseline.names);
    expected.add(NEW_TEST);
    assertEquals(expected, added.names, "tests after adding " + NEW_FIXTURE);
    assertEquals(List.of(), added.failed, "tests failed after adding " + NEW_FIXTURE);
    Path golden = goldenDir.resolve(NEW_FIXTURE_TRAP_LINE + ".core");
    assertTrue(Files.isRegularFile(golden), "blessing did not write " + golden);
    assertTrue(
        Files.isRegularFile(goldenDir.resolve(NEW_FIXTURE_TRAP_LINE + ".core.txt")),
        "blessing did not write the .core.txt beside " + golden);

    // 3. The fixture and its golden deleted again: the test is gone, the rest still pass.
    Files.delete(fixture);
    deleteTree(goldenDir);
    build(copy, "after deleting " + NEW_FIXTURE, false);
    Report deleted = Report.read(reports.resolve(REPORT), "after deleting " + NEW_FIXTURE);
    assertFalse(
        deleted.names.contains(NEW_TEST),
        "test " + NEW_TEST + " still ran after deleting " + NEW_FIXTURE + " (without clean)");
    assertEquals(baseline.names, deleted.names, "tests after deleting " + NEW_FIXTURE);
    assertEquals(List.of(), deleted.failed, "tests failed after deleting " + NEW_FIXTURE);
  }

  /** The repository root: the parent of this module's directory (Surefire's working directory). */
  private static Path projectRoot() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getParent();
    if (root == null
        || !Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isRegularFile(root.resolve("mvnw"))
        || !Files.isDirectory(root.resolve("wat"))) {
      fail("cannot find the project root (pom.xml, mvnw, wat/) above the working directory "
          + module + "; run this test from the conformance-suite module");
    }
    return root;
  }

  /** Copies the source tree: no {@code target/}, no {@code .git}, no {@code .new} candidates. */
  private static void copyProject(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(from) && (name.equals("target") || name.equals(".git"))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = file.getFileName().toString();
            if (name.equals(".git") || name.endsWith(".new")) {
              return FileVisitResult.CONTINUE; // a worktree's .git is a file
            }
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Runs the copy's wrapper: {@code verify -pl conformance-suite -am}, offline, only the generated
   * conformance tests. Fails with the tail of the child's output if the build fails or times out.
   */
  private void build(Path copy, String step, boolean bless) throws Exception {
    // A stale report must not pass for this build's: remove it (this is not a `clean`).
    Files.deleteIfExists(copy.resolve("conformance-suite/target/surefire-reports").resolve(REPORT));

    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    List<String> command = new ArrayList<>();
    if (windows) {
      command.addAll(List.of("cmd", "/c", copy.resolve("mvnw.cmd").toString()));
    } else {
      command.add(copy.resolve("mvnw").toString());
    }
    command.addAll(
        List.of(
            "-o", "-B", "-q",
            "verify",
            "-pl", "conformance-suite", "-am",
            "-Dtest=ConformanceSuite_Conformance",
            "-Dsurefire.failIfNoSpecifiedTests=false"));
    String localRepository = System.getProperty(LOCAL_REPOSITORY_PROPERTY, "");
    if (!localRepository.isBlank() && !localRepository.contains("${")) {
      command.add("-Dmaven.repo.local=" + localRepository);
    }
    if (bless) {
      command.add("-Dcoroner.bless=true");
    }

    ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile());
    Map<String, String> env = builder.environment();
    // Blessing is refused with CI=true, and only the blessing step may bless.
    env.remove("CI");
    env.remove("BLESS");
    // Whatever configured the enclosing Maven must not steer the child's.
    for (String name :
        List.of(
            "MAVEN_ARGS", "MAVEN_OPTS", "MAVEN_CONFIG", "MAVEN_BASEDIR", "MAVEN_PROJECTBASEDIR",
            "MAVEN_CMD_LINE_ARGS", "MAVEN_DEBUG_OPTS", "MAVEN_DEBUG_ADDRESS")) {
      env.remove(name);
    }
    // A short-lived Maven starts faster with the client compiler only.
    env.put("MAVEN_OPTS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put(CHILD_MARKER, "1");

    Path log = temp.resolve("build-" + step.replaceAll("[^A-Za-z0-9]+", "-") + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    long start = System.nanoTime();
    Process process = builder.start();
    boolean finished = process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      fail("child build (" + step + ") timed out after " + BUILD_TIMEOUT_MINUTES + " min: "
          + String.join(" ", command) + "\n" + tail(log));
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    System.out.println("[FixtureLifecycleTest] " + step + ": child build took " + seconds + " s");
    if (process.exitValue() != 0) {
      fail("child build (" + step + ") failed with exit code " + process.exitValue() + ": "
          + String.join(" ", command) + " in " + copy + "\n" + tail(log));
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int from = Math.max(0, lines.size() - OUTPUT_TAIL_LINES);
      return "--- last " + (lines.size() - from) + " of " + lines.size() + " lines of output ---\n"
          + String.join("\n", lines.subList(from, lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(cannot read the child's output " + log + ": " + e + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The test cases of one Surefire XML report: names (display names) and those that failed. */
  private static final class Report {
    final Set<String> names = new TreeSet<>();
    final List<String> failed = new ArrayList<>();

    static Report read(Path xml, String step) throws Exception {
      if (!Files.isRegularFile(xml)) {
        fail("the child build (" + step + ") wrote no Surefire report " + xml);
      }
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var document = factory.newDocumentBuilder().parse(xml.toFile());
      Report report = new Report();
      Map<String, Integer> seen = new LinkedHashMap<>();
      NodeList cases = document.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testcase = (Element) cases.item(i);
        String name = testcase.getAttribute("name");
        seen.merge(name, 1, Integer::sum);
        report.names.add(name);
        for (String outcome : List.of("failure", "error", "skipped")) {
          NodeList children = testcase.getElementsByTagName(outcome);
          if (children.getLength() > 0) {
            Element child = (Element) children.item(0);
            report.failed.add(name + " (" + outcome + "): " + child.getAttribute("message"));
          }
        }
      }
      seen.forEach(
          (name, count) -> {
            if (count > 1) {
              report.failed.add(name + " appears " + count + " times in " + xml);
            }
          });
      return report;
    }
  }
}
