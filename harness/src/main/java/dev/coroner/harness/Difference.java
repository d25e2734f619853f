package dev.coroner.harness;

/**
 * One structural difference between two coredumps.
 *
 * @param section the coredump section it is in: {@code core}, {@code coremodules}, {@code
 *     coreinstances}, {@code memory}, {@code data}, {@code global} or {@code corestack}
 * @param location the field inside the section, e.g. {@code thread "main" / frame #1 / local 2}
 * @param expected the expected (golden) value, rendered
 * @param actual the actual value, rendered
 */
public record Difference(String section, String location, String expected, String actual) {

  @Override
  public String toString() {
    return section + ": " + location + ": expected " + expected + ", actual " + actual;
  }
}
