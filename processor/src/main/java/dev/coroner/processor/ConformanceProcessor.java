package dev.coroner.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates {@code Foo_Conformance} JUnit 5 tests for each class {@code Foo} annotated with
 * {@link CoredumpConformance}.
 *
 * <p>Never throws: every failure is an {@code ERROR} diagnostic on the annotated class, starting
 * with a {@link ConformanceMessages} tag. A bad fixture does not stop the others; the class is
 * still generated with the tests of the good ones, so the fixture's error is the only failure.
 *
 * <p>Options: {@code coroner.fixtureRoot} and {@code coroner.programRoot} (override the
 * annotation's roots), {@code coroner.projectDir} (base for relative roots).
 */
@AutoService(Processor.class)
public final class ConformanceProcessor extends AbstractProcessor {
  /** Processor option overriding {@link CoredumpConformance#fixtureRoot()}. */
  public static final String OPTION_FIXTURE_ROOT = "coroner.fixtureRoot";

  /** Processor option overriding {@link CoredumpConformance#programRoot()}. */
  public static final String OPTION_PROGRAM_ROOT = "coroner.programRoot";

  /** Processor option: directory against which relative fixture roots are resolved. */
  public static final String OPTION_PROJECT_DIR = "coroner.projectDir";

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(CoredumpConformance.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(OPTION_FIXTURE_ROOT, OPTION_PROGRAM_ROOT, OPTION_PROJECT_DIR);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(CoredumpConformance.class)) {
      try {
        generate(element);
      } catch (RuntimeException | Error e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        error(element, null, ConformanceMessages.INTERNAL + " " + e + "\n" + trace);
      }
    }
    return false;
  }

  private void generate(Element element) {
    AnnotationMirror mirror = annotationMirror(element);
    if (element.getKind() != ElementKind.CLASS
        || ((TypeElement) element).getNestingKind() != NestingKind.TOP_LEVEL) {
      error(
          element, mirror,
          ConformanceMessages.BAD_TARGET + " @CoredumpConformance belongs on a top-level class");
      return;
    }
    TypeElement type = (TypeElement) element;
    CoredumpConformance annotation = type.getAnnotation(CoredumpConformance.class);
    Map<String, String> options = processingEnv.getOptions();

    Path root;
    try {
      root =
          SuiteReader.resolveRoot(
              annotation.fixtureRoot(),
              options.get(OPTION_FIXTURE_ROOT),
              options.get(OPTION_PROJECT_DIR));
    } catch (InvalidPathException e) {
      error(type, mirror, ConformanceMessages.FIXTURE_ROOT_MISSING + " invalid fixture root: " + e.getMessage());
      return;
    }
    String rootProblem = SuiteReader.checkRoot(root);
    if (rootProblem != null) {
      error(type, mirror, rootProblem);
      return;
    }
    Optional<Path> programRoot;
    try {
      programRoot =
          programRoot(annotation.programRoot(), options.get(OPTION_PROGRAM_ROOT),
              options.get(OPTION_PROJECT_DIR));
    } catch (InvalidPathException e) {
      error(type, mirror, ConformanceMessages.FIXTURE_ROOT_MISSING + " invalid program root: " + e.getMessage());
      return;
    }
    if (programRoot.isPresent()) {
      String programProblem = SuiteReader.checkRoot(programRoot.get(), "program root");
      if (programProblem != null) {
        error(type, mirror, programProblem);
        return;
      }
    }

    SuiteDescriptor suite = SuiteReader.read(root, annotation.goldenRoot(), programRoot);
    for (SuiteDescriptor.Problem problem : suite.problems()) {
      if (problem.error()) {
        error(type, mirror, problem.message());
      } else {
        messager().printMessage(Diagnostic.Kind.WARNING, problem.message(), type, mirror);
      }
    }

    String packageName =
        processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
    JavaFile file = ConformanceWriter.write(type, packageName, suite);
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      error(
          type, mirror,
          ConformanceMessages.WRITE_FAILED + " cannot write " + packageName + "."
              + file.typeSpec().name() + ": " + e);
      return;
    }
    messager()
        .printMessage(
            Diagnostic.Kind.NOTE,
            ConformanceMessages.SUMMARY + " " + file.typeSpec().name() + ": "
                + suite.fixtures().size() + " fixtures, " + suite.fixtureTestCount()
                + " tests generated from " + root
                + suite.programRoot()
                    .map(p -> "; " + suite.programs().size() + " program specs, "
                        + suite.programTestCount() + " tests (" + suite.programGoldenCount()
                        + " with goldens) from " + p)
                    .orElse(""),
            type);
  }

  /** The configured program root, if any: the option wins over the attribute. */
  private static Optional<Path> programRoot(String attribute, String option, String projectDir) {
    boolean none = (option == null || option.isBlank()) && attribute.isBlank();
    return none ? Optional.empty() : Optional.of(SuiteReader.resolveRoot(attribute, option, projectDir));
  }

  private Messager messager() {
    return processingEnv.getMessager();
  }

  private void error(Element element, AnnotationMirror mirror, String message) {
    messager().printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
  }

  private static AnnotationMirror annotationMirror(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      Element annotation = mirror.getAnnotationType().asElement();
      if (annotation instanceof TypeElement t
          && t.getQualifiedName().contentEquals(CoredumpConformance.class.getCanonicalName())) {
        return mirror;
      }
    }
    return null;
  }
}
