package dev.coroner.interpreter;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints {@link TierStats#summary()} when a test run ends (registered as a JUnit Platform
 * listener), so that the compiler module's test log says how many functions ran compiled and why
 * the others stayed in the interpreter: the shutdown hook's print comes too late for the test
 * runner to show it.
 */
public final class TierStatsListener implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    System.out.println(TierStats.summary());
  }
}
