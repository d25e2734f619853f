package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random valid modules and arguments: the compiled tier and the interpreter agree on results,
 * traps and dump bytes.
 */
class DifferentialProperties {
  private static final int EXAMPLES = 1500;

  @Test
  void bothEnginesAgreeOnResultsTrapsAndDumps() {
    AtomicInteger examples = new AtomicInteger();
    AtomicInteger traps = new AtomicInteger();
    AtomicInteger simd = new AtomicInteger();
    AtomicInteger simdTraps = new AtomicInteger();
    qt().withExamples(EXAMPLES).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
      RandomModule m = RandomModule.of(seed);
      SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
      long[] args = RandomModule.arguments(r, m.runParams);
      Differential.Outcome i = Differential.run(
          Differential.config(StoreConfig.INTERPRETER), m.bytes, "run", args);
      Differential.Outcome c = Differential.run(
          Differential.config(CompiledTier.NAME), m.bytes, "run", args);
      assertEquals(i.describe(), c.describe(), "seed " + seed);
      assertArrayEquals(i.dump, c.dump, "dump bytes, seed " + seed);
      examples.incrementAndGet();
      if (i.trap != null) {
        traps.incrementAndGet();
        if (i.trap.contains("v128.")) {
          simdTraps.incrementAndGet();
        }
      }
      if (m.simdInstructions > 0) {
        simd.incrementAndGet();
      }
    });
    System.out.println("DifferentialProperties: " + examples + " examples (" + traps
        + " trapped, dumps compared byte for byte; " + simd + " with SIMD instructions, "
        + simdTraps + " trapped in a SIMD load or store)");
  }
}
