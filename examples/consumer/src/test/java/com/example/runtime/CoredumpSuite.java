package com.example.runtime;

import dev.coroner.processor.CoredumpConformance;

/**
 * Coroner's processor generates {@code CoredumpSuite_Conformance}: one JUnit test per trapping
 * command of every fixture under {@code src/test/wat}, each checked against its golden under
 * {@code src/test/golden}.
 */
@CoredumpConformance(fixtureRoot = "src/test/wat")
class CoredumpSuite {}
