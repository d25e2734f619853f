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
 * {@link #fixtureRoot()}, each calling {@code dev.coroner.harness.Conformance.check(...)}; and,
 * when {@link #programRoot()} is set, one {@code @Test} per program run spec ({@code *.run.json})
 * under it, each calling {@code dev.coroner.harness.ProgramConformance.check(...)}.
 *
 * <pre>
 * &#64;CoredumpConformance(fixtureRoot = "../wat", programRoot = "../programs")
 * class Suite {}
 * </pre>
 *
 * <p>Test names: {@code path.wast:LINE} for a fixture command; {@code programs/NAME/SPEC.run.json:trap}
 * for a program spec that expects a trap (its golden is {@code programs/NAME/SPEC.run.json/trap.core}
 * under the golden root) and {@code programs/NAME/SPEC.run.json:exit} for one that expects an exit
 * (checked, no golden).
 *
 * <p>Processor options: {@code -Acoroner.fixtureRoot=/abs/path} overrides {@link #fixtureRoot()};
 * {@code -Acoroner.programRoot=/abs/path} overrides {@link #programRoot()}; {@code
 * -Acoroner.projectDir=/abs/dir} is the base for relative roots (default: the compiler's working
 * directory).
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

  /**
   * The program root directory, scanned recursively for run specs ({@code *.run.json}, the format
   * of {@code programs/README.md}); empty (the default) for none. Resolved as {@link
   * #fixtureRoot()} is; the {@code coroner.programRoot} option, when given, replaces it.
   */
  String programRoot() default "";
}
