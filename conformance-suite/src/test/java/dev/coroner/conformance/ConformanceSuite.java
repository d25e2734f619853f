package dev.coroner.conformance;

import dev.coroner.processor.CoredumpConformance;

/**
 * The conformance gate: the annotation processor generates {@code ConformanceSuite_Conformance},
 * one JUnit test per trapping command of every fixture under {@code wat/} (named {@code
 * path.wast:LINE}) and one per program run spec under {@code programs/} (named {@code
 * programs/NAME/SPEC.run.json:trap} or {@code :exit}); the build passes the roots as {@code
 * -Acoroner.fixtureRoot} and {@code -Acoroner.programRoot}. Each trapping one is checked against
 * {@code golden/}.
 */
@CoredumpConformance(fixtureRoot = "../wat", programRoot = "../programs")
final class ConformanceSuite {
  private ConformanceSuite() {}
}
