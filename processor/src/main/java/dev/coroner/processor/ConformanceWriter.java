package dev.coroner.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Write step: turns a {@link SuiteDescriptor} into the source of {@code Foo_Conformance}. Names
 * what it generates against (JUnit, the harness) by string only.
 */
final class ConformanceWriter {
  static final String SUFFIX = "_Conformance";

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");
  static final ClassName DISPLAY_NAME = ClassName.get("org.junit.jupiter.api", "DisplayName");
  static final ClassName CONFORMANCE = ClassName.get("dev.coroner.harness", "Conformance");
  static final ClassName PROGRAM_CONFORMANCE =
      ClassName.get("dev.coroner.harness", "ProgramConformance");

  static final String FIXTURE_ROOT = "FIXTURE_ROOT";
  static final String GOLDEN_ROOT = "GOLDEN_ROOT";
  static final String PROGRAM_ROOT = "PROGRAM_ROOT";
  static final String FIXTURE_HASHES = "fixtureHashes";
  static final String PROGRAM_HASHES = "programHashes";

  private final SuiteDescriptor suite;
  private final NameAllocator names = new NameAllocator();

  private ConformanceWriter(SuiteDescriptor suite) {
    this.suite = suite;
    names.newName(FIXTURE_HASHES, FIXTURE_HASHES);
    names.newName(PROGRAM_HASHES, PROGRAM_HASHES);
  }

  /** The generated file for the annotated class {@code origin}. */
  static JavaFile write(TypeElement origin, String packageName, SuiteDescriptor suite) {
    return new ConformanceWriter(suite).file(origin, packageName);
  }

  private JavaFile file(TypeElement origin, String packageName) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(origin.getSimpleName() + SUFFIX)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addOriginatingElement(origin)
            .addAnnotation(
                AnnotationSpec.builder(GENERATED)
                    .addMember("value", "$S", ConformanceProcessor.class.getName())
                    .build())
            .addJavadoc(
                "Coredump conformance tests for the fixtures under {@code $L}: one test per\n"
                    + "trapping command, each named {@code path:line} after its source$L.\n"
                    + "Generated from {@link $T} by {@code $L}; do not edit.\n",
                javadocSafe(suite.fixtureRoot().toString()),
                suite.programRoot()
                    .map(p -> "; and one per\nprogram run spec under {@code "
                        + javadocSafe(p.toString()) + "}, named {@code programs/SPEC:trap} or"
                        + " {@code programs/SPEC:exit}")
                    .orElse(""),
                ClassName.get(origin),
                ConformanceProcessor.class.getSimpleName());
    addConstants(type);
    addFixtureHashes(type);
    addProgramHashes(type);
    for (SuiteDescriptor.FixtureTests fixture : suite.fixtures()) {
      for (int line : fixture.trapLines()) {
        addTest(type, fixture, line);
      }
    }
    for (SuiteDescriptor.ProgramTest program : suite.programs()) {
      if (program.tested()) {
        addProgramTest(type, program);
      }
    }
    return JavaFile.builder(packageName, type.build()).skipJavaLangImports(true).build();
  }

  private void addConstants(TypeSpec.Builder type) {
    addConstant(
        type,
        FIXTURE_ROOT,
        "Absolute fixture root used at generation (the harness may override it).\n",
        suite.fixtureRoot().toString());
    addConstant(
        type,
        GOLDEN_ROOT,
        "{@code goldenRoot} of the annotation, as written (empty if not set).\n",
        suite.goldenRoot());
    addConstant(
        type,
        PROGRAM_ROOT,
        "Absolute program root used at generation, empty if none (the harness may override"
            + " it).\n",
        suite.programRoot().map(Object::toString).orElse(""));
  }

  /** A {@code public static final String name = value;} with its javadoc. */
  private static void addConstant(
      TypeSpec.Builder type, String name, String javadoc, String value) {
    type.addField(
        FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc(javadoc)
            .initializer("$S", value)
            .build());
  }

  /** {@code fixtureHashes()}: every fixture seen at generation, path to SHA-256, in path order. */
  private void addFixtureHashes(TypeSpec.Builder type) {
    addHashes(
        type,
        FIXTURE_HASHES,
        "Every fixture found at generation (relative path, {@code /}-separated) and the\n"
            + "SHA-256 of its bytes then, in path order; lets the harness spot fixtures\n"
            + "added, removed or changed since this class was generated.\n",
        suite.fixtures(),
        SuiteDescriptor.FixtureTests::relativePath,
        SuiteDescriptor.FixtureTests::sha256);
  }

  /** {@code programHashes()}: every program run spec seen at generation, id to SHA-256. */
  private void addProgramHashes(TypeSpec.Builder type) {
    addHashes(
        type,
        PROGRAM_HASHES,
        "Every program run spec found at generation (its path under the program root,\n"
            + "{@code /}-separated) and the SHA-256 of its bytes then, in path order.\n",
        suite.programs(),
        SuiteDescriptor.ProgramTest::specId,
        SuiteDescriptor.ProgramTest::sha256);
  }

  /**
   * A method {@code name()} returning an unmodifiable map that puts, for each of {@code items} in
   * order, its {@code key} and its {@code sha256}.
   */
  private static <T> void addHashes(
      TypeSpec.Builder type,
      String name,
      String javadoc,
      List<T> items,
      Function<T, String> key,
      Function<T, String> sha256) {
    ClassName map = ClassName.get("java.util", "Map");
    ClassName linkedHashMap = ClassName.get("java.util", "LinkedHashMap");
    ClassName collections = ClassName.get("java.util", "Collections");
    CodeBlock.Builder body =
        CodeBlock.builder()
            .addStatement("$T<String, String> hashes = new $T<>()", map, linkedHashMap);
    for (T item : items) {
      body.addStatement("hashes.put($S, $S)", key.apply(item), sha256.apply(item));
    }
    body.addStatement("return $T.unmodifiableMap(hashes)", collections);
    type.addMethod(
        MethodSpec.methodBuilder(name)
            .addJavadoc(javadoc)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(ParameterizedTypeName.get(map, ClassName.get(String.class), ClassName.get(String.class)))
            .addCode(body.build())
            .build());
  }

  private void addProgramTest(TypeSpec.Builder type, SuiteDescriptor.ProgramTest program) {
    String displayName = program.displayName();
    String methodName = names.newName(displayName.replace(':', '_'));
    type.addMethod(
        testMethod(methodName, displayName)
            .addStatement(
                "$T.check($N, $S, $S, $S)",
                PROGRAM_CONFORMANCE,
                PROGRAM_ROOT,
                program.specId(),
                program.sha256(),
                program.key().orElseThrow())
            .build());
  }

  /** A JUnit test {@code methodName}, shown as {@code displayName}, that may throw anything. */
  private static MethodSpec.Builder testMethod(String methodName, String displayName) {
    return MethodSpec.methodBuilder(methodName)
        .addAnnotation(TEST)
        .addAnnotation(AnnotationSpec.builder(DISPLAY_NAME).addMember("value", "$S", displayName).build())
        .addException(Throwable.class);
  }

  private void addTest(TypeSpec.Builder type, SuiteDescriptor.FixtureTests fixture, int line) {
    String displayName = fixture.relativePath() + ":" + line;
    String methodName = names.newName(fixture.relativePath() + "_" + line);
    type.addMethod(
        testMethod(methodName, displayName)
            .addStatement(
                "$T.check($N, $S, $S, $L)",
                CONFORMANCE,
                FIXTURE_ROOT,
                fixture.relativePath(),
                fixture.sha256(),
                line)
            .build());
  }

  /** Keeps a path from closing the Javadoc comment it is quoted in. */
  private static String javadocSafe(String text) {
    return text.replace("*/", "*&#47;").replace("@", "{@literal @}");
  }
}
