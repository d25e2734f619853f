package dev.coroner.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Coroner computes every workload's expected result, with capture off and on (the expected values
 * were cross-checked with wabt's spectest-interp; each JMH set-up checks Chicory's result the same
 * way). No timing here: that is JMH's job.
 */
class WorkloadTest {

  @ParameterizedTest
  @EnumSource(Workload.class)
  void coronerComputesTheExpectedResult(Workload w) {
    long off = w.check(Engine.coroner(w, false).run(), "coroner");
    long on = w.check(Engine.coroner(w, true).run(), "coroner with capture");
    assertEquals(off, on);
  }
}
