package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {

  private static final Path GOLDEN = ValidateCommandTest.GOLDEN;

  @TempDir Path tmp;

  @Test
  void aCanonicalDumpConvertsToItselfWithoutNotes() throws Exception {
    Path out = tmp.resolve("same.core");
    Cli.Result r = Cli.run("convert", GOLDEN, out);
    assertEquals(0, r.exit(), r::toString);
    assertEquals(
        "read " + GOLDEN + ": the specification layout\n"
            + "wrote " + out + ": the specification layout, " + Files.size(GOLDEN) + " bytes\n",
        r.out());
    assertArrayEquals(Files.readAllBytes(GOLDEN), Files.readAllBytes(out));
  }

  @Test
  void toWasmgdbAndBackKeepsEverythingButTheOperandStacks() throws Exception {
    Path gdb = tmp.resolve("two.gdb");
    Cli.Result r = Cli.run("convert", GOLDEN, gdb, "--to", "wasmgdb");
    assertEquals(0, r.exit(), r::toString);
    // frame #1 of the #204 golden has one stack value (i32 1)
    assertTrue(
        r.out().endsWith(
            "  note: operand stacks dropped: wasmgdb reads no operand stack values (1 value in 1"
                + " frame)\n"),
        r::toString);
    Cli.Result v = Cli.run("validate", gdb);
    assertEquals(1, v.exit(), v::toString);
    assertTrue(v.out().contains("corestack uses the wasmgdb layout"), v::toString);
    Path back = tmp.resolve("back.core");
    Cli.Result b = Cli.run("convert", gdb, back);
    assertEquals(0, b.exit(), b::toString);
    assertTrue(b.out().startsWith("read " + gdb + ": the wasmgdb layout"), b::toString);
    Cli.Result diff = Cli.run("diff", GOLDEN, back);
    assertEquals(1, diff.exit(), diff::toString);
    assertTrue(diff.out().contains("(1 difference,"), diff::toString);
    assertTrue(diff.out().contains("stack count"), diff::toString);
  }

  @Test
  void anInvalidInputIsRefusedAndNothingIsWritten() throws Exception {
    Path junk = tmp.resolve("junk.core");
    Files.write(junk, new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
    Path out = tmp.resolve("out.core");
    Cli.Result r = Cli.run("convert", junk, out);
    assertEquals(1, r.exit(), r::toString);
    assertEquals(
        junk + ": not a valid coredump in any known layout: unsupported Wasm binary version"
            + " (expected 01 00 00 00) (at offset 0x4)\n",
        r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnknownLayoutOrAnUnwritableOutputIsAUsageError() throws Exception {
    Cli.Result layout = Cli.run("convert", GOLDEN, tmp.resolve("x.core"), "--to", "wasmtime");
    assertEquals(2, layout.exit(), layout::toString);
    assertTrue(layout.err().contains("expected one of [spec, wasmgdb]"), layout::toString);
    Path nowhere = tmp.resolve("no/such/dir/x.core");
    Cli.Result r = Cli.run("convert", GOLDEN, nowhere);
    assertEquals(2, r.exit(), r::toString);
    assertEquals(
        nowhere + ": cannot write: no such directory " + nowhere.getParent().toAbsolutePath() + "\n",
        r.err());
  }

  @Test
  void theFixedU32LayoutConvertsWithEveryUnknownNamed() throws Exception {
    // Written by the library's encoder in that layout: the CLI must find the layout by itself.
    Path in = tmp.resolve("fixed.core");
    Files.write(
        in,
        CoreDumpEncoder.encode(CoreDumpDecoder.decode(Files.readAllBytes(GOLDEN)), Dialect.FIXED_U32));
    Path out = tmp.resolve("spec.core");
    Cli.Result r = Cli.run("convert", in, out);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("  note: instance index unknown: written as 0 (2 frames; the"
        + " fixed-u32 layout has none)\n"), r::toString);
    assertTrue(r.out().contains("  note: operand stacks unknown (the fixed-u32 layout has none):"
        + " written empty\n"), r::toString);
    assertTrue(r.out().contains("  note: code offsets copied as written"), r::toString);
    assertEquals(0, Cli.run("validate", "--strict", out).exit());
  }
}
