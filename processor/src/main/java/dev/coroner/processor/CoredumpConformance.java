package dev.coroner.processor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Generates coredump conformance tests from a tree of fixtures.
 *
 * <p>For an annotated top-level class {@code p.Foo}, the {@link ConformanceProcessor} writes the
 * JUnit 5 class {@code p.Foo_Conformance} with one {@code @Test} per trapping command ({@code
 * assert_trap}, {@code assert_exhaustion}) of every {@code .wast} and {@code .wat} file under
 * {@link #fixtureRoot()}, each calling {@code dev.coroner.harness.Conformance.check(...)}.
 *
 * <pre>
 * &#64;CoredumpConformance(fixtureRoot = "../wat", goldenRoot = "src/test/golden")
 * class Suite {}
 * </pre>
 *
 * <p>Processor options: {@code -Acoroner.fixtureRoot=/abs/path} overrides {@link #fixtureRoot()};
 * {@code -Acoroner.projectDir=/abs/dir} is the base for relative roots (default: the compiler's
 * working directory).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface CoredumpConformance {
  /**
   * The fixture root directory, scanned recursively for {@code *.wast} and {@code *.wat}. A
   * relative path is resolved against the {@code coroner.projectDir} processor option, else the
   * current directory. The {@code coroner.fixtureRoot} option, when given, replaces it.
   */
  String fixtureRoot();

  /**
   * Where the golden coredumps live; passed through unchanged to the generated {@code
   * GOLDEN_ROOT} constant for the harness. Empty (the default) leaves the choice to the harness.
   */
  String goldenRoot() default "";
}
