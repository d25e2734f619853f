package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Dialect;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.ModuleSections;
import dev.coroner.coredump.Value;
import dev.coroner.fixtures.json.Json;
import dev.coroner.harness.golden.GoldenLayout;
import dev.coroner.harness.kit.Kit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit round trip on the repository's own fixtures and goldens: {@code kit export}, then {@code
 * kit run} (Coroner's interpreter as a runtime that reads only the kit) and {@code kit score}: every
 * case exact. Then scorecards of altered dump sets: wrong (with the field named), missing, same
 * state and another producer's layout under {@code strict}; a Wasmtime-shaped set that passes under
 * {@code --profile wasmtime} and fails under {@code strict}.
 */
class KitCommandTest {

  @TempDir static Path tmp;

  private static Path kit;
  private static Path dumps;
  private static List<Kit.Entry> cases;
  private static Cli.Result runResult;

  @BeforeAll
  static void exportTheKitAndRunItInTheInterpreter() throws Exception {
    kit = tmp.resolve("kit");
    Path repo = Cli.repo();
    List<Object> args = new ArrayList<>(List.of("kit", "export", kit, "--fixtures",
        repo.resolve("wat"), "--goldens", repo.resolve("conformance-suite/golden")));
    if (Files.isDirectory(repo.resolve("conformance-suite/golden/programs"))) {
      // The program fixtures' goldens are there: their wasi-command cases too.
      args.addAll(List.of("--programs", repo.resolve("programs")));
    }
    Cli.Result export = Cli.run(args.toArray());
    assertEquals(0, export.exit(), export::toString);
    cases = Kit.read(kit).cases();
    System.out.println("[KitCommandTest] " + export.out().strip());
    dumps = tmp.resolve("dumps");
    runResult = Cli.run("kit", "run", kit, dumps);
  }

  @Test
  void theKitHasOneCasePerGoldenWithItsFiles() throws Exception {
    List<Path> goldens = GoldenLayout.at(Cli.golden("")).coreFiles();
    assertEquals(goldens.size(), cases.size(), "one case per golden coredump");
    for (Kit.Entry e : cases) {
      Path dir = kit.resolve(e.dir());
      for (String f : List.of("case.json", Kit.EXPECTED_CORE, Kit.EXPECTED_TEXT,
          Kit.EXPECTED_STATE)) {
        assertTrue(Files.isRegularFile(dir.resolve(f)), dir + "/" + f);
      }
      assertArrayEquals(
          Files.readAllBytes(Cli.golden(e.id().fixturePath() + "/" + e.id().key() + ".core")),
          Files.readAllBytes(dir.resolve(Kit.EXPECTED_CORE)));
    }
    assertTrue(Files.isRegularFile(kit.resolve("schema/case.schema.json")));
    Json.parse(Files.readString(kit.resolve("schema/case.schema.json")));
  }

  @Test
  void coronersOwnDumpsFromTheKitAloneAreAllExact() {
    assertEquals(0, runResult.exit(), runResult::toString);
    assertTrue(runResult.out().endsWith(cases.size() + " of " + cases.size() + " dumps written to "
        + dumps + "\n"), runResult::toString);
    Cli.Result r = Cli.run("kit", "score", kit, dumps);
    assertEquals(0, r.exit(), r::toString);
    for (Kit.Entry e : cases) {
      assertTrue(r.out().contains("\nexact               " + e.id() + "\n"), e.id() + "\n" + r);
    }
    assertTrue(r.out().contains("\n" + cases.size() + " cases: " + cases.size()
        + " exact, 0 same state, 0 allowed divergence, 0 wrong, 0 missing\n"), r::toString);
    assertTrue(r.out().endsWith("result: pass (nothing wrong or missing)\n"), r::toString);
    System.out.println("[KitCommandTest] Coroner's interpreter from the kit: "
        + r.out().lines().filter(l -> l.contains(" cases: ")).findFirst().orElseThrow());
  }

  /** Cases Chicory 1.7.5's interpreter cannot run: it has no SIMD and no 64-bit memories. */
  private static final List<String> NOT_RUNNABLE_IN_CHICORY =
      List.of("traps/oob-simd-lane-load.wast:18", "values/v128-locals-and-operands.wast:46",
          "wasm3/memory64-oob-above-4gib.wast:13", "wasm3/memory64-sparse-data.wast:15");

  /** Chicory's dumps after a return_call lose the tail-caller's caller: wrong under any profile. */
  private static final List<String> WRONG_IN_CHICORY =
      List.of("wasm3/mutual-tail-recursion.wast:19", "wasm3/tail-call-chain.wast:18");

  @Test
  void chicorysDumpsFromTheKitDivergeOnlyAsTheChicoryProfileAllowsBesidesItsMissingSimd() {
    Path chicory = tmp.resolve("chicory-dumps");
    Cli.Result run = Cli.run("kit", "run", kit, chicory, "--engine", "chicory");
    // The SIMD cases cannot run in Chicory's interpreter: run says so, names them, goes on.
    assertEquals(1, run.exit(), run::toString);
    for (String id : NOT_RUNNABLE_IN_CHICORY) {
      assertTrue((run.out() + run.err()).contains(id), id + "\n" + run);
    }
    assertTrue(Files.isRegularFile(chicory.resolve("traps/call-stack-exhausted.wast/7.core")),
        run::toString);
    Cli.Result r = Cli.run("kit", "score", kit, chicory, "--profile", "chicory");
    assertEquals(1, r.exit(), r::toString);
    assertLine(r.out(), "allowed divergence  traps/call-stack-exhausted.wast:7  CALL_DEPTH");
    int missing = NOT_RUNNABLE_IN_CHICORY.size();
    int wrong = WRONG_IN_CHICORY.size();
    assertTrue(r.out().contains("\n" + cases.size() + " cases: "
        + (cases.size() - 1 - missing - wrong) + " exact, 0 same state, 1 allowed divergence, "
        + wrong + " wrong, " + missing + " missing\n"), r::toString);
    for (String id : WRONG_IN_CHICORY) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("wrong") && l.contains(id)),
          id + "\n" + r);
    }
    for (String id : NOT_RUNNABLE_IN_CHICORY) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("missing") && l.contains(id)),
          id + "\n" + r);
    }
    Cli.Result strict = Cli.run("kit", "score", kit, chicory);
    assertEquals(1, strict.exit(), strict::toString);
    assertLinePrefix(strict.out(), "wrong               traps/call-stack-exhausted.wast:7  "
        + "corestack: thread 0 \"main\" frame count", "[allowed by profile chicory]");
    System.out.println("[KitCommandTest] Chicory from the kit, --profile chicory: "
        + r.out().lines().filter(l -> l.contains(" cases: ")).findFirst().orElseThrow());
  }

  @Test
  void alteredDumpsAreWrongMissingOrSameStateEachNamed() throws Exception {
    Path set = copyOfDumps("altered");
    Kit.Entry local = entry("state/two-modules-204.wast:19");
    alter(set, local, d -> withFrame0(d, f -> new Frame(f.instanceIndex(), f.functionIndex(),
        f.codeOffset(), List.of(Value.i32(43)), f.stack())));
    Kit.Entry memory = entry("state/sparse-memory.wast:" + firstLine("state/sparse-memory.wast"));
    alter(set, memory, d -> {
      Memory m = d.memories().get(0);
      byte[] bytes = new byte[(int) m.contents().size()];
      m.contents().read(0, bytes, 0, bytes.length);
      bytes[5] ^= 0x40;
      List<Memory> memories = new ArrayList<>(d.memories());
      memories.set(0, new Memory(m.minPages(), m.maxPages(), m.memory64(), m.shared(),
          MemoryContents.of(bytes)));
      return new CoreDump(d.processName(), d.modules(), d.instances(), memories, d.globals(),
          d.threads());
    });
    Kit.Entry missing = cases.get(0);
    Files.delete(set.resolve(missing.dump()));
    Kit.Entry truncated = cases.get(1);
    byte[] t = Files.readAllBytes(set.resolve(truncated.dump()));
    Files.write(set.resolve(truncated.dump()), Arrays.copyOf(t, t.length - 2));
    Kit.Entry wasmgdb = cases.get(2);
    Files.write(set.resolve(wasmgdb.dump()),
        CoreDumpEncoder.encode(decode(set.resolve(wasmgdb.dump())), Dialect.WASMGDB));
    Kit.Entry reordered = cases.get(3);
    Files.write(set.resolve(reordered.dump()),
        coreSectionLast(Files.readAllBytes(set.resolve(reordered.dump()))));
    Files.write(set.resolve("typo.core"), new byte[] {0});

    Path json = tmp.resolve("altered.json");
    Cli.Result r = Cli.run("kit", "score", kit, set, "--json", json);
    assertEquals(1, r.exit(), r::toString);
    String out = r.out();
    assertLine(out, "wrong               " + local.id()
        + "  corestack: thread 0 \"main\" / frame #0 local 0: expected i32:42, actual i32:43");
    assertLine(out, "wrong               " + memory.id() + "  data: memory 0 bytes [0x5, 0x6): ");
    assertLine(out, "missing             " + missing.id() + "  no " + set.resolve(missing.dump()));
    assertLine(out, "wrong               " + truncated.id() + "  file: not a valid coredump: ");
    assertLine(out, "wrong               " + wasmgdb.id() + "  corestack: uses the wasmgdb layout");
    assertLine(out, "same state          " + reordered.id() + "  SECTION_ORDER");
    int n = cases.size();
    assertTrue(out.contains("\n" + n + " cases: " + (n - 6) + " exact, 1 same state, 0 allowed"
        + " divergence, 4 wrong, 1 missing\n"), out);
    assertTrue(out.contains("note: 1 file under " + set + " named by no case: typo.core\n"), out);
    assertTrue(out.endsWith("result: FAIL (4 wrong, 1 missing)\n"), out);

    Json.Obj report = (Json.Obj) Json.parse(Files.readString(json));
    Json.Obj totals = (Json.Obj) report.members().get("totals");
    assertEquals("4", ((Json.Num) totals.members().get("wrong")).text());
    assertEquals("1", ((Json.Num) totals.members().get("missing")).text());
    System.out.println("[KitCommandTest] altered set: "
        + out.lines().filter(l -> l.contains(" cases: ")).findFirst().orElseThrow());
  }

  @Test
  void aWasmtimeShapedSetPassesUnderItsProfileAndFailsUnderStrict() throws Exception {
    Path set = copyOfDumps("wasmtime");
    int changed = 0;
    for (Kit.Entry e : cases) {
      Path file = set.resolve(e.dump());
      byte[] before = Files.readAllBytes(file);
      CoreDump d = wasmtimeShaped(decode(file));
      if (e.id().toString().equals("state/two-modules-204.wast:19")) {
        // Instance 1's memory left out and written as 0xFFFFFFFF.
        d = new CoreDump(d.processName(), d.modules(),
            List.of(d.instances().get(0), new Instance(1, List.of(Instance.ABSENT), List.of())),
            List.of(d.memories().get(0)), d.globals(), d.threads());
      }
      byte[] after = CoreDumpEncoder.encode(d);
      Files.write(file, after);
      if (!Arrays.equals(before, after)) {
        changed++;
      }
    }
    assertTrue(changed > cases.size() / 2, "most dumps change shape: " + changed);

    Cli.Result w = Cli.run("kit", "score", kit, set, "--profile", "wasmtime");
    assertEquals(0, w.exit(), w::toString);
    int n = cases.size();
    assertTrue(w.out().contains("\n" + n + " cases: " + (n - changed) + " exact, 0 same state, "
        + changed + " allowed divergence, 0 wrong, 0 missing\n"), w::toString);
    assertLinePrefix(w.out(), "allowed divergence  state/two-modules-204.wast:19  ",
        "ABSENT_INDEX");
    assertLinePrefix(w.out(), "allowed divergence  "
        + entry("state/instantiated-twice.wast:" + firstLine("state/instantiated-twice.wast"))
            .id() + "  ", "LAST_INSTANCE_FRAME");
    assertLinePrefix(w.out(), "allowed divergence  "
        + entry("state/globals-all-types.wast:" + firstLine("state/globals-all-types.wast"))
            .id() + "  ", "GLOBAL_MUTABILITY");
    assertTrue(w.out().contains("allowed divergences (cases): LOCALS_OMITTED "), w::toString);

    Cli.Result s = Cli.run("kit", "score", kit, set, "--profile", "strict");
    assertEquals(1, s.exit(), s::toString);
    assertTrue(s.out().contains("\n" + n + " cases: " + (n - changed) + " exact, 0 same state, "
        + "0 allowed divergence, " + changed + " wrong, 0 missing\n"), s::toString);
    long named = s.out().lines()
        // (a dump with nothing but operand stacks left out is also the chicory profile's)
        .filter(l -> l.startsWith("wrong ")
            && l.matches(".* \\[allowed by profile ([a-z]+, )*wasmtime(, [a-z]+)*\\]"))
        .count();
    assertEquals(changed, named, "every wrong case names its field and the profile allowing it");
    assertLine(s.out(), "wrong               state/two-modules-204.wast:19  coreinstances:"
        + " instance 1 memory indices: expected [1], actual [absent] (+");
    System.out.println("[KitCommandTest] Wasmtime-shaped set: wasmtime profile "
        + w.out().lines().filter(l -> l.contains(" cases: ")).findFirst().orElseThrow()
        + "; strict profile "
        + s.out().lines().filter(l -> l.contains(" cases: ")).findFirst().orElseThrow());
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    Cli.Result profile = Cli.run("kit", "score", kit, dumps, "--profile", "nope");
    assertEquals(2, profile.exit(), profile::toString);
    assertTrue(profile.err().contains("unknown profile \"nope\" (choose one of strict, wasmtime"),
        profile::toString);
    Cli.Result noKit = Cli.run("kit", "score", tmp.resolve("nothing"), dumps);
    assertEquals(2, noKit.exit(), noKit::toString);
    Cli.Result noDumps = Cli.run("kit", "score", kit, tmp.resolve("nothing"));
    assertEquals(2, noDumps.exit(), noDumps::toString);
    Path occupied = tmp.resolve("occupied");
    Files.createDirectories(occupied);
    Files.writeString(occupied.resolve("notes.txt"), "mine");
    Cli.Result export = Cli.run("kit", "export", occupied, "--fixtures",
        Cli.repo().resolve("wat"), "--goldens", Cli.golden(""));
    assertEquals(2, export.exit(), export::toString);
    assertTrue(export.err().contains("not empty and not a kit"), export::toString);
    assertEquals("mine", Files.readString(occupied.resolve("notes.txt")));
    Cli.Result none = Cli.run("kit");
    assertEquals(2, none.exit(), none::toString);
  }

  @Test
  void exportingOverAKitReplacesItAndAFailedExportLeavesItAlone() throws Exception {
    Path again = tmp.resolve("again");
    Path broken = tmp.resolve("broken-wat");
    Files.createDirectories(broken.resolve("traps"));
    Files.writeString(broken.resolve("traps/bad.wast"), "(module (func unreachable)\n");
    Cli.Result first = Cli.run("kit", "export", again, "--fixtures", Cli.repo().resolve("wat"),
        "--goldens", Cli.golden(""));
    assertEquals(0, first.exit(), first::toString);
    byte[] index = Files.readAllBytes(again.resolve("kit.json"));
    Cli.Result failed = Cli.run("kit", "export", again, "--fixtures", broken, "--goldens",
        Cli.golden(""));
    assertEquals(1, failed.exit(), failed::toString);
    assertTrue(failed.err().startsWith("coroner kit export: traps/bad.wast:"), failed::toString);
    assertArrayEquals(index, Files.readAllBytes(again.resolve("kit.json")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString())
          .filter(name -> name.contains(".export-")).toList(), "no temporary directory left");
    }
  }

  @Test
  void aMissingOrStaleGoldenStopsTheExportNamingTheCase() throws Exception {
    Path fixtures = tmp.resolve("own-wat");
    Path goldens = tmp.resolve("own-golden");
    Files.createDirectories(fixtures.resolve("state"));
    Files.copy(Cli.repo().resolve("wat/state/two-modules-204.wast"),
        fixtures.resolve("state/two-modules-204.wast"));
    Files.createDirectories(goldens);
    Cli.Result missing = Cli.run("kit", "export", tmp.resolve("k1"), "--fixtures", fixtures,
        "--goldens", goldens);
    assertEquals(1, missing.exit(), missing::toString);
    assertTrue(missing.err().startsWith("coroner kit export: state/two-modules-204.wast:19: no"
        + " golden "), missing::toString);
    assertTrue(missing.err().contains("bless the fixture first"), missing::toString);

    // Another fixture's golden in its place: its modules are not this fixture's.
    Path dir = goldens.resolve("state/two-modules-204.wast");
    Files.createDirectories(dir);
    String other = "state/instantiated-twice.wast/" + firstLine("state/instantiated-twice.wast");
    for (String suffix : List.of(".core", ".core.txt", ".state.json")) {
      Files.copy(Cli.golden(other + suffix), dir.resolve("19" + suffix));
    }
    Cli.Result stale = Cli.run("kit", "export", tmp.resolve("k2"), "--fixtures", fixtures,
        "--goldens", goldens);
    assertEquals(1, stale.exit(), stale::toString);
    assertTrue(stale.err().contains("the golden's modules are [<anonymous-module-0>, caller], but"
        + " replaying the fixture gives [A, B]; is the golden stale?"), stale::toString);
    assertTrue(!Files.exists(tmp.resolve("k2")), "nothing written");
  }

  private static void assertLine(String out, String prefix) {
    assertTrue(out.lines().anyMatch(l -> l.startsWith(prefix)), "no line starting with <"
        + prefix + "> in:\n" + out);
  }

  private static void assertLinePrefix(String out, String prefix, String contained) {
    assertTrue(out.lines().anyMatch(l -> l.startsWith(prefix) && l.contains(contained)),
        "no line starting with <" + prefix + "> naming " + contained + " in:\n" + out);
  }

  private static Kit.Entry entry(String id) {
    return cases.stream().filter(e -> e.id().toString().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no case " + id));
  }

  private static String firstLine(String fixture) {
    return cases.stream().filter(e -> e.id().fixturePath().equals(fixture)).findFirst()
        .orElseThrow(() -> new AssertionError("no case of " + fixture)).id().key();
  }

  private static CoreDump decode(Path file) throws Exception {
    return CoreDumpDecoder.decode(Files.readAllBytes(file));
  }

  private static void alter(Path set, Kit.Entry e, UnaryOperator<CoreDump> change)
      throws Exception {
    Path file = set.resolve(e.dump());
    Files.write(file, CoreDumpEncoder.encode(change.apply(decode(file))));
  }

  private static CoreDump withFrame0(CoreDump d, UnaryOperator<Frame> change) {
    CoreStack t = d.threads().get(0);
    List<Frame> frames = new ArrayList<>(t.frames());
    frames.set(0, change.apply(frames.get(0)));
    return new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(), d.globals(),
        List.of(new CoreStack(t.threadName(), frames)));
  }

  /**
   * What Wasmtime 14+ writes for the same trap: no locals or operand stacks, globals mutable (as
   * a fixture declares most of them), and every frame in the last instance of its module.
   */
  private static CoreDump wasmtimeShaped(CoreDump d) {
    List<Global> globals = new ArrayList<>();
    for (Global g : d.globals()) {
      globals.add(g.withMutable(true));
    }
    List<CoreStack> threads = new ArrayList<>();
    for (CoreStack t : d.threads()) {
      List<Frame> frames = new ArrayList<>();
      for (Frame f : t.frames()) {
        int module = d.instances().get(f.instanceIndex()).moduleIndex();
        int last = f.instanceIndex();
        for (int i = 0; i < d.instances().size(); i++) {
          if (d.instances().get(i).moduleIndex() == module) {
            last = i;
          }
        }
        frames.add(new Frame(last, f.functionIndex(), f.codeOffset(), List.of(), List.of()));
      }
      threads.add(new CoreStack(t.threadName(), frames));
    }
    return new CoreDump(d.processName(), d.modules(), d.instances(), d.memories(), globals,
        threads);
  }

  /** The same bytes with the first section (core) moved behind the others. */
  private static byte[] coreSectionLast(byte[] canonical) throws Exception {
    List<ModuleSections.Section> sections = ModuleSections.read(canonical);
    int start = sections.get(0).offset();
    int end = sections.get(1).offset();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(canonical, 0, start);
    out.write(canonical, end, canonical.length - end);
    out.write(canonical, start, end - start);
    return out.toByteArray();
  }

  private static Path copyOfDumps(String name) throws IOException {
    Path target = tmp.resolve(name);
    try (Stream<Path> files = Files.walk(dumps)) {
      for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
        Path to = target.resolve(dumps.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }
}
