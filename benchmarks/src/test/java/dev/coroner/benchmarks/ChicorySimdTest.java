package dev.coroner.benchmarks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Chicory 1.7.5's interpreter does not run the SIMD workload, which is why {@link SimdBenchmark}
 * has no Chicory column. When a Chicory upgrade makes this fail, give the row its comparison.
 */
class ChicorySimdTest {

  @Test
  void chicoryInterpreterRejectsTheSimdWorkload() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> Engine.chicory(Workload.SIMD).run());
    System.out.println("Chicory 1.7.5 on the SIMD workload: " + e.getMessage());
    assertTrue(String.valueOf(e.getMessage()).contains("V128"), e.getMessage());
  }
}
