package dev.coroner.symbols;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.function.LongConsumer;
import org.quicktheories.generators.Generate;

/**
 * Runs a QuickTheories property over random seeds, counts the examples that really ran, fails
 * below {@link #MINIMUM} and prints the count (as the coredump module's property tests do).
 */
final class ExampleCount {

  static final int MINIMUM = 1000;

  private ExampleCount() {}

  static void forAllSeeds(String property, int examples, LongConsumer check) {
    int[] ran = {0};
    qt().withExamples(examples)
        .forAll(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
        .checkAssert(seed -> {
          ran[0]++;
          check.accept(seed);
        });
    assertTrue(ran[0] >= MINIMUM,
        property + " ran only " + ran[0] + " examples, fewer than " + MINIMUM);
    System.out.println("[property] " + property + ": " + ran[0] + " examples");
  }
}
