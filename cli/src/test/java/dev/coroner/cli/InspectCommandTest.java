package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.coredump.NameSection;
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

  private static NameMatch.Given given(String label, String module, String function) {
    return new NameMatch.Given(
        label, new NameSection(Optional.ofNullable(module), Map.of(0, function), Map.of()));
  }

  @Test
  void modulesAreMatchedByNameThenByPosition() {
    NameMatch.Given first = given("first.wasm", null, "first");
    NameMatch.Given other = given("other.wasm", "other", "second");
    NameMatch.Given named = given("b.wasm", "B", "named");
    NameMatch.Result byName = NameMatch.match(List.of("A", "B"), List.of(first, named));
    assertEquals(List.of(first.names(), named.names()), byName.names());
    assertEquals(List.of(), byName.warnings());
    NameMatch.Result none = NameMatch.match(List.of("B", "C"), List.of(named));
    assertEquals(List.of(named.names(), NameSection.NONE), none.names());
    assertEquals(List.of(), none.warnings());
  }

  @Test
  void namesAppliedByPositionAgainstTheirModuleNameAreAWarning() {
    NameMatch.Given first = given("first.wasm", null, "first");
    NameMatch.Given other = given("other.wasm", "other", "second");
    NameMatch.Result r = NameMatch.match(List.of("A", "B"), List.of(first, other));
    assertEquals(List.of(first.names(), other.names()), r.names());
    assertEquals(
        List.of(
            "coredump module 1 is \"B\", but other.wasm calls its module \"other\" and no --wasm"
                + " module is named \"B\": using the names of other.wasm by position; they may be"
                + " wrong"),
        r.warnings());
  }

  @Test
  void aModuleThatNamesNothingIsAWarning() {
    // b.wasm is taken by name for module 0, so it is not used by position for module 1 too
    NameMatch.Given named = given("b.wasm", "B", "named");
    NameMatch.Given extra = given("x.wasm", "X", "x");
    NameMatch.Result r = NameMatch.match(List.of("B"), List.of(named, extra));
    assertEquals(List.of(named.names()), r.names());
    assertEquals(
        List.of("x.wasm (module \"X\") names no coredump module, by name or by position: its names"
            + " are not used"),
        r.warnings());
  }

  @Test
  void inspectPrintsTheWarningsOnStderr() throws Exception {
    Path x = Cli.wasm(tmp, "x.wasm", "(module $X (func $only unreachable))");
    Path[] wasm = modules204();
    Cli.Result r = Cli.run("inspect", GOLDEN, "--wasm", wasm[0], "--wasm", x);
    assertEquals(0, r.exit(), r::toString);
    assertEquals(
        "warning: coredump module 1 is \"B\", but " + x + " calls its module \"X\" and no --wasm"
            + " module is named \"B\": using the names of " + x + " by position; they may be"
            + " wrong\n",
        r.err());
    // x.wasm names only its function 0; frame #1 is function 1 of module B
    assertTrue(r.out().contains("#1 B func 1 offset 0x8"), r::toString);
  }

  @Test
  void aMalformedNameSectionIsAWarningWithItsOffset() throws Exception {
    // header, then custom section "name" (8: id, 9: size 7, 10: name) whose payload starts at 15
    // with subsection 1 and then subsection 0: out of order at 18
    Path bad = tmp.resolve("bad.wasm");
    Files.write(
        bad,
        new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 0, 12, 4, 'n', 'a', 'm', 'e', 1, 1, 0, 0, 2, 1, 'm'});
    Cli.Result r = Cli.run("inspect", GOLDEN, "--wasm", bad);
    assertEquals(0, r.exit(), r::toString);
    assertEquals(
        "warning: " + bad + ": name section not used: name subsection 0 out of order (after"
            + " subsection 1) (at offset 0x12)\n",
        r.err());
    assertTrue(r.out().contains("#0 A func 0 offset 0x8"), r::toString);
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
    assertTrue(
        junk.err().startsWith(random + ": not a WebAssembly module: not a Wasm binary: bad magic"),
        junk::toString);
  }

  @Test
  void missingFileIsAUsageError() {
    Path missing = tmp.resolve("missing.core");
    Cli.Result r = Cli.run("inspect", missing);
    assertEquals(2, r.exit(), r::toString);
    assertEquals(missing + ": no such file\n", r.err());
  }
}
