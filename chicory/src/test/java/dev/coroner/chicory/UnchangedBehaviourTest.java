package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import dev.coroner.fixtures.Fixture;
import dev.coroner.fixtures.Script;
import dev.coroner.fixtures.Wast;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The coredump machine must not change what Chicory does when nothing traps (nor, when something
 * does, which exception comes out): the same programs give the same results, leave the same
 * memories and globals, and trap with the same messages, with and without it. Checked on the
 * benchmark workloads, on every fixture, and on the WebAssembly 2.0 spec suite (without SIMD) when
 * it is present.
 */
class UnchangedBehaviourTest {

  private record Workload(String file, String export, long argument, long expected) {}

  /** The benchmark module's workloads, with the results wabt's interpreter gives for them. */
  private static final List<Workload> WORKLOADS =
      List.of(
          new Workload("fib.wat", "fib", 25, 75025L),
          new Workload("loop.wat", "loop", 1_000_000, 32782923569L),
          new Workload("sieve.wat", "sieve", 1_000_000, 78498L),
          new Workload("mandelbrot.wat", "mandelbrot", 64, 102880L),
          new Workload("workload.wasm", "run", 1, 3730045545L));

  @TestFactory
  Stream<DynamicTest> benchmarkWorkloadsGiveTheSameResultsAndMemories() {
    Path dir = Path.of(System.getProperty("coroner.benchmarkResources"));
    return WORKLOADS.stream().map(w -> DynamicTest.dynamicTest(w.file(), () -> {
      byte[] raw = Files.readAllBytes(dir.resolve(w.file()));
      byte[] wasm = w.file().endsWith(".wat")
          ? Wat2Wasm.parse(new String(raw, StandardCharsets.UTF_8)) : raw;
      Instance plain = Instance.builder(Parser.parse(wasm)).build();
      ChicoryCoredumps coredumps = ChicoryCoredumps.create(w.file());
      Instance observed = coredumps.instantiate(Instance.builder(coredumps.parse(wasm)));
      long a = plain.export(w.export()).apply(w.argument())[0];
      long b = observed.export(w.export()).apply(w.argument())[0];
      long mask = w.export().equals("loop") ? -1L : 0xFFFFFFFFL;
      assertEquals(w.expected(), a & mask, "plain Chicory's result");
      assertEquals(a, b, "result with the coredump machine");
      assertEquals(state(plain), state(observed), "memory and globals afterwards");
    }));
  }

  @Test
  void everyFixtureRunsAlikeWithAndWithoutTheMachine() throws Exception {
    Path root = Path.of(System.getProperty("coroner.fixtureRoot"));
    int commands = 0;
    for (String rel : Fixture.discover(root)) {
      Script script = Fixture.load(root, rel).script();
      ChicoryScriptRunner.Run plain =
          ChicoryScriptRunner.run(script, rel, ChicoryScriptRunner.Mode.FIXTURE_PLAIN);
      ChicoryScriptRunner.Run observed =
          ChicoryScriptRunner.run(script, rel, ChicoryScriptRunner.Mode.FIXTURE_COREDUMPS);
      assertAlike(rel, plain, observed);
      commands += plain.transcript().size();
    }
    System.out.println("[unchanged] fixtures: " + commands + " commands alike");
  }

  /** System property: {@code all} compares every non-SIMD spec script, not only {@link #SPEC_FILES}. */
  static final String SPEC_PROPERTY = "coroner.chicory.spec";

  /**
   * The spec scripts compared in an ordinary build (about 20 s): calls, indirect calls and tables,
   * traps and exhaustion, imports, linking and start functions, memory growth and bulk operations,
   * control flow, conversions. {@code -Dcoroner.chicory.spec=all} compares all 90 (about 100 s).
   */
  static final Set<String> SPEC_FILES =
      Set.of(
          "bulk.wast", "call.wast", "call_indirect.wast", "conversions.wast", "elem.wast",
          "fac.wast", "func_ptrs.wast", "global.wast", "if.wast", "imports.wast",
          "int_exprs.wast", "left-to-right.wast", "linking.wast", "loop.wast",
          "memory_grow.wast", "memory_trap.wast", "select.wast", "stack.wast", "start.wast",
          "traps.wast", "unreachable.wast", "unwind.wast");

  @TestFactory
  Stream<DynamicTest> specScriptsRunAlikeWithAndWithoutTheMachine() throws Exception {
    Path dir = suiteDir();
    if (!Files.isDirectory(dir)) {
      System.out.println("[unchanged] SKIPPED spec scripts: no suite at " + dir
          + " (set -Dcoroner.testsuite=<folder>)");
      assumeTrue(false, "no spec suite at " + dir);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) { // top level only: the simd/ folder is left out
      boolean all = "all".equals(System.getProperty(SPEC_PROPERTY));
      s.filter(p -> p.toString().endsWith(".wast"))
          .filter(p -> all || SPEC_FILES.contains(p.getFileName().toString()))
          .sorted()
          .forEach(files::add);
    }
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      Script script = Wast.convert(f);
      String name = f.getFileName().toString();
      ChicoryScriptRunner.Run plain =
          ChicoryScriptRunner.run(script, name, ChicoryScriptRunner.Mode.SCRIPT_PLAIN);
      // Each exhaustion dump of this file holds ~8,000 frames of ~1,000 locals (about 40 MB):
      // its state is taken, as always, but not assembled here, to keep the build short.
      boolean assemble = !name.equals("skip-stack-guard-page.wast");
      ChicoryScriptRunner.Run observed = ChicoryScriptRunner.run(
          script, name, ChicoryScriptRunner.Mode.SCRIPT_COREDUMPS, assemble);
      assertAlike(name, plain, observed);
    }));
  }

  /** Fails with the first lines that differ, rather than two whole transcripts. */
  private static void assertAlike(
      String name, ChicoryScriptRunner.Run plain, ChicoryScriptRunner.Run observed) {
    List<String> a = plain.transcript();
    List<String> b = observed.transcript();
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < Math.max(a.size(), b.size()) && differing.size() < 6; i++) {
      String x = i < a.size() ? a.get(i) : "(nothing)";
      String y = i < b.size() ? b.get(i) : "(nothing)";
      if (!x.equals(y)) {
        differing.add("plain:    " + x + "\n  observed: " + y);
      }
    }
    assertTrue(differing.isEmpty(), name + ": commands ran differently:\n  "
        + String.join("\n  ", differing));
    assertEquals(plain.finalState(), observed.finalState(), name + ": final state");
  }

  static Path suiteDir() {
    String configured = System.getProperty("coroner.testsuite");
    if (configured != null) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("coroner.testsuite.default", "../shared/testsuite/wasm-2.0"))
        .normalize();
  }

  private static String state(Instance i) {
    StringBuilder sb = new StringBuilder();
    Memory m = i.memory();
    if (m != null) {
      CRC32 crc = new CRC32();
      crc.update(m.readBytes(0, m.pages() * Memory.PAGE_SIZE));
      sb.append(m.pages()).append("p/").append(Long.toHexString(crc.getValue()));
    }
    for (int g = 0; g < i.globalCount(); g++) {
      sb.append(' ').append(Long.toHexString(i.global(g).getValue()));
    }
    return sb.toString();
  }
}
