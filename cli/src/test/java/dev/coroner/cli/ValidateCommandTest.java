package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  static final Path GOLDEN = Cli.golden("state/two-modules-204.wast/19.core");

  @TempDir Path tmp;

  /** {@code bytes} followed by a custom section named {@code x}: valid, but not canonical. */
  static byte[] withForeignSection(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes);
    out.writeBytes(new byte[] {0x00, 0x03, 0x01, 'x', 0x00});
    return out.toByteArray();
  }

  @Test
  void everyGoldenIsValidAndCanonical() throws Exception {
    List<Path> goldens;
    try (Stream<Path> walk = Files.walk(Cli.golden(""))) {
      goldens = walk.filter(p -> p.toString().endsWith(".core")).sorted()
          .collect(Collectors.toList());
    }
    assertTrue(goldens.size() > 10, "goldens found: " + goldens.size());
    Cli.Result r = Cli.run("validate", "--strict", Cli.golden(""));
    assertEquals(0, r.exit(), r::toString);
    for (Path g : goldens) {
      assertTrue(r.out().contains(g + ": ok (canonical)\n"), () -> g + "\n" + r);
    }
    assertTrue(r.out().endsWith(goldens.size() + " files checked\n"), r::toString);
  }

  @Test
  void truncatedFileIsInvalidWithItsOffset() throws Exception {
    Path truncated = tmp.resolve("t.core");
    byte[] bytes = Files.readAllBytes(GOLDEN);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
    Cli.Result r = Cli.run("validate", GOLDEN, truncated);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.out().contains(GOLDEN + ": ok (canonical)\n"), r::toString);
    assertTrue(r.out().matches("(?s).*\\Q" + truncated + ": invalid: \\E.*\\(at offset 0x[0-9a-f]+\\)\\n.*"),
        r::toString);
  }

  @Test
  void randomBytesAreInvalid() throws Exception {
    Path random = tmp.resolve("random.core");
    Files.write(random, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
    Cli.Result r = Cli.run("validate", random);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.out().startsWith(random + ": invalid: "), r::toString);
    assertTrue(r.out().contains("(at offset 0x0)"), r::toString);
  }

  @Test
  void nonCanonicalIsValidUnlessStrict() throws Exception {
    Path file = tmp.resolve("foreign.core");
    Files.write(file, withForeignSection(Files.readAllBytes(GOLDEN)));
    Cli.Result r = Cli.run("validate", file);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith(file + ": valid but not canonical: FOREIGN_SECTION"), r::toString);
    assertEquals(1, Cli.run("validate", "--strict", file).exit());
  }

  @Test
  void noFilesOrAMissingFileIsAUsageError() {
    Cli.Result none = Cli.run("validate");
    assertEquals(2, none.exit(), none::toString);
    assertTrue(none.err().contains("Missing required parameter"), none::toString);
    Path missing = tmp.resolve("missing.core");
    Cli.Result r = Cli.run("validate", missing, GOLDEN);
    assertEquals(2, r.exit(), r::toString);
    assertEquals(missing + ": no such file\n", r.err());
    assertTrue(r.out().contains(GOLDEN + ": ok (canonical)"), "the others are still checked");
  }

  /** Decision: a standard section a coredump does not use makes a file valid but not canonical. */
  @Test
  void aTypeSectionIsValidButNotCanonical() throws Exception {
    byte[] golden = Files.readAllBytes(GOLDEN);
    // core section first (its size byte at 9), then an empty type section, then the rest
    int afterCore = 10 + golden[9];
    Path file = tmp.resolve("typed.core");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(golden, 0, afterCore);
    out.writeBytes(new byte[] {0x01, 0x01, 0x00});
    out.write(golden, afterCore, golden.length - afterCore);
    Files.write(file, out.toByteArray());
    Cli.Result r = Cli.run("validate", file);
    assertEquals(0, r.exit(), r::toString);
    assertEquals(
        file + ": valid but not canonical: STANDARD_SECTION: 1 standard section a coredump does not"
            + " use (valid in a Wasm module, skipped): type at 0x" + Integer.toHexString(afterCore)
            + "\n",
        r.out());
    // inspect and diff read it the same way: a valid dump, the same state as the golden
    assertEquals(0, Cli.run("inspect", file).exit());
    Cli.Result diff = Cli.run("diff", GOLDEN, file);
    assertEquals(0, diff.exit(), diff::toString);
    assertTrue(diff.out().contains("structurally equal"), diff::toString);
  }
}
