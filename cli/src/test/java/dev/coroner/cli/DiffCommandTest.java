package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

  private static final Path A = ValidateCommandTest.GOLDEN;

  @TempDir Path tmp;

  @Test
  void sameFileIsByteIdentical() throws Exception {
    Path copy = tmp.resolve("copy.core");
    Files.copy(A, copy);
    Cli.Result r = Cli.run("diff", A, copy);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("are byte-identical"), r::toString);
  }

  @Test
  void sameStateInAnotherEncodingIsStructurallyEqual() throws Exception {
    Path other = tmp.resolve("other.core");
    byte[] bytes = Files.readAllBytes(A);
    Files.write(other, ValidateCommandTest.withForeignSection(bytes));
    Cli.Result r = Cli.run("diff", A, other);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("structurally equal; only their encodings differ"), r::toString);
    assertTrue(r.out().contains("offset 0x" + Integer.toHexString(bytes.length)), r::toString);
  }

  @Test
  void differentDumpsListTheirDifferences() {
    Path b = Cli.golden("wat-form/start.wat/2.core");
    Cli.Result r = Cli.run("diff", A, b);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.out().contains(" differ ("), r::toString);
    assertTrue(r.out().contains("core: "), r::toString);
    assertTrue(r.out().contains("state/two-modules-204.wast"), r::toString);
  }

  @Test
  void unreadableInputIsAUsageError() {
    Path missing = tmp.resolve("missing.core");
    Cli.Result r = Cli.run("diff", A, missing);
    assertEquals(2, r.exit(), r::toString);
    assertEquals(missing + ": no such file\n", r.err());
    assertEquals(2, Cli.run("diff", A).exit());
  }

  /** As in validate and inspect: not a valid coredump is the answer "no" (exit 1). */
  @Test
  void invalidInputIsAFailureEvenWhenBothFilesAreTheSame() throws Exception {
    Path junk = tmp.resolve("junk.core");
    Files.write(junk, new byte[] {0, 'a', 's', 'm'});
    Cli.Result invalid = Cli.run("diff", junk, A);
    assertEquals(1, invalid.exit(), invalid::toString);
    assertEquals(
        junk + ": not a valid coredump: unexpected end of input while reading version (at offset"
            + " 0x4)\n",
        invalid.err());
    assertEquals(1, Cli.run("diff", junk, junk).exit());
  }
}
