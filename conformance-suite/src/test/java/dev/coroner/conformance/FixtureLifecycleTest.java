package dev.coroner.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.coroner.fixtures.Fixture;
import dev.coroner.harness.CapturedTrap;
import dev.coroner.harness.FixtureRunner;
import dev.coroner.harness.HarnessMessages;
import dev.coroner.harness.golden.GoldenFiles;
import dev.coroner.harness.golden.GoldenId;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The newcomer's path, end to end, on a scratch copy of the project, with real builds of the
 * copy's own {@code ./mvnw} (offline, never {@code clean}):
 *
 * <ol>
 *   <li>drop in a fixture without a golden: the build fails with exactly one failing test, the
 *       new fixture's, tagged {@code [GoldenMissing]} and naming the three candidate files;
 *   <li>bless ({@code -Dcoroner.bless=true}): the build passes and lists the files it wrote;
 *   <li>a plain build passes, with the new test;
 *   <li>delete that fixture again, truncate another fixture's golden, add a fixture whose
 *       asserted trap never happens and a program run spec whose program does not end as it says:
 *       the deleted test is gone, the new spec has its test, and each problem fails exactly its
 *       own test (three problems in one build, to save a build), with no stack trace in the log.
 * </ol>
 *
 * <p>"Exactly one failing test" is counted over the Surefire reports of every test that reads
 * fixtures or goldens ({@link #ALL_TESTS}: the generated suite, the golden mutation test, the
 * encoder tests and the mutant kill table); the others (spec suite, unit tests) cannot see them.
 *
 * <p>The copy has its own small fixture set ({@link #BASE_FIXTURES}, and one program fixture, {@link
 * #BASE_PROGRAM}, all blessed here in-process), not the working tree's {@code wat/}, {@code
 * programs/} and goldens, so it passes or fails the same whatever state the
 * working tree is in (a fixture just added and not yet blessed, say). To keep it quick, the copy
 * starts from this build's compiled upstream modules and the child builds judge them stale by
 * timestamps ({@code -Dmaven.compiler.useIncrementalCompilation=false}; the conformance suite's
 * pom pins the default for itself, so its fixture reprocessing is tested as users build it), and
 * their test JVMs use the client compiler only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FixtureLifecycleTest {

  /** Set in the child builds' environment, so that a copy never runs this test again. */
  private static final String CHILD_MARKER = "CORONER_FIXTURE_LIFECYCLE_CHILD";

  /** Local repository of the enclosing build (passed by the pom), reused offline by the child. */
  private static final String LOCAL_REPOSITORY_PROPERTY = "coroner.lifecycle.localRepository";

  /** Every test class that reads fixtures or goldens. */
  static final String ALL_TESTS =
      "*_Conformance,GoldenMutationTest,ConfiguredEncodersTest,MutantCatalogueTest";

  /**
   * The conformance suite's tests only: for the blessing build, where the encoder tests (which run
   * first, in the harness module) cannot see the goldens being written.
   */
  static final String CONFORMANCE_TESTS = "*_Conformance,GoldenMutationTest";

  private static final String SUITE_CLASS = "dev.coroner.conformance.ConformanceSuite_Conformance";

  /** Modules built before this one, whose compiled classes the copy starts from. */
  private static final List<String> UPSTREAM =
      List.of("coredump", "interpreter", "symbols", "fixtures", "wasi", "processor", "harness");

  /** What of an upstream module's {@code target/} the copy gets (no reports, no caches). */
  private static final Set<String> UPSTREAM_OUTPUTS =
      Set.of("classes", "test-classes", "generated-sources", "generated-test-sources",
          "maven-status", "maven-archiver");

  private static final long BUILD_TIMEOUT_MINUTES = 5;
  private static final int OUTPUT_TAIL_LINES = 80;

  /** The copy's own fixtures: a script with two traps and a {@code .wat} with a trapping start. */
  static final Map<String, String> BASE_FIXTURES =
      Map.of(
          "base/memory.wast",
          String.join(
              "\n",
              ";; Written by FixtureLifecycleTest: the scratch copy's base fixture set.",
              "(module",
              "  (memory (export \"mem\") 1)",
              "  (global $count (mut i32) (i32.const 7))",
              "  (func (export \"store\") (param i32)",
              "    (i32.store (i32.const 16) (local.get 0))",
              "    unreachable)",
              "  (func (export \"div\") (param i32) (result i32)",
              "    (i32.div_s (i32.const 1) (local.get 0))))",
              "(assert_trap (invoke \"store\" (i32.const 42)) \"unreachable\")",
              "(assert_trap (invoke \"div\" (i32.const 0)) \"integer divide by zero\")",
              ""),
          "base/start.wat",
          String.join(
              "\n",
              ";; Instantiating this module traps.",
              "(module",
              "  (func $start unreachable)",
              "  (start $start))",
              ""));

  /** The copy's one program fixture, copied from the working tree's {@code programs/}. */
  static final String BASE_PROGRAM = "builtin-trap";

  private static final String BASE_PROGRAM_TEST =
      "programs/" + BASE_PROGRAM + "/" + BASE_PROGRAM + ".run.json:trap";

  /** A run spec dropped in beside the base program's: it expects an exit, the program traps. */
  private static final String WRONG_SPEC = BASE_PROGRAM + "/expects-exit.run.json";

  private static final String WRONG_SPEC_TEXT =
      "{\"wasm\": \"" + BASE_PROGRAM + ".wasm\", \"expect\": {\"exit\": 0, \"stdout\": \"\"}}\n";

  private static final String WRONG_SPEC_TEST = "programs/" + WRONG_SPEC + ":exit";

  private static final Set<String> BASE_TESTS =
      Set.of("base/memory.wast:10", "base/memory.wast:11", "base/start.wat:2",
          BASE_PROGRAM_TEST);

  /** The newcomer's fixture: a store past the end of another instance's memory. */
  private static final String NEW_FIXTURE = "new/cross-instance-oob-store.wast";

  private static final String NEW_FIXTURE_TEXT =
      String.join(
          "\n",
          ";; Written by FixtureLifecycleTest: the fixture a newcomer adds.",
          "(module $Mem",
          "  (memory (export \"mem\") 1))",
          "(register \"Mem\" $Mem)",
          "(module $User",
          "  (import \"Mem\" \"mem\" (memory 1))",
          "  (func (export \"poke\") (param i32)",
          "    (i32.store (local.get 0) (i32.const 1))))",
          "(assert_trap (invoke $User \"poke\" (i32.const 65535)) \"out of bounds memory access\")",
          "");

  private static final String NEW_TEST = NEW_FIXTURE + ":9";

  /** A fixture whose asserted trap does not happen. */
  private static final String NO_TRAP_FIXTURE = "new/does-not-trap.wast";

  private static final String NO_TRAP_TEXT =
      String.join(
          "\n",
          ";; Written by FixtureLifecycleTest: the asserted trap never happens.",
          "(module",
          "  (func (export \"fine\") (result i32) (i32.const 1)))",
          "(assert_trap (invoke \"fine\") \"unreachable\")",
          "");

  private static final String NO_TRAP_TEST = NO_TRAP_FIXTURE + ":4";

  /** The base golden that gets truncated. */
  private static final String TRUNCATED_TEST = "base/memory.wast:11";

  @TempDir static Path temp;

  private static Path copy;
  private static Path basePrograms;
  private static Path baseGoldens;

  @BeforeAll
  static void copyTheProjectWithItsOwnFixtures() throws Exception {
    assumeFalse(System.getenv(CHILD_MARKER) != null, "already inside a lifecycle child build");
    copy = temp.resolve("project");
    copyProject(projectRoot(), copy);
    basePrograms = temp.resolve("base-programs");
    copyTree(projectRoot().resolve("programs").resolve(BASE_PROGRAM),
        basePrograms.resolve(BASE_PROGRAM));
    baseGoldens = temp.resolve("base-golden");
    Path fixtures = temp.resolve("base-wat");
    writeBaseFixtures(fixtures);
    for (String path : Fixture.discover(fixtures)) {
      Fixture fixture = Fixture.load(fixtures, path);
      for (CapturedTrap trap : FixtureRunner.runAll(fixture, FixtureRunner.Options.defaults())) {
        GoldenFiles.blessing(baseGoldens).check(GoldenId.of(path, trap.line()), trap.coredump());
      }
    }
    for (ProgramSpec spec : ProgramSpec.loadAll(basePrograms)) {
      GoldenFiles.blessing(baseGoldens).check(GoldenId.ofProgram(spec.id(), true),
          ProgramRunner.run(spec).coredumpBytes().orElseThrow());
    }
  }

  @Test
  @Order(1)
  void aNewFixtureFailsOnlyItsOwnTestThenBlessPassesAndListsTheFiles() throws Exception {
    resetToBase();
    write(wat().resolve(NEW_FIXTURE), NEW_FIXTURE_TEXT);
    GoldenLayout golden = GoldenLayout.at(goldenRoot());
    GoldenId id = GoldenId.parse(NEW_TEST);

    Build missing = build("1 new fixture, no golden", ALL_TESTS, false);
    assertNotEquals(0, missing.exitCode, missing.tail());
    assertEquals(List.of(NEW_TEST + ": " + HarnessMessages.GOLDEN_MISSING), missing.failures(),
        missing.tail());
    assertTrue(missing.output.contains("[GoldenMissing] " + NEW_TEST + ": no golden yet"),
        missing.tail());
    for (Path file : golden.files(id)) {
      Path candidate = GoldenLayout.candidate(file);
      assertTrue(missing.output.contains(candidate.getFileName().toString()),
          candidate.getFileName() + " not named:\n" + missing.tail());
      assertTrue(Files.isRegularFile(candidate), "no candidate " + candidate);
    }
    assertTrue(missing.output.contains(GoldenFiles.QUICK_COMMAND), missing.tail());
    assertTrue(missing.output.contains("[GoldenMutationTest] " + HarnessMessages.SKIPPED + " "
        + NEW_TEST + ": its own test fails ([GoldenMissing]"), missing.tail());
    missing.assertNoStackTraces();
    missing.show(HarnessMessages.GOLDEN_MISSING);

    Build bless = build("2 bless", CONFORMANCE_TESTS, true);
    assertEquals(0, bless.exitCode, bless.tail());
    List<String> blessed = bless.lines(HarnessMessages.BLESSED);
    bless.show(HarnessMessages.BLESSED);
    assertEquals(1, blessed.size(), "blessed lines: " + blessed);
    assertTrue(blessed.get(0).startsWith("[Blessed] " + NEW_TEST + ": wrote 9.core, 9.core.txt,"
        + " 9.state.json (new golden) in "), blessed.get(0));
    for (Path file : golden.files(id)) {
      assertTrue(Files.isRegularFile(file), "blessing did not write " + file);
      assertFalse(Files.exists(GoldenLayout.candidate(file)), "candidate left: " + file);
    }

    Build plain = build("3 plain, after bless", ALL_TESTS, false);
    assertEquals(0, plain.exitCode, plain.tail());
    Set<String> expected = new TreeSet<>(BASE_TESTS);
    expected.add(NEW_TEST);
    assertEquals(expected, plain.conformanceTests(), plain.tail());
    assertEquals(List.of(), plain.failures());
    assertEquals(List.of(), plain.lines(HarnessMessages.BLESSED));
  }

  @Test
  @Order(2)
  void aTruncatedGoldenAndAFixtureThatDoesNotTrapEachFailOnlyTheirOwnTest() throws Exception {
    resetToBase(); // also deletes the fixture and golden the previous test added
    Path core = GoldenLayout.at(goldenRoot()).core(GoldenId.parse(TRUNCATED_TEST));
    byte[] bytes = Files.readAllBytes(core);
    Files.write(core, Arrays.copyOf(bytes, bytes.length / 2));
    write(wat().resolve(NO_TRAP_FIXTURE), NO_TRAP_TEXT);
    write(programs().resolve(WRONG_SPEC), WRONG_SPEC_TEXT);

    // Three independent problems in one build (fewer builds): each must fail its own test and
    // nothing else.
    Build broken = build("4 truncated golden, fixture that does not trap, wrong run spec",
        ALL_TESTS, false);
    assertNotEquals(0, broken.exitCode, broken.tail());
    assertEquals(
        Stream.of(NO_TRAP_TEST + ": " + HarnessMessages.FIXTURE_RUN,
            TRUNCATED_TEST + ": " + HarnessMessages.GOLDEN_INVALID,
            WRONG_SPEC_TEST + ": " + HarnessMessages.FIXTURE_RUN).sorted().toList(),
        broken.failures().stream().sorted().toList(), broken.tail());
    Set<String> expected = new TreeSet<>(BASE_TESTS);
    expected.add(NO_TRAP_TEST);
    expected.add(WRONG_SPEC_TEST);
    assertEquals(expected, broken.conformanceTests(), "tests after deleting " + NEW_FIXTURE);
    assertTrue(broken.output.contains("[FixtureRun] " + NO_TRAP_TEST
        + ": expected a trap, but it completed normally"), broken.tail());
    assertTrue(broken.output.contains("[FixtureRun] " + WRONG_SPEC_TEST
        + ": the program did not run as expects-exit.run.json says:"), broken.tail());
    assertTrue(broken.output.contains("[GoldenInvalid] " + TRUNCATED_TEST + ": golden "),
        broken.tail());
    // (The mutation test leaves out exit specs, which have no golden: WRONG_SPEC_TEST.)
    for (String test : List.of(NO_TRAP_TEST, TRUNCATED_TEST)) {
      assertTrue(broken.output.contains("[GoldenMutationTest] " + HarnessMessages.SKIPPED + " "
          + test + ": its own test fails"), "mutation test does not skip " + test);
    }
    GoldenLayout golden = GoldenLayout.at(goldenRoot());
    String truncatedGolden = golden.relative(golden.core(GoldenId.parse(TRUNCATED_TEST)));
    assertTrue(broken.output.contains(
        "skipped   conformance/" + truncatedGolden + ": the golden does not decode: "),
        "the encoder tests do not say they skip the broken golden:\n" + broken.tail());
    assertTrue(broken.output.contains(HarnessMessages.SKIPPED + " conformance/" + truncatedGolden
        + ": the golden does not decode: "),
        "the kill table does not say it leaves out the broken golden:\n" + broken.tail());
    broken.assertNoStackTraces();
    broken.show(HarnessMessages.GOLDEN_INVALID);
    broken.show(HarnessMessages.FIXTURE_RUN);
  }

  private static Path wat() {
    return copy.resolve("wat");
  }

  private static Path programs() {
    return copy.resolve("programs");
  }

  private static Path goldenRoot() {
    return copy.resolve("conformance-suite/golden");
  }

  /** The copy's fixtures and goldens become the base set again. */
  private static void resetToBase() throws IOException {
    deleteTree(wat());
    deleteTree(programs());
    deleteTree(goldenRoot());
    writeBaseFixtures(wat());
    copyTree(basePrograms, programs());
    copyTree(baseGoldens, goldenRoot());
  }

  private static void writeBaseFixtures(Path root) throws IOException {
    for (Map.Entry<String, String> e : BASE_FIXTURES.entrySet()) {
      write(root.resolve(e.getKey()), e.getValue());
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The repository root: the parent of this module's directory (Surefire's working directory). */
  private static Path projectRoot() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getParent();
    if (root == null
        || !Files.isRegularFile(root.resolve("pom.xml"))
        || !Files.isRegularFile(root.resolve("mvnw"))) {
      fail("cannot find the project root (pom.xml, mvnw) above the working directory "
          + module + "; run this test from the conformance-suite module");
    }
    return root;
  }

  /**
   * Copies the sources: no {@code .git}, no fixtures, programs or goldens (the copy gets its
   * own), no {@code .new} candidates, no {@code target/} except the compiled output of the {@link
   * #UPSTREAM} modules.
   */
  private static void copyProject(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String rel = Fixture.relativePath(from, dir);
            if (!dir.equals(from) && excluded(rel)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(rel));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String rel = Fixture.relativePath(from, file);
            if (!excluded(rel)) {
              // Keep timestamps: the copied classes stay newer than their sources.
              Files.copy(file, to.resolve(rel), StandardCopyOption.COPY_ATTRIBUTES);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static boolean excluded(String rel) {
    String[] parts = rel.split("/");
    String top = parts[0];
    if (top.equals(".git") || top.equals("wat") || top.equals("programs")
        || top.equals("coredumps")
        || rel.endsWith(GoldenLayout.CANDIDATE_SUFFIX)
        || rel.startsWith("conformance-suite/golden")) {
      return true;
    }
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].equals("target")) {
        if (i != 1 || !UPSTREAM.contains(top)) {
          return true;
        }
        if (parts.length > 2) {
          String first = parts[2];
          return !(UPSTREAM_OUTPUTS.contains(first) || (parts.length == 3 && first.endsWith(".jar")));
        }
      }
    }
    return top.equals("target");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
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

  /**
   * Runs the copy's wrapper: {@code verify -pl conformance-suite -am}, offline, with {@link
   * #ALL_TESTS}; returns its exit code, output and Surefire reports. Fails only if the build
   * cannot be run or times out.
   */
  private static Build build(String step, String tests, boolean bless) throws Exception {
    try (Stream<Path> modules = Files.list(copy)) {
      for (Path module : modules.toList()) {
        deleteTree(module.resolve("target/surefire-reports")); // a stale report must not count
      }
    }
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
            "-Dtest=" + tests,
            "-Dsurefire.failIfNoSpecifiedTests=false",
            "-Dmaven.compiler.useIncrementalCompilation=false",
            // Short-lived test JVMs start faster with the client compiler only.
            "-DargLine=-XX:TieredStopAtLevel=1"));
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
    env.remove(GoldenFiles.BLESS_VARIABLE);
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
    if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      fail("child build (" + step + ") timed out after " + BUILD_TIMEOUT_MINUTES + " min: "
          + String.join(" ", command) + "\n" + new Build(step, -1, read(log), List.of()).tail());
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    System.out.println("[FixtureLifecycleTest] " + step + ": child build took " + seconds
        + " s, exit code " + process.exitValue());
    return new Build(step, process.exitValue(), read(log), reports());
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read the child's output " + log + ": " + e + ")";
    }
  }

  /** Every test case of every Surefire report in the copy. */
  private static List<Case> reports() throws Exception {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> modules = Files.list(copy)) {
      for (Path module : modules.sorted().toList()) {
        Path dir = module.resolve("target/surefire-reports");
        if (!Files.isDirectory(dir)) {
          continue;
        }
        try (Stream<Path> xmls = Files.list(dir)) {
          for (Path xml : xmls.filter(p -> p.getFileName().toString().startsWith("TEST-")
              && p.getFileName().toString().endsWith(".xml")).sorted().toList()) {
            cases.addAll(Case.read(xml));
          }
        }
      }
    }
    return cases;
  }

  /** One test case of a Surefire report; {@code problem} is the failure's message, or null. */
  private record Case(String className, String name, String problem) {

    static List<Case> read(Path xml) throws Exception {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var document = factory.newDocumentBuilder().parse(xml.toFile());
      List<Case> out = new ArrayList<>();
      NodeList cases = document.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testcase = (Element) cases.item(i);
        String problem = null;
        for (String outcome : List.of("failure", "error")) {
          NodeList children = testcase.getElementsByTagName(outcome);
          if (children.getLength() > 0) {
            problem = ((Element) children.item(0)).getAttribute("message");
          }
        }
        out.add(new Case(testcase.getAttribute("classname"), testcase.getAttribute("name"),
            problem));
      }
      return out;
    }
  }

  /** A finished child build. */
  private record Build(String step, int exitCode, String output, List<Case> cases) {

    /** Every failed or erroneous test, as {@code name: tag} (the message's first word). */
    List<String> failures() {
      List<String> out = new ArrayList<>();
      for (Case c : cases) {
        if (c.problem() != null) {
          String tag = c.problem().isEmpty() ? "(no message)" : c.problem().split("[ \n]", 2)[0];
          out.add((c.className().equals(SUITE_CLASS) ? "" : c.className() + ".")
              + c.name() + ": " + tag);
        }
      }
      return out;
    }

    /** The display names of the conformance tests that ran. */
    Set<String> conformanceTests() {
      Set<String> names = new TreeSet<>();
      for (Case c : cases) {
        if (c.className().equals(SUITE_CLASS)) {
          names.add(c.name());
        }
      }
      if (names.isEmpty()) {
        fail("the child build (" + step + ") ran no conformance test:\n" + tail());
      }
      return names;
    }

    /** The output lines that start with {@code tag}. */
    List<String> lines(String tag) {
      return output.lines().filter(l -> l.startsWith(tag)).toList();
    }

    /** Prints the first output line with {@code tag}, from the tag on, as evidence in the log. */
    void show(String tag) {
      String line = output.lines().filter(l -> l.contains(tag)).findFirst()
          .map(l -> l.substring(l.indexOf(tag))).orElse("(no " + tag + " line)");
      System.out.println("[FixtureLifecycleTest]   " + line);
    }

    /** Expected conditions are reported by message, never by a stack trace. */
    void assertNoStackTraces() {
      List<String> frames =
          output.lines().filter(l -> l.matches("\\s+at [\\w$.]+\\(.*\\)")).limit(5).toList();
      assertEquals(List.of(), frames, "stack traces in the output of " + step + ":\n" + tail());
    }

    String tail() {
      List<String> lines = output.lines().toList();
      int from = Math.max(0, lines.size() - OUTPUT_TAIL_LINES);
      return "--- " + step + ": exit code " + exitCode + ", last " + (lines.size() - from)
          + " of " + lines.size() + " lines of output ---\n"
          + String.join("\n", lines.subList(from, lines.size()));
    }
  }
}
