package dev.coroner.coredump;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.function.LongConsumer;
import org.quicktheories.generators.Generate;

/**
 * Counts the examples a QuickTheories property really ran (QuickTheories may run a few fewer than
 * requested), fails below {@link #MINIMUM}, and prints the count so it appears in the test output
 * and the Surefire report.
 */
final class ExampleCount {

  static final int MINIMUM = 1000;

  private final String property;
  private int ran;

  ExampleCount(String property) {
    this.property = property;
  }

  /** Called once per example, from inside the property. */
  void tick() {
    ran++;
  }

  /** Asserts that at least {@link #MINIMUM} examples ran and reports how many. */
  void verify() {
    assertTrue(ran >= MINIMUM, property + " ran only " + ran + " examples, fewer than " + MINIMUM);
    System.out.println("[property] " + property + ": " + ran + " examples");
  }

  /**
   * Checks {@code property} for {@code examples} random seeds (the full long range), counting the
   * examples that ran and verifying the count, as {@link #verify()} does.
   */
  static void forAllSeeds(String property, int examples, LongConsumer check) {
    ExampleCount ran = new ExampleCount(property);
    qt().withExamples(examples)
        .forAll(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
        .checkAssert(seed -> {
          ran.tick();
          check.accept(seed);
        });
    ran.verify();
  }
}
