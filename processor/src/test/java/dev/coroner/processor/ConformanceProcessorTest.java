package dev.coroner.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.coroner.fixtures.Fixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles real sources with the processor and checks the generated code and diagnostics. */
class ConformanceProcessorTest {
  private static final String GENERATED = "p.Suite_Conformance";

  /** Stands in for the harness so the generated code compiles against the agreed signature. */
  private static final JavaFileObject HARNESS =
      JavaFileObjects.forSourceLines(
          "dev.coroner.harness.Conformance",
          "package dev.coroner.harness;",
          "public final class Conformance {",
          "  public static void check(String root, String path, String sha256, int line) {}",
          "}");

  /** Stands in for the harness's program check, with the agreed signature. */
  private static final JavaFileObject PROGRAM_HARNESS =
      JavaFileObjects.forSourceLines(
          "dev.coroner.harness.ProgramConformance",
          "package dev.coroner.harness;",
          "public final class ProgramConformance {",
          "  public static void check(String root, String spec, String sha256, String key) {}",
          "}");

  private static final String TRAP_SPEC =
      "{\"wasm\": \"crash.wasm\", \"args\": [\"x\"],\n"
          + " \"expect\": {\"trap\": \"unreachable\", \"stdout\": \"\"}}\n";

  private static final String EXIT_SPEC =
      "{\"wasm\": \"crash.wasm\", \"expect\": {\"exit\": 3, \"stdout\": \"\"}}\n";

  private static final String DIV_WAST =
      String.join(
          "\n",
          "(module",
          "  (func (export \"div\") (param i32 i32) (result i32)",
          "    (i32.div_s (local.get 0) (local.get 1)))",
          "  (func (export \"loop\") (call 1)))",
          "(assert_return (invoke \"div\" (i32.const 4) (i32.const 2)) (i32.const 2))",
          "(assert_trap (invoke \"div\" (i32.const 1) (i32.const 0)) \"integer divide by zero\")",
          "(assert_exhaustion (invoke \"loop\") \"call stack exhausted\")",
          "");

  private static final String START_WAT =
      ";; traps while instantiating\n(module (func $s unreachable) (start $s))\n";

  private static final String DIRECTIVE_WAT =
      "(module (func (export \"f\") unreachable))\n;; @trap (invoke \"f\") \"unreachable\"\n";

  @TempDir Path root;

  private void write(String relative, String text) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JavaFileObject suite(String annotationArguments) {
    return JavaFileObjects.forSourceLines(
        "p.Suite",
        "package p;",
        "",
        "@dev.coroner.processor.CoredumpConformance(" + annotationArguments + ")",
        "class Suite {}");
  }

  private static String literal(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\") + "\"";
  }

  private static Compilation compile(JavaFileObject source, String... options) {
    return Compiler.javac()
        .withProcessors(new ConformanceProcessor())
        .withOptions((Object[]) options)
        .compile(source, HARNESS, PROGRAM_HARNESS);
  }

  private static String generated(Compilation compilation) {
    assertThat(compilation).generatedSourceFile(GENERATED).isNotNull();
    try {
      return compilation
          .generatedSourceFile(GENERATED)
          .orElseThrow()
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String sha(String relative) throws IOException {
    return Fixture.sha256(root.resolve(relative));
  }

  @Test
  void generatesOneTestPerTrappingCommand() throws Exception {
    write("traps/div.wast", DIV_WAST);
    write("start.wat", START_WAT);
    write("a/directive.wat", DIRECTIVE_WAT);

    Compilation compilation =
        compile(suite("fixtureRoot = " + literal(root) + ", goldenRoot = \"golden\""));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .hadNoteContaining(
            ConformanceMessages.SUMMARY + " Suite_Conformance: 3 fixtures, 4 tests generated");
    String source = generated(compilation);
    assertTrue(
        source.contains("@Generated(\"dev.coroner.processor.ConformanceProcessor\")"), source);
    assertTrue(source.contains("import javax.annotation.processing.Generated;"), source);
    assertTrue(source.contains("public final class Suite_Conformance {"), source);
    assertTrue(
        source.contains("public static final String FIXTURE_ROOT = " + literal(root) + ";"), source);
    assertTrue(source.contains("public static final String GOLDEN_ROOT = \"golden\";"), source);
    String divSha = sha("traps/div.wast");
    assertTrue(source.contains("@DisplayName(\"traps/div.wast:6\")"), source);
    assertTrue(
        source.contains(
            "Conformance.check(FIXTURE_ROOT, \"traps/div.wast\", \"" + divSha + "\", 6);"),
        source);
    assertTrue(source.contains("@DisplayName(\"traps/div.wast:7\")"), source);
    assertTrue(source.contains("void traps_div_wast_7() throws Throwable {"), source);
    assertTrue(source.contains("@DisplayName(\"start.wat:2\")"), source);
    assertTrue(source.contains("@DisplayName(\"a/directive.wat:2\")"), source);
    assertTrue(
        source.contains("hashes.put(\"a/directive.wat\", \"" + sha("a/directive.wat") + "\");"),
        source);
    // Deterministic order: fixtures sorted by path, tests in line order.
    assertOrdered(
        source,
        "\"a/directive.wat:2\"",
        "\"start.wat:2\"",
        "\"traps/div.wast:6\"",
        "\"traps/div.wast:7\"");
    assertEquals(4, occurrences(source, "@Test"));
  }

  @Test
  void generatedMethodHasTheAgreedShape() throws Exception {
    write("one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"unreachable\")\n");
    String source = generated(compile(suite("fixtureRoot = " + literal(root))));
    String expected =
        String.join(
            "\n",
            "  @Test",
            "  @DisplayName(\"one.wast:2\")",
            "  void one_wast_2() throws Throwable {",
            "    Conformance.check(FIXTURE_ROOT, \"one.wast\", \"" + sha("one.wast") + "\", 2);",
            "  }");
    assertTrue(source.contains(expected), source);
    assertTrue(source.contains("import dev.coroner.harness.Conformance;"), source);
    assertTrue(source.contains("import org.junit.jupiter.api.Test;"), source);
    assertTrue(source.contains("public static final String GOLDEN_ROOT = \"\";"), source);
    assertTrue(source.contains("public static Map<String, String> fixtureHashes() {"), source);
  }

  @Test
  void optionOverridesTheAnnotationRoot() {
    write("one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    Compilation compilation =
        compile(
            suite("fixtureRoot = \"/does/not/exist\""),
            "-A" + ConformanceProcessor.OPTION_FIXTURE_ROOT + "=" + root);
    assertThat(compilation).succeeded();
    assertTrue(generated(compilation).contains("FIXTURE_ROOT = " + literal(root)));
  }

  @Test
  void relativeRootIsResolvedAgainstTheProjectDir() {
    write("fx/one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    Compilation compilation =
        compile(
            suite("fixtureRoot = \"fx/../fx\""),
            "-A" + ConformanceProcessor.OPTION_PROJECT_DIR + "=" + root);
    assertThat(compilation).succeeded();
    assertTrue(generated(compilation).contains("FIXTURE_ROOT = " + literal(root.resolve("fx"))));
  }

  @Test
  void missingRootIsAnErrorNamingTheAbsolutePath() throws Exception {
    Path missing = root.resolve("nowhere");
    Compilation compilation =
        compile(
            suite("fixtureRoot = \"nowhere\""),
            "-A" + ConformanceProcessor.OPTION_PROJECT_DIR + "=" + root);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            ConformanceMessages.FIXTURE_ROOT_MISSING + " fixture root " + missing
                + " does not exist")
        .inFile(suite("fixtureRoot = \"nowhere\""))
        .onLine(3);
    assertFalse(Files.exists(generateOnDisk(suite("fixtureRoot = \"nowhere\""),
        "-A" + ConformanceProcessor.OPTION_PROJECT_DIR + "=" + root)));
  }

  @Test
  void badFixtureIsReportedAndTheGoodOnesStillGetTests() throws Exception {
    write("good.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    write("sub/bad.wast", "(module\n  (func\n    (i32.add (i32.const 1) oops)))\n");
    write("worse.wat", ";; @trap (invoke \"f\")\n(module\n  (func (export \"f\") (nope)))\n");
    Compilation compilation = compile(suite("fixtureRoot = " + literal(root)));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            ConformanceMessages.FIXTURE_SYNTAX
                + " sub/bad.wast:3:28: error: unexpected token oops, expected ).");
    assertThat(compilation)
        .hadErrorContaining(ConformanceMessages.FIXTURE_SYNTAX + " worse.wat:3:23: error: unexpected token \"nope\"");
    String source = Files.readString(generateOnDisk(suite("fixtureRoot = " + literal(root))));
    assertTrue(source.contains("@DisplayName(\"good.wast:2\")"), source);
    assertEquals(1, occurrences(source, "@Test"));
    // Every readable fixture is listed with its hash, even the rejected ones.
    assertTrue(source.contains("hashes.put(\"sub/bad.wast\", \"" + sha("sub/bad.wast") + "\");"));
  }

  @Test
  void clashingSanitizedNamesGetDistinctMethods() {
    String trap = "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n";
    write("a-b.wast", trap);
    write("a_b.wast", trap);
    write("a/b.wast", trap);
    Compilation compilation = compile(suite("fixtureRoot = " + literal(root)));
    assertThat(compilation).succeeded();
    String source = generated(compilation);
    assertTrue(source.contains("void a_b_wast_2() throws Throwable"), source);
    assertTrue(source.contains("void a_b_wast_2_() throws Throwable"), source);
    assertTrue(source.contains("void a_b_wast_2__() throws Throwable"), source);
    assertTrue(source.contains("@DisplayName(\"a-b.wast:2\")"), source);
    assertTrue(source.contains("@DisplayName(\"a_b.wast:2\")"), source);
    assertTrue(source.contains("@DisplayName(\"a/b.wast:2\")"), source);
  }

  @Test
  void fixtureWithoutTrapIsAnError() throws Exception {
    write("quiet.wast", "(module (func (export \"f\")))\n(assert_return (invoke \"f\"))\n");
    write("quiet.wat", "(module (func (export \"f\")))\n");
    write("loud.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    Compilation compilation = compile(suite("fixtureRoot = " + literal(root)));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            ConformanceMessages.NO_TRAP
                + " quiet.wast: no assert_trap or assert_exhaustion, so it produces no coredump");
    assertThat(compilation).hadErrorContaining(ConformanceMessages.NO_TRAP + " quiet.wat: ");
    String source = Files.readString(generateOnDisk(suite("fixtureRoot = " + literal(root))));
    assertTrue(source.contains("@DisplayName(\"loud.wast:2\")"), source);
    assertEquals(1, occurrences(source, "@Test"));
  }

  @Test
  void emptyRootIsAWarning() {
    Compilation compilation = compile(suite("fixtureRoot = " + literal(root)));
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining(ConformanceMessages.NO_FIXTURES + " no .wast or .wat fixture under " + root);
    assertEquals(0, occurrences(generated(compilation), "@Test"));
  }

  @Test
  void generatesOneTestPerProgramRunSpecNamedAfterItsOutcome() throws Exception {
    write("wat/one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    write("programs/crash/crash.wasm", "not read by the processor");
    write("programs/crash/crash.run.json", TRAP_SPEC);
    write("programs/crash/quiet.run.json", EXIT_SPEC);
    Path wat = root.resolve("wat");
    Path programs = root.resolve("programs");

    Compilation compilation =
        compile(suite("fixtureRoot = " + literal(wat) + ", programRoot = " + literal(programs)));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .hadNoteContaining(
            ConformanceMessages.SUMMARY + " Suite_Conformance: 1 fixtures, 1 tests generated from "
                + wat + "; 2 program specs, 2 tests (1 with goldens) from " + programs);
    String source = generated(compilation);
    String crashSha = Fixture.sha256(programs.resolve("crash/crash.run.json"));
    String expected =
        String.join(
            "\n",
            "  @Test",
            "  @DisplayName(\"programs/crash/crash.run.json:trap\")",
            "  void programs_crash_crash_run_json_trap() throws Throwable {",
            "    ProgramConformance.check(PROGRAM_ROOT, \"crash/crash.run.json\", \"" + crashSha
                + "\", \"trap\");",
            "  }");
    assertTrue(source.contains(expected), source);
    assertTrue(source.contains("@DisplayName(\"programs/crash/quiet.run.json:exit\")"), source);
    assertTrue(source.contains("\"crash/quiet.run.json\", \""
        + Fixture.sha256(programs.resolve("crash/quiet.run.json")) + "\", \"exit\");"), source);
    assertTrue(
        source.contains("public static final String PROGRAM_ROOT = " + literal(programs) + ";"),
        source);
    assertTrue(source.contains("hashes.put(\"crash/crash.run.json\", \"" + crashSha + "\");"),
        source);
    assertOrdered(source, "\"one.wast:2\"", "\"programs/crash/crash.run.json:trap\"",
        "\"programs/crash/quiet.run.json:exit\"");
    assertEquals(3, occurrences(source, "@Test"));
  }

  @Test
  void withoutAProgramRootThereAreNoProgramTests() throws Exception {
    write("one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    String source = generated(compile(suite("fixtureRoot = " + literal(root))));
    assertTrue(source.contains("public static final String PROGRAM_ROOT = \"\";"), source);
    assertFalse(source.contains("ProgramConformance"), source);
    assertEquals(1, occurrences(source, "@Test"));
  }

  @Test
  void theProgramRootOptionOverridesTheAnnotation() {
    write("fx/one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    write("progs/a/crash.wasm", "");
    write("progs/a/crash.run.json", TRAP_SPEC);
    Compilation compilation =
        compile(
            suite("fixtureRoot = \"fx\", programRoot = \"/does/not/exist\""),
            "-A" + ConformanceProcessor.OPTION_PROJECT_DIR + "=" + root,
            "-A" + ConformanceProcessor.OPTION_PROGRAM_ROOT + "=progs");
    assertThat(compilation).succeeded();
    String source = generated(compilation);
    assertTrue(source.contains("PROGRAM_ROOT = " + literal(root.resolve("progs"))), source);
    assertTrue(source.contains("@DisplayName(\"programs/a/crash.run.json:trap\")"), source);
  }

  @Test
  void aMissingProgramRootIsAnErrorNamingIt() {
    write("one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    Compilation compilation =
        compile(suite("fixtureRoot = " + literal(root) + ", programRoot = \"nowhere\""),
            "-A" + ConformanceProcessor.OPTION_PROJECT_DIR + "=" + root);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(ConformanceMessages.FIXTURE_ROOT_MISSING + " program root "
            + root.resolve("nowhere") + " does not exist");
  }

  @Test
  void aBadRunSpecIsReportedWithItsLineAndTheGoodOnesStillGetTests() throws Exception {
    write("wat/one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    write("programs/good/crash.wasm", "");
    write("programs/good/crash.run.json", TRAP_SPEC);
    write("programs/bad/bad.wasm", "");
    write("programs/bad/bad.run.json",
        "{\"wasm\": \"bad.wasm\",\n \"expect\": {\"trap\": \"unreachable\", \"stdot\": \"\"}}\n");
    write("programs/bad/missing.run.json", "{\"wasm\": \"gone.wasm\",\n \"expect\": {}}\n");
    JavaFileObject suite = suite("fixtureRoot = " + literal(root.resolve("wat"))
        + ", programRoot = " + literal(root.resolve("programs")));
    Compilation compilation = compile(suite);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(ConformanceMessages.PROGRAM_SPEC + " bad/bad.run.json:2:");
    assertThat(compilation)
        .hadErrorContaining(ConformanceMessages.PROGRAM_SPEC
            + " bad/missing.run.json:1:10: error: no such file: bad/gone.wasm");
    String source = Files.readString(generateOnDisk(suite));
    assertTrue(source.contains("@DisplayName(\"programs/good/crash.run.json:trap\")"), source);
    assertEquals(2, occurrences(source, "@Test"));
    // Every readable spec is listed with its hash, even the rejected ones.
    assertTrue(source.contains("hashes.put(\"bad/bad.run.json\", \""), source);
  }

  @Test
  void aProgramRootWithoutRunSpecsIsAWarning() {
    write("wat/one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    write("programs/README.md", "no specs yet\n");
    Compilation compilation = compile(suite("fixtureRoot = " + literal(root.resolve("wat"))
        + ", programRoot = " + literal(root.resolve("programs"))));
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining(ConformanceMessages.NO_PROGRAMS
        + " no .run.json run spec under " + root.resolve("programs"));
  }

  @Test
  void annotationOnANestedClassIsAnError() {
    JavaFileObject nested =
        JavaFileObjects.forSourceLines(
            "p.Outer",
            "package p;",
            "class Outer {",
            "  @dev.coroner.processor.CoredumpConformance(fixtureRoot = \".\")",
            "  static class Inner {}",
            "}");
    Compilation compilation = compile(nested);
    assertThat(compilation)
        .hadErrorContaining(ConformanceMessages.BAD_TARGET)
        .inFile(nested)
        .onLine(3);
  }

  @Test
  void noDiagnosticIsAnUnexpectedException() {
    write("one.wast", "(module (func (export \"f\") unreachable))\n(assert_trap (invoke \"f\") \"\")\n");
    Compilation compilation = compile(suite("fixtureRoot = " + literal(root)));
    List<String> internal = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (d.getMessage(null).contains(ConformanceMessages.INTERNAL)) {
        internal.add(d.getMessage(null));
      }
    }
    assertEquals(List.of(), internal);
  }

  /**
   * Runs the processor with plain javac ({@code -proc:only}) so that generated sources can be
   * inspected even when the compilation reports errors (compile-testing hides them then).
   *
   * @return where {@code p/Suite_Conformance.java} is (or would be) written
   */
  private Path generateOnDisk(JavaFileObject source, String... options) throws IOException {
    Path out = Files.createTempDirectory(root.getParent(), "generated");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      List<String> args = new ArrayList<>(List.of("-proc:only", "-s", out.toString()));
      args.addAll(List.of(options));
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostic -> {}, args, null,
              List.of(source, HARNESS, PROGRAM_HARNESS));
      task.setProcessors(List.of(new ConformanceProcessor()));
      task.call();
    }
    return out.resolve("p/Suite_Conformance.java");
  }

  private static void assertOrdered(String source, String... parts) {
    int from = 0;
    for (String part : parts) {
      int at = source.indexOf(part, from);
      assertTrue(at >= 0, part + " after offset " + from + " in\n" + source);
      from = at + part.length();
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
