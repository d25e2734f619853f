package dev.coroner.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code examples/consumer} built as someone else's project would build it: a copy, by this build's
 * own Maven, offline, against the artifacts this build just made, installed by {@code
 * invoker:install} into {@code target/local-repo} (with {@code ~/.m2} only as a read-only tail for
 * third-party artifacts, so no SNAPSHOT leaves {@code target/}). In three builds:
 *
 * <ol>
 *   <li>as shipped: every generated test passes against the committed goldens;
 *   <li>with a new fixture and no other change: the fixture gets its tests without {@code clean},
 *       they alone fail, with {@code [GoldenMissing]} and the bless command, and leave candidates;
 *   <li>with {@code -Dcoroner.bless=true}: it passes and writes the new goldens.
 * </ol>
 */
class ConsumerBuildIT {

  private static final long BUILD_TIMEOUT_MINUTES = 5;

  private static final String SUITE = "com.example.runtime.CoredumpSuite_Conformance";

  /** The fixture a consumer adds: a load past the end of memory. */
  private static final String NEW_FIXTURE = "traps/load-past-end.wast";

  private static final String NEW_FIXTURE_TEXT =
      String.join(
          "\n",
          ";; Written by ConsumerBuildIT: the fixture a consumer adds.",
          "(module",
          "  (memory 1)",
          "  (func (export \"peek\") (param i32) (result i32)",
          "    (i32.load (local.get 0))))",
          "(assert_trap (invoke \"peek\" (i32.const 65534)) \"out of bounds memory access\")",
          "");

  private static final String NEW_TEST = NEW_FIXTURE + ":6";

  private static Path project;

  @BeforeAll
  static void copyTheConsumer() throws IOException {
    Path source = Path.of(property("consumer.project"));
    project = Path.of(property("consumer.work")).resolve("project");
    deleteTree(project);
    copyTree(source, project);
  }

  @Test
  void aNewFixtureGetsATestThatFailsWithTheBlessHintAndBlessingPasses() throws Exception {
    Build shipped = build("as shipped");
    assertEquals(0, shipped.exitCode, shipped.tail());
    Map<String, String> first = shipped.conformance();
    assertEquals(3, first.size(), "the shipped fixtures' tests: " + first);
    assertTrue(first.values().stream().allMatch(String::isEmpty), "all pass: " + first);

    Path fixture = project.resolve("src/test/wat").resolve(NEW_FIXTURE);
    Files.createDirectories(fixture.getParent());
    Files.writeString(fixture, NEW_FIXTURE_TEXT, StandardCharsets.UTF_8);
    Build added = build("new fixture");
    assertEquals(1, added.exitCode, added.tail());
    Map<String, String> second = added.conformance();
    Map<String, String> expected = new TreeMap<>(first);
    expected.put(NEW_TEST, "[GoldenMissing]");
    Map<String, String> tags = new TreeMap<>();
    second.forEach((name, problem) -> tags.put(name,
        problem.isEmpty() ? "" : problem.split("[ \n]", 2)[0]));
    assertEquals(expected, tags, "exactly the new fixture's test fails, as a missing golden");
    String message = second.get(NEW_TEST);
    assertTrue(message.contains("no golden yet in " + project.resolve("src/test/golden")),
        message);
    assertTrue(message.contains("\n  mvn test -Dcoroner.bless=true\n"),
        "the bless hint is the consumer's command:\n" + message);
    Path golden = project.resolve("src/test/golden").resolve(NEW_FIXTURE);
    assertTrue(Files.isRegularFile(golden.resolve("6.core.txt.new")), "candidate rendering");

    Build bless = build("bless", "-Dcoroner.bless=true");
    assertEquals(0, bless.exitCode, bless.tail());
    assertEquals(4, bless.conformance().size(), bless.tail());
    assertTrue(bless.output.contains("[Blessed] " + NEW_TEST + ": wrote 6.core, 6.core.txt,"
        + " 6.state.json (new golden)"), bless.tail());
    for (String name : List.of("6.core", "6.core.txt", "6.state.json")) {
      assertTrue(Files.isRegularFile(golden.resolve(name)), name);
      assertTrue(!Files.exists(golden.resolve(name + ".new")), name + ".new is gone");
    }
  }

  @Test
  void theConsumerNeedsOnlyTheParentAndItNamesThisBuildsVersion() throws Exception {
    String pom = Files.readString(project.resolve("pom.xml"), StandardCharsets.UTF_8);
    String version = property("consumer.coronerVersion");
    Matcher parent =
        Pattern.compile("<parent>\\s*<groupId>dev\\.coroner</groupId>\\s*<artifactId>"
            + "conformance-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(parent.find(), pom);
    assertEquals(version, parent.group(1), "examples/consumer/pom.xml names another version");
    long coronerLines = pom.lines().filter(l -> l.contains("coroner")).count();
    assertTrue(coronerLines <= 3, "Coroner is mentioned only in the parent block:\n" + pom);

    Path installed = Path.of(property("consumer.localRepository"))
        .resolve("dev/coroner/conformance-parent/" + version + "/conformance-parent-" + version
            + ".pom");
    Matcher literal = Pattern.compile("<coroner.version>([^<]+)</coroner.version>")
        .matcher(Files.readString(installed, StandardCharsets.UTF_8));
    assertTrue(literal.find(), installed.toString());
    assertEquals(version, literal.group(1),
        "conformance-parent/pom.xml: coroner.version must be the project's version");
  }

  @Test
  void thePublishedPomsCarryCompleteMetadata() throws Exception {
    String version = property("consumer.coronerVersion");
    Path repo = Path.of(property("consumer.localRepository")).resolve("dev/coroner");
    String parent = Files.readString(
        repo.resolve("coroner-parent/" + version + "/coroner-parent-" + version + ".pom"));
    for (String element : List.of("<url>", "<licenses>", "<name>Apache-2.0</name>", "<scm",
        "<connection>", "<developers>", "<organization>")) {
      assertTrue(parent.contains(element), "coroner-parent lacks " + element);
    }
    for (String module : List.of("coredump", "interpreter", "fixtures", "processor", "harness",
        "conformance-parent")) {
      Path pom = repo.resolve(module + "/" + version + "/" + module + "-" + version + ".pom");
      String text = Files.readString(pom, StandardCharsets.UTF_8);
      assertTrue(text.contains("<name>") && text.contains("<description>"),
          module + " has a name and a description");
      assertTrue(text.contains("<artifactId>coroner-parent</artifactId>"),
          module + " inherits the licence, SCM and developers from coroner-parent");
      if (!module.equals("conformance-parent")) {
        assertTrue(Files.isRegularFile(pom.resolveSibling(module + "-" + version + ".jar")),
            module + " jar installed");
      }
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank() || value.contains("${")) {
      fail("system property " + name + " is not set (run through ./mvnw verify)");
    }
    return value;
  }

  /** Runs this build's Maven on the copy: {@code test}, offline, in the local repository. */
  private static Build build(String step, String... extra) throws Exception {
    deleteTree(project.resolve("target/surefire-reports"));
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    Path mvn = Path.of(property("consumer.mavenHome"), "bin", windows ? "mvn.cmd" : "mvn");
    List<String> command = new ArrayList<>();
    if (windows) {
      command.addAll(List.of("cmd", "/c"));
    }
    command.addAll(
        List.of(
            mvn.toString(), "-o", "-B",
            "-Dmaven.repo.local=" + property("consumer.localRepository"),
            "-Dmaven.repo.local.tail=" + property("consumer.tailRepository"),
            "-DargLine=-XX:TieredStopAtLevel=1",
            "test"));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    Map<String, String> env = builder.environment();
    env.remove("CI"); // blessing is refused with CI=true; this step blesses a scratch copy
    env.remove("BLESS");
    for (String name : List.of("MAVEN_ARGS", "MAVEN_OPTS", "MAVEN_CONFIG", "MAVEN_BASEDIR",
        "MAVEN_PROJECTBASEDIR", "MAVEN_CMD_LINE_ARGS", "MAVEN_DEBUG_OPTS")) {
      env.remove(name);
    }
    env.put("MAVEN_OPTS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    Path log = Path.of(property("consumer.work"))
        .resolve("build-" + step.replaceAll("[^A-Za-z0-9]+", "-") + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("consumer build (" + step + ") timed out after " + BUILD_TIMEOUT_MINUTES + " min");
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf(Locale.ROOT, "[ConsumerBuildIT] %s: %.1f s, exit code %d%n", step,
        millis / 1000.0, process.exitValue());
    return new Build(step, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** A finished consumer build. */
  private record Build(String step, int exitCode, String output) {

    /** The generated tests that ran, by display name, with their failure message ("" passed). */
    Map<String, String> conformance() throws Exception {
      Path xml = project.resolve("target/surefire-reports/TEST-" + SUITE + ".xml");
      if (!Files.isRegularFile(xml)) {
        fail("no report of " + SUITE + " (" + step + "):\n" + tail());
      }
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      NodeList cases = factory.newDocumentBuilder().parse(xml.toFile())
          .getElementsByTagName("testcase");
      Map<String, String> out = new TreeMap<>();
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        NodeList failures = c.getElementsByTagName("failure");
        out.put(c.getAttribute("name"), failures.getLength() == 0 ? ""
            : ((Element) failures.item(0)).getAttribute("message"));
      }
      return out;
    }

    String tail() {
      List<String> lines = output.lines().toList();
      int from = Math.max(0, lines.size() - 60);
      return "--- " + step + ": exit code " + exitCode + ", last lines ---\n"
          + String.join("\n", lines.subList(from, lines.size()));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.sorted().toList()) {
        Path rel = from.relativize(p);
        if (rel.startsWith("target")) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().endsWith(".new")) {
          Files.copy(p, target);
        }
      }
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
}
