package dev.coroner.debugserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Fixture;
import dev.coroner.wasi.ProgramResult;
import dev.coroner.wasi.ProgramRunner;
import dev.coroner.wasi.ProgramSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real {@code lldb-22} against the server, on coredumps of crashed C programs and on the
 * two-module golden. Every expected value comes from the dump and the recorded DWARF facts
 * ({@link Expected}), never from LLDB's own output.
 *
 * <p>Test data: {@code src/test/resources/programs/} (C sources, their wasm32 builds at -O0 and
 * -O1, the dumps Coroner's interpreter wrote when they trapped, and llvm-dwarfdump output; rebuilt
 * by {@code build.sh}), and one of the repository's program fixtures ({@code
 * programs/assert-fail}, WASI), run to its crash and described by {@code llvm-dwarfdump-22} at test
 * time. To test another program, add a {@link Program} with its variables.
 */
class LldbTest {

  /**
   * A crashed C program: files {@code NAME.wasm}, {@code NAME.wasm.core} and {@code
   * NAME.dwarfdump.txt} in {@link #programs()}.
   *
   * @param source the C file whose youngest frame is the "youngest user frame"
   * @param trap what the stop reason must say (the program's documented crash)
   * @param youngest variables to check in the youngest user frame ({@code v}, {@code p->m})
   * @param caller variables to check in its caller ({@code v}, {@code s.m})
   * @param heapPointer a pointer variable of the youngest user frame whose target is read
   */
  record Program(
      String name, String source, String trap, List<String> youngest, List<String> caller,
      String heapPointer) {}

  private static final List<String> INVENTORY_YOUNGEST = List.of(
      "it", "st", "per_unit", "it->id", "it->count", "it->weight", "it->next", "st->items",
      "st->total_weight");
  private static final List<String> INVENTORY_CALLER =
      List.of("head", "limit", "seen", "it", "st.items", "st.total_weight");

  static final Program INVENTORY_O0 = new Program(
      "inventory-O0", "inventory.c", "trap: integer divide by zero", INVENTORY_YOUNGEST,
      INVENTORY_CALLER, "it");
  static final Program INVENTORY_O1 = new Program(
      "inventory-O1", "inventory.c", "trap: integer divide by zero", INVENTORY_YOUNGEST,
      INVENTORY_CALLER, "it");

  /**
   * A program fixture of {@code programs/} (WASI, C at -O0, with wasi-libc's DWARF): a failed
   * {@code assert} in {@code restock} aborts, so the youngest user frame is frame 2, below libc's
   * {@code abort} and {@code __assert_fail}.
   */
  static final Program ASSERT_FAIL = new Program(
      "assert-fail", "assert-fail.c", "trap: unreachable",
      List.of("inv", "threshold", "it", "it->count", "it->next", "inv->head", "inv->items",
          "inv->total"),
      List.of("nuts", "inv.head", "inv.items", "inv.total"), "it");

  @TempDir Path tmp;

  static Path repo() {
    return Path.of(System.getProperty("coroner.repoRoot", "..")).toAbsolutePath().normalize();
  }

  static Path programs() {
    return repo().resolve("debugserver/src/test/resources/programs");
  }

  @Test
  void showsBacktraceVariablesMemoryAndPcOfAProgramBuiltAtO0() throws Exception {
    checkProgram(INVENTORY_O0);
  }

  @Test
  void showsBacktraceVariablesMemoryAndPcOfAProgramBuiltAtO1() throws Exception {
    checkProgram(INVENTORY_O1);
  }

  /**
   * A program fixture, run to its crash now by the WASI runner (as {@code ./coroner run
   * programs/assert-fail/assert-fail.wasm} does), its dump served to LLDB. Expected values come
   * from {@code llvm-dwarfdump-22} run on the committed module now, and from the dump.
   */
  @Test
  void showsBacktraceVariablesMemoryAndPcOfAProgramFixtureRunToItsCrash() throws Exception {
    Path lldb = Lldb.require();
    Path dwarfdump = Lldb.requireTool("llvm-dwarfdump-22", "llvm-22");
    Path root = repo().resolve("programs");
    ProgramSpec spec = ProgramSpec.load(root, "assert-fail/assert-fail.run.json");
    ProgramResult result = ProgramRunner.run(spec);
    CoreDump dump = result.coreDump()
        .orElseThrow(() -> new AssertionError(spec + " did not trap: " + result.outcome()));
    // Where the conformance suite has the program's golden, this is that dump, byte for byte.
    Path golden = repo().resolve(
        "conformance-suite/golden/programs/assert-fail/assert-fail.run.json/trap.core");
    if (Files.isRegularFile(golden)) {
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(golden),
          result.coredumpBytes().orElseThrow()), "the run's dump differs from " + golden);
    }
    Path facts = tmp.resolve("assert-fail.dwarfdump.txt");
    Files.writeString(facts, Lldb.output(List.of(dwarfdump.toString(), "--debug-info",
        "--debug-line", spec.wasm().toString())));
    Expected e = new Expected(DwarfFacts.read(facts), dump,
        new WasmLayout(Files.readAllBytes(spec.wasm())));
    // The crash the fixture documents: libc's abort, __assert_fail, then restock and main.
    assertEquals(2, youngestUserFrame(e, dump, ASSERT_FAIL.source()));
    assertEquals(Optional.of("restock"), e.function(2).name());
    assertEquals(Optional.of("main"), e.function(3).name());
    check(lldb, ASSERT_FAIL, spec.wasm(), dump, e, spec.folder());
    List<String> checked = new ArrayList<>();
    ASSERT_FAIL.youngest().forEach(v -> checked.add(e.line(2, v)));
    ASSERT_FAIL.caller().forEach(v -> checked.add(e.line(3, v)));
    System.out.println("[LldbTest] programs/assert-fail: " + dump.threads().get(0).frames().size()
        + " frames checked in bt; frame variable as llvm-dwarfdump-22 and the dump predict: "
        + String.join("; ", checked));
  }

  @Test
  void aDumpWithoutLocalsShowsTheBacktraceAndVariablesAsUnavailable() throws Exception {
    Path lldb = Lldb.require();
    Program program = INVENTORY_O0;
    Path wasm = programs().resolve(program.name() + ".wasm");
    CoreDump full = dump(program);
    // Wasmtime's shape: every frame's locals and operand stack are empty vectors.
    List<CoreStack> threads = new ArrayList<>();
    for (CoreStack t : full.threads()) {
      List<Frame> frames = new ArrayList<>();
      for (Frame f : t.frames()) {
        frames.add(new Frame(f.instanceIndex(), f.functionIndex(), f.codeOffset(), List.of(),
            List.of()));
      }
      threads.add(new CoreStack(t.threadName(), frames));
    }
    CoreDump empty = new CoreDump(full.processName(), full.modules(), full.instances(),
        full.memories(), full.globals(), threads);
    Expected e = expected(program, empty);
    int user = youngestUserFrame(e, empty, program.source());
    List<String> commands = new ArrayList<>(List.of(connect(0), "bt", "frame select " + user));
    List<String> names = List.of("it", "st", "per_unit");
    names.forEach(n -> commands.add("frame variable " + n));
    commands.add("frame select " + (user + 1));
    List<String> callerNames = List.of("head", "limit", "seen");
    callerNames.forEach(n -> commands.add("frame variable " + n));
    commands.add("detach");

    Lldb.Transcript t = serve(lldb, empty, List.of(wasm), commands);

    assertTrue(t.output(commands.get(0)).contains(
        "stop reason = trap: integer divide by zero or integer overflow (i32.div_s)"), t::text);
    checkBacktrace(t, e, empty, program.name() + ".wasm");
    for (String n : names) {
      assertShownUnavailable(t.output("frame variable " + n, 0), e.line(user, n), t);
    }
    for (String n : callerNames) {
      assertShownUnavailable(t.output("frame variable " + n, 0), e.line(user + 1, n), t);
    }
  }

  @Test
  void twoModulesAreBothListedWithAFrameInEach() throws Exception {
    Path lldb = Lldb.require();
    Path[] modules = modules204();
    CoreDump dump = golden204();
    List<String> commands = List.of(
        connect(0), "bt", "image list", "memory read -c 16 0x10", "memory read -c 16 0x100000020",
        "detach");
    // Given in the opposite order: matched by the name sections' module names.
    Lldb.Transcript t = serve(lldb, dump, List.of(modules[1], modules[0]), commands);

    String bt = t.output("bt");
    // The fixture (wat/state/two-modules-204.wast): B.g calls A.f, which traps.
    assertTrue(Pattern.compile("frame #0: 0x4000000000000[0-9a-f]{3} a\\.wasm`f\\b").matcher(bt)
        .find(), bt);
    assertTrue(Pattern.compile("frame #1: 0x4000000100000[0-9a-f]{3} b\\.wasm`g\\b").matcher(bt)
        .find(), bt);
    String images = t.output("image list");
    assertTrue(images.contains(modules[0].toString()), images);
    assertTrue(images.contains(modules[1].toString()), images);
    assertTrue(t.output("memory read -c 16 0x10").contains(
        bytesLine(0x10, memoryOf(dump, 0).bytes(0x10, 16))), t::text);
    assertTrue(t.output("memory read -c 16 0x100000020").contains(
        bytesLine(0x100000020L, memoryOf(dump, 1).bytes(0x20, 16))), t::text);
  }

  @Test
  void anInstanceWhoseModuleWasNotGivenAppearsWithoutSymbols() throws Exception {
    Path lldb = Lldb.require();
    Path[] modules = modules204();
    CoreDump dump = golden204();
    List<String> commands = List.of(connect(0), "bt", "detach");
    Lldb.Transcript t = serve(lldb, dump, List.of(modules[0]), commands);

    String bt = t.output("bt");
    Frame b = dump.threads().get(0).frames().get(1);
    assertTrue(Pattern.compile("frame #0: 0x4000000000000[0-9a-f]{3} a\\.wasm`f\\b").matcher(bt)
        .find(), bt);
    // Without its module, a frame's address holds its instance and its own code offset.
    String frame1 = String.format("frame #1: 0x%016x", (1L << 62) | (1L << 32) | b.codeOffset());
    assertTrue(Pattern.compile(Pattern.quote(frame1) + "\\s*$", Pattern.MULTILINE).matcher(bt)
        .find(), bt);
  }

  /**
   * The dump has no value for the variable ({@code expected} says so), and LLDB shows none: LLDB 22
   * prints a failed {@code qWasmLocal} as "Unhandled opcode DW_OP_WASM_location", and a location
   * list without an entry for the address as "variable not available".
   */
  private static void assertShownUnavailable(String output, String expected, Lldb.Transcript t) {
    assertTrue(expected.endsWith(" = " + NOT_AVAILABLE), expected);
    String declaration = expected.substring(0, expected.indexOf(" = "));
    assertTrue(output.contains(declaration + " = " + NOT_AVAILABLE)
        || output.contains(declaration + " = " + NOT_READ), () -> expected + "\n" + t.text());
  }

  private static final String NOT_AVAILABLE = "<variable not available>";
  private static final String NOT_READ = "<Unhandled opcode DW_OP_WASM_location in DWARFExpression>";

  // ---- one program, all checks ----

  private void checkProgram(Program program) throws Exception {
    Path lldb = Lldb.require();
    Path wasm = programs().resolve(program.name() + ".wasm");
    CoreDump dump = dump(program);
    check(lldb, program, wasm, dump, expected(program, dump), programs());
  }

  /** Serves {@code dump} with {@code wasm} to LLDB, run in {@code sources}, and checks it all. */
  private void check(
      Path lldb, Program program, Path wasm, CoreDump dump, Expected e, Path sources)
      throws Exception {
    int user = youngestUserFrame(e, dump, program.source());
    long heap = e.pointer(user, program.heapPointer());
    String memoryRead = String.format("memory read -c 16 0x%x", heap);

    List<String> commands = new ArrayList<>(List.of(connect(0), "bt", "register read pc"));
    commands.add("frame select " + user);
    program.youngest().forEach(v -> commands.add("frame variable " + v));
    commands.add("frame select " + (user + 1));
    program.caller().forEach(v -> commands.add("frame variable " + v));
    commands.add(memoryRead);
    commands.add("detach");

    Lldb.Transcript t = serve(lldb, dump, List.of(wasm), commands, sources);

    assertTrue(t.output(commands.get(0)).contains("stop reason = " + program.trap()), t::text);
    checkBacktrace(t, e, dump, program.name() + ".wasm");
    assertTrue(t.output("register read pc").contains(String.format("pc = 0x%016x", e.pc0())),
        t::text);
    for (String v : program.youngest()) {
      String line = e.line(user, v);
      String out = t.output("frame variable " + v, 0);
      assertTrue(out.contains(line), () -> "expected " + line + "\n" + t.text());
    }
    for (String v : program.caller()) {
      String line = e.line(user + 1, v);
      // The second "frame variable v" if the youngest frame also checked v.
      String out = t.output("frame variable " + v, program.youngest().contains(v) ? 1 : 0);
      String name = v.split("->|\\.")[0];
      if (out.contains(line)) {
        continue;
      }
      // LLDB 22 reads the pc of every frame from the thread ('p0'), so it resolves location
      // lists of older frames at the youngest frame's address: such a variable may show as not
      // available, but never with another value.
      boolean lldbLimit = e.isLocationList(user + 1, name)
          && out.contains(line.substring(0, line.indexOf(" = ")) + " = <variable not available>");
      assertTrue(lldbLimit, () -> "expected " + line + "\n" + t.text());
    }
    assertTrue(t.output(memoryRead).contains(bytesLine(heap, e.memory(user, heap, 16))),
        t::text);
  }

  /** Every frame: function name and file:line[:column]; frame 0 also its exact pc. */
  private static void checkBacktrace(
      Lldb.Transcript t, Expected e, CoreDump dump, String module) {
    String bt = t.output("bt");
    int frames = dump.threads().get(0).frames().size();
    for (int k = 0; k < frames; k++) {
      String pc = k == 0 ? String.format("0x%016x", e.pc0()) : "0x[0-9a-f]{16}";
      Optional<DwarfFacts.Die> sub = e.subprogram(k);
      // A function without DWARF (a linker-made one such as _start.command_export): LLDB names
      // it from the name section, as symbol + offset, with no source position.
      Pattern p = sub.isEmpty()
          ? Pattern.compile("frame #" + k + ": " + pc + " " + Pattern.quote(module)
              + "`\\S+ \\+ \\d+$", Pattern.MULTILINE)
          : Pattern.compile("frame #" + k + ": " + pc + " " + Pattern.quote(module) + "`"
              + Pattern.quote(sub.get().name().orElseThrow()) + "(\\(.*\\))? at "
              + Pattern.quote(e.source(k)) + "$", Pattern.MULTILINE);
      assertTrue(p.matcher(bt).find(), () -> "expected " + p + "\n" + t.text());
    }
    assertEquals(frames, Pattern.compile("frame #\\d+: ").matcher(bt).results().count(), bt);
  }

  private Lldb.Transcript serve(Path lldb, CoreDump dump, List<Path> wasm, List<String> commands)
      throws Exception {
    return serve(lldb, dump, wasm, commands, programs());
  }

  private Lldb.Transcript serve(
      Path lldb, CoreDump dump, List<Path> wasm, List<String> commands, Path workdir)
      throws Exception {
    List<ModuleImage> images = new ArrayList<>();
    for (Path w : wasm) {
      images.add(ModuleImage.parse(w, Files.readAllBytes(w)));
    }
    CoreTarget target = CoreTarget.create(dump, ModuleMatching.match(dump.modules(), images));
    List<String> log = new ArrayList<>();
    try (DebugServer server = DebugServer.start(target, 0, line -> {
      synchronized (log) {
        log.add(line);
      }
    }, false)) {
      List<String> resolved = new ArrayList<>();
      for (String c : commands) {
        resolved.add(c.equals(connect(0)) ? connect(server.port()) : c);
      }
      Lldb.Transcript t = Lldb.run(lldb, workdir, resolved);
      assertTrue(server.awaitEnd(10, TimeUnit.SECONDS),
          () -> "the server did not end after LLDB detached\n" + t.text() + "\n" + log);
      // The connect command differs per run; file it under the placeholder.
      List<Lldb.Step> steps = new ArrayList<>();
      for (Lldb.Step s : t.steps()) {
        steps.add(s.command().startsWith("process connect")
            ? new Lldb.Step(connect(0), s.output()) : s);
      }
      return new Lldb.Transcript(t.text(), steps);
    }
  }

  private static String connect(int port) {
    return "process connect --plugin wasm connect://127.0.0.1:" + port;
  }

  /** LLDB's memory read line: address, then the bytes in hex. */
  private static String bytesLine(long address, byte[] bytes) {
    StringBuilder b = new StringBuilder(String.format("0x%08x: ", address));
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < bytes.length; i++) {
      b.append(i == 0 ? "" : " ").append(hex.toHexDigits(bytes[i]));
    }
    return b.toString();
  }

  private static int youngestUserFrame(Expected e, CoreDump dump, String source) {
    for (int k = 0; k < dump.threads().get(0).frames().size(); k++) {
      String file = e.subprogram(k).flatMap(d -> d.attribute("DW_AT_decl_file")).orElse("");
      if (file.endsWith(source + "\")")) {
        return k;
      }
    }
    throw new AssertionError("no frame in " + source);
  }

  private static CoreDump dump(Program program) throws Exception {
    return CoreDumpDecoder.decode(
        Files.readAllBytes(programs().resolve(program.name() + ".wasm.core")));
  }

  private static Expected expected(Program program, CoreDump dump) throws Exception {
    return new Expected(
        DwarfFacts.read(programs().resolve(program.name() + ".dwarfdump.txt")), dump,
        new WasmLayout(Files.readAllBytes(programs().resolve(program.name() + ".wasm"))));
  }

  private static CoreDump golden204() throws Exception {
    return CoreDumpDecoder.decode(Files.readAllBytes(
        repo().resolve("conformance-suite/golden/state/two-modules-204.wast/19.core")));
  }

  private static dev.coroner.coredump.MemoryContents memoryOf(CoreDump dump, int instance) {
    return dump.memories().get(dump.instances().get(instance).memories().get(0)).contents();
  }

  /** The #204 fixture's modules A and B as a.wasm and b.wasm. */
  private Path[] modules204() throws Exception {
    Fixture fixture = Fixture.load(repo().resolve("wat"), "state/two-modules-204.wast");
    Path[] out = {tmp.resolve("a.wasm"), tmp.resolve("b.wasm")};
    int i = 0;
    for (Command c : fixture.script().commands()) {
      if (c instanceof Command.ModuleCommand m) {
        Files.write(out[i++], m.module().bytes());
      }
    }
    return out;
  }
}
