package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

  private static final Path GOLDEN = Cli.golden("state/two-modules-204.wast/19.core");

  @TempDir Path tmp;

  /** Writes the two modules of the #204 fixture as a.wasm and b.wasm. */
  private Path[] modules204() throws Exception {
    Fixture fixture = Fixture.load(Cli.repo().resolve("wat"), "state/two-modules-204.wast");
    Path[] out = {tmp.resolve("a.wasm"), tmp.resolve("b.wasm")};
    int i = 0;
    for (Command c : fixture.script().commands()) {
      if (c instanceof Command.ModuleCommand m) {
        Files.write(out[i++], m.module().bytes());
      }
    }
    return out;
  }

  @Test
  void printsTheTextRenderingThenANamedBacktrace() throws Exception {
    Path[] wasm = modules204();
    // Given in the opposite order: matched by module name, not position.
    Cli.Result r = Cli.run("inspect", GOLDEN, "--wasm", wasm[1], "--wasm", wasm[0]);
    assertEquals(0, r.exit(), r::toString);
    String text = CoreDumpText.render(CoreDumpDecoder.decode(Files.readAllBytes(GOLDEN)));
    assertTrue(r.out().startsWith(text), r::toString);
    assertTrue(r.out().contains("#0 A.f (func 0) offset 0x8"), r::toString);
    assertTrue(r.out().contains("#1 B.g (func 1) offset 0x8"), r::toString);
  }

  @Test
  void withoutModulesFramesShowFunctionIndices() {
    Cli.Result r = Cli.run("inspect", GOLDEN);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("#0 A func 0 offset 0x8"), r::toString);
    assertTrue(r.out().contains("locals: l0=i32 42"), r::toString);
  }

  @Test
  void unnamedModulesAreMatchedByPosition() {
    NameSection first = new NameSection(Optional.empty(), Map.of(0, "first"), Map.of());
    NameSection second = new NameSection(Optional.of("other"), Map.of(0, "second"), Map.of());
    NameSection named = new NameSection(Optional.of("B"), Map.of(0, "named"), Map.of());
    assertEquals(
        List.of(first, named), Backtrace.match(List.of("A", "B"), List.of(first, named)));
    assertEquals(
        List.of(first, second), Backtrace.match(List.of("A", "B"), List.of(first, second)));
    assertEquals(
        List.of(named, NameSection.NONE), Backtrace.match(List.of("B", "C"), List.of(named)));
  }

  @Test
  void truncatedCoredumpNamesTheOffset() throws Exception {
    Path truncated = tmp.resolve("truncated.core");
    Files.write(truncated, Arrays.copyOf(Files.readAllBytes(GOLDEN), 40));
    Cli.Result r = Cli.run("inspect", truncated);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().startsWith(truncated + ": not a valid coredump: "), r::toString);
    assertTrue(r.err().matches("(?s).*\\(at offset 0x[0-9a-f]+\\)\\n"), r::toString);
  }

  @Test
  void aModuleIsNotACoredumpAndACoredumpIsNotAModule() throws Exception {
    Path[] wasm = modules204();
    Cli.Result r = Cli.run("inspect", wasm[0]);
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.err().contains("not a valid coredump"), r::toString);
    Path random = tmp.resolve("random.bin");
    Files.write(random, new byte[] {0x13, 0x37, 0x42, 0x00, 0x01, 0x02, 0x03, 0x04});
    Cli.Result junk = Cli.run("inspect", GOLDEN, "--wasm", random);
    assertEquals(1, junk.exit(), junk::toString);
    assertTrue(junk.err().startsWith(random + ": not a WebAssembly module"), junk::toString);
  }

  @Test
  void missingFileIsAUsageError() {
    Path missing = tmp.resolve("missing.core");
    Cli.Result r = Cli.run("inspect", missing);
    assertEquals(2, r.exit(), r::toString);
    assertEquals(missing + ": no such file\n", r.err());
  }
}
