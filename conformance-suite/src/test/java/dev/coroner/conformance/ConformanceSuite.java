package dev.coroner.conformance;

import dev.coroner.processor.CoredumpConformance;

/**
 * The conformance gate: the annotation processor generates {@code ConformanceSuite_Conformance},
 * one JUnit test per trapping command of every fixture under {@code wat/} (the build passes the
 * root as {@code -Acoroner.fixtureRoot}), each checked against {@code golden/}.
 */
@CoredumpConformance(fixtureRoot = "../wat")
final class ConformanceSuite {
  private ConformanceSuite() {}
}
