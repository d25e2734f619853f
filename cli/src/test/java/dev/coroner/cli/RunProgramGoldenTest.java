package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.wasi.ProgramSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coroner run PROGRAM.wasm [--dir HOST::GUEST]... [--env NAME=VALUE]... -- ARGS...}, given
 * what each trapping program fixture's run spec gives the program, writes the dump that is its
 * reviewed golden ({@code conformance-suite/golden/programs/SPEC/trap.core}) byte for byte, after
 * the program's own output. One test per spec, named after it.
 *
 * <p>Only programs that read the clock or {@code random_get} need {@code --reproducible} for that
 * ({@link #READ_CLOCK_OR_RANDOM}); every other one gets the plain command line a user would type.
 */
class RunProgramGoldenTest {

  /** Specs whose program reads the clock or {@code random_get}: Rust's HashMap seeds from it. */
  private static final Set<String> READ_CLOCK_OR_RANDOM = Set.of("rust-ledger/rust-ledger.run.json");

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyTrappingProgramWritesItsGolden() throws Exception {
    List<ProgramSpec> traps = new ArrayList<>();
    for (ProgramSpec spec : ProgramSpec.loadAll(Cli.repo().resolve("programs"))) {
      if (spec.expect().trap().isPresent()) {
        traps.add(spec);
      }
    }
    assertFalse(traps.isEmpty(), "no trapping program fixture under programs/");
    return traps.stream().map(spec -> DynamicTest.dynamicTest(spec.id(), () -> check(spec)));
  }

  private void check(ProgramSpec spec) throws Exception {
    Path golden = Cli.golden("programs/" + spec.id() + "/trap.core");
    assertTrue(Files.isRegularFile(golden), "no golden " + golden);
    Path out = tmp.resolve(spec.id());
    List<Object> args = new ArrayList<>(List.of("run", spec.wasm()));
    for (Map.Entry<String, Path> d : spec.dirs().entrySet()) {
      args.add("--dir");
      args.add(d.getValue() + "::" + d.getKey());
    }
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      args.add("--env");
      args.add(e.getKey() + "=" + e.getValue());
    }
    if (READ_CLOCK_OR_RANDOM.contains(spec.id())) {
      args.add("--reproducible");
    }
    args.addAll(List.of("--out", out));
    if (!spec.args().isEmpty()) {
      args.add("--");
      args.addAll(spec.args());
    }
    Cli.Result r;
    String stdout;
    try (Programs.Io io = new Programs.Io(spec.stdin())) {
      r = Cli.run(args.toArray());
      stdout = io.out();
    }
    assertEquals(134, r.exit(), () -> "coroner " + args + "\n" + r);
    assertTrue(r.err().startsWith(spec.wasm() + ": trap: " + spec.expect().trap().get()),
        () -> "coroner " + args + "\n" + r);
    spec.expect().stdout().ifPresent(expected -> assertEquals(expected, stdout, "program stdout"));
    Path dump = out.resolve(spec.programName() + ".core");
    assertTrue(r.err().contains("wrote " + dump + " ("), r::toString);
    assertArrayEquals(Files.readAllBytes(golden), Files.readAllBytes(dump),
        "coroner " + args + " wrote " + dump + ", not the golden " + golden);
  }
}
