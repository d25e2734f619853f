package dev.coroner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.Frame;
import dev.coroner.symbols.LlvmExpectations;
import dev.coroner.symbols.SourceLocation;
import dev.coroner.symbols.TestModules;
import dev.coroner.wasi.ProgramSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source lines of {@code coroner run} and {@code coroner inspect} for the crash of every
 * program fixture that traps, checked frame by frame against what llvm-symbolizer-22 says is at
 * the frame's address (the program's stored {@code .llvm-symbolizer.gz}, made by LLVM, nothing
 * from Coroner).
 */
class SourceBacktraceOutputTest {

  @TempDir Path tmp;

  private static int framesChecked;

  @TestFactory
  Stream<DynamicTest> runAndInspectPrintLlvmSymbolizersLocationsForEveryFrame() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (ProgramSpec spec : ProgramSpec.loadAll(Cli.repo().resolve("programs"))) {
      if (spec.expect().trap().isPresent()) {
        tests.add(DynamicTest.dynamicTest(spec.id(), () -> check(spec)));
      }
    }
    assertTrue(tests.size() >= 10, "program fixtures that trap: " + tests.size());
    return tests.stream();
  }

  private void check(ProgramSpec spec) throws Exception {
    Path out = tmp.resolve(spec.id().replace('/', '_'));
    List<Object> args = new ArrayList<>(List.of("run", spec.wasm(), "--reproducible", "--out",
        out));
    for (Map.Entry<String, Path> dir : spec.dirs().entrySet()) {
      args.add("--dir");
      args.add(spec.folder().resolve(dir.getValue()) + "::" + dir.getKey());
    }
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      args.add("--env");
      args.add(e.getKey() + "=" + e.getValue());
    }
    args.add("--");
    args.addAll(spec.args());
    Cli.Result run;
    try (Programs.Io io = new Programs.Io(spec.stdin())) {
      run = Cli.run(args.toArray());
    }
    assertEquals(134, run.exit(), run::toString);
    Path core = out.resolve(spec.programName() + ".core");
    CoreDump dump = CoreDumpDecoder.decode(Files.readAllBytes(core));
    LlvmExpectations llvm = LlvmExpectations.read(LlvmExpectations.of(spec.wasm()));

    // run (a WASI program reports on stderr), at most RunCommand.MAX_FRAMES frames
    boolean c = Files.exists(spec.wasm().resolveSibling(
        spec.programName().replaceFirst("\\.wasm$", ".c")));
    int checked =
        assertFrames(run.err(), dump, llvm, c, RunCommand.MAX_FRAMES, run.toString());
    Cli.Result inspect = Cli.run("inspect", core, "--wasm", spec.wasm());
    assertEquals(0, inspect.exit(), inspect::toString);
    assertEquals("", inspect.err(), "no warnings for a program's own module");
    String backtrace = inspect.out().substring(inspect.out().indexOf("backtrace of thread 0"));
    checked += assertFrames(backtrace, dump, llvm, c, Integer.MAX_VALUE, inspect.toString());
    synchronized (SourceBacktraceOutputTest.class) {
      framesChecked += checked;
    }
    System.out.printf("[source lines] %s: %d frames of run and inspect checked against"
        + " llvm-symbolizer (%d so far)%n", spec.id(), checked, framesChecked);
  }

  @Test
  void theExportCallFormPrintsTheSameSourceLinesOnStdout() throws Exception {
    Path wasm = Programs.wasm("divide-by-zero");
    Cli.Result r;
    try (Programs.Io io = new Programs.Io("")) {
      r = Cli.run("run", wasm, "--invoke", "_start", "--out", tmp);
    }
    assertEquals(0, r.exit(), r::toString);
    CoreDump dump = CoreDumpDecoder.decode(Files.readAllBytes(tmp.resolve("divide-by-zero.wasm.core")));
    LlvmExpectations llvm = LlvmExpectations.read(LlvmExpectations.of(wasm));
    assertFrames(r.out(), dump, llvm, true, RunCommand.MAX_FRAMES, r.toString());
    // the crash of the issue's kind: an inlined helper, written out in full
    Frame top = dump.threads().get(0).frames().get(0);
    List<SourceLocation> chain = llvm.at(top.functionIndex(), top.codeOffset()).orElseThrow();
    assertEquals(2, chain.size(), "average inlined into report");
    assertTrue(r.out().contains("  #0 " + sourceForm(chain) + "\n"), r::toString);
  }

  @Test
  void corruptDwarfIsOneWarningNamingSectionAndOffsetAndTheBacktraceStillPrints()
      throws Exception {
    byte[] module = Files.readAllBytes(Programs.wasm("divide-by-zero"));
    // the first unit's version (2 bytes after its 4-byte length) becomes 6
    int info = TestModules.customSections(module).get(".debug_info")[0];
    module[info + 4] = 6;
    module[info + 5] = 0;
    Path bad = tmp.resolve("divide-by-zero.wasm");
    Files.write(bad, module);
    Cli.Result run;
    try (Programs.Io io = new Programs.Io("")) {
      run = Cli.run("run", bad, "--out", tmp);
    }
    assertEquals(134, run.exit(), "the program still runs and traps\n" + run);
    CoreDump dump = CoreDumpDecoder.decode(Files.readAllBytes(tmp.resolve("divide-by-zero.wasm.core")));
    String warning = "warning: module " + dump.modules().get(0) + ": cannot read its debugging"
        + " information, frames show function index and offset: .debug_info: unsupported DWARF"
        + " version 6 (this reader knows 2 to 5) (at offset 0x4 in .debug_info, 0x"
        + Integer.toHexString(info + 4) + " in the module)";
    assertEquals(List.of(warning), warnings(run.err()), run::toString);
    assertNameForms(run.err(), dump, RunCommand.MAX_FRAMES, run.toString());

    Cli.Result inspect = Cli.run("inspect", tmp.resolve("divide-by-zero.wasm.core"), "--wasm", bad);
    assertEquals(0, inspect.exit(), inspect::toString);
    assertEquals(warning + "\n", inspect.err());
    assertNameForms(inspect.out(), dump, Integer.MAX_VALUE, inspect.toString());
  }

  @Test
  void aModuleWithoutDwarfKeepsTheNameSectionForm() throws Exception {
    Path wasm = Programs.wasm("divide-by-zero");
    Path out = tmp.resolve("dumps");
    try (Programs.Io io = new Programs.Io("")) {
      assertEquals(134, Cli.run("run", wasm, "--out", out).exit());
    }
    Path core = out.resolve("divide-by-zero.wasm.core");
    Path stripped = tmp.resolve("stripped.wasm");
    Files.write(stripped, withoutDebugSections(Files.readAllBytes(wasm)));
    Cli.Result r = Cli.run("inspect", core, "--wasm", stripped);
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.err(), "no DWARF is no warning");
    CoreDump dump = CoreDumpDecoder.decode(Files.readAllBytes(core));
    assertNameForms(r.out(), dump, Integer.MAX_VALUE, r.toString());
    // names from the name section (divide-by-zero.c's report; main is __original_main there)
    assertTrue(r.out().contains("  #0 " + dump.modules().get(0) + ".report (func "), r::toString);
    assertTrue(r.out().contains("  #1 " + dump.modules().get(0) + ".__original_main (func "),
        r::toString);
  }

  private static List<String> warnings(String text) {
    return text.lines().filter(l -> l.startsWith("warning:")).toList();
  }

  /** Every shown frame in the name-section form: no source location, no wasm: line. */
  private static void assertNameForms(String text, CoreDump dump, int maxFrames,
      String context) {
    List<String> lines = text.lines().toList();
    List<Frame> frames = dump.threads().get(0).frames();
    for (int i = 0; i < Math.min(frames.size(), maxFrames); i++) {
      Frame f = frames.get(i);
      int at = headline(lines, i, "frame #" + i + "\n" + context);
      String head = lines.get(at);
      assertTrue(head.endsWith("(func " + f.functionIndex() + ") offset 0x"
          + Integer.toHexString(f.codeOffset())), head + "\n" + context);
      assertFalse(head.contains(" at "), head);
      assertFalse(lines.get(at + 1).trim().startsWith("wasm:"), context);
    }
  }

  /** {@code module} without its {@code .debug_*} custom sections. */
  private static byte[] withoutDebugSections(byte[] module) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(module, 0, 8);
    int pos = 8;
    while (pos < module.length) {
      int start = pos;
      int id = module[pos++];
      long size = 0;
      for (int shift = 0; ; shift += 7) {
        int b = module[pos++] & 0xff;
        size |= (long) (b & 0x7f) << shift;
        if (b < 0x80) {
          break;
        }
      }
      int end = pos + (int) size;
      boolean debug = false;
      if (id == 0) {
        int nameLength = 0;
        int p = pos;
        for (int shift = 0; ; shift += 7) {
          int b = module[p++] & 0xff;
          nameLength |= (b & 0x7f) << shift;
          if (b < 0x80) {
            break;
          }
        }
        debug = new String(module, p, nameLength, StandardCharsets.UTF_8)
            .startsWith(".debug_");
      }
      if (!debug) {
        out.write(module, start, end - start);
      }
      pos = end;
    }
    return out.toByteArray();
  }

  /**
   * Checks every frame headline of {@code text} against LLVM's chain at the frame's address;
   * returns how many frames were checked.
   *
   * @param c whether the program is written in C, whose names Coroner shows as LLVM does
   */
  private static int assertFrames(String text, CoreDump dump, LlvmExpectations llvm, boolean c,
      int maxFrames, String context) {
    List<String> lines = text.lines().toList();
    List<Frame> frames = dump.threads().get(0).frames();
    int shown = Math.min(frames.size(), maxFrames);
    int withSource = 0;
    for (int i = 0; i < shown; i++) {
      Frame f = frames.get(i);
      String where = "frame #" + i + " (func " + f.functionIndex() + " offset 0x"
          + Integer.toHexString(f.codeOffset()) + ")\n" + context;
      int at = headline(lines, i, where);
      String head = lines.get(at);
      String wasmForm = "(func " + f.functionIndex() + ") offset 0x"
          + Integer.toHexString(f.codeOffset());
      Optional<List<SourceLocation>> expected = llvm.at(f.functionIndex(), f.codeOffset());
      assertTrue(expected.isPresent(), "no instruction starts at " + where);
      List<SourceLocation> chain = expected.get();
      if (chain.isEmpty()) {
        assertTrue(head.endsWith(wasmForm), "the name-section form for " + where);
        assertFalse(lines.get(at + 1).trim().startsWith("wasm:"), where);
        continue;
      }
      withSource++;
      assertTrue(lines.get(at + 1).startsWith("       wasm:   ")
          && lines.get(at + 1).endsWith(wasmForm), "the wasm: line of " + where);
      if (c && plainC(chain)) {
        assertEquals("  #" + i + " " + sourceForm(chain), head, where);
        continue;
      }
      // C++ and Rust: Coroner qualifies the name LLVM gives (geo::Rect::area for area), so each
      // frame of the chain must appear, in order, as "... NAME at FILE:LINE:COLUMN".
      int from = 0;
      for (SourceLocation l : chain) {
        String part = l.function() + " at " + position(l);
        int found = head.indexOf(part, from);
        assertTrue(found >= 0, "'" + part + "' in " + head + "\n" + where);
        from = found + part.length();
      }
      assertEquals(chain.size() - 1, head.split("inlined into ", -1).length - 1, where);
    }
    assertTrue(withSource > 0, "no frame with a source location\n" + context);
    if (frames.size() > maxFrames) {
      assertTrue(text.contains("... " + (frames.size() - maxFrames) + " older frames not shown"),
          context);
    }
    return shown;
  }

  private static int headline(List<String> lines, int number, String where) {
    String prefix = "  #" + number + " ";
    for (int j = 0; j < lines.size(); j++) {
      if (lines.get(j).startsWith(prefix)) {
        return j;
      }
    }
    fail("no line for " + where);
    return -1;
  }

  /** Every frame has a name and no linkage name of its own (C: not C++ in a C program). */
  private static boolean plainC(List<SourceLocation> chain) {
    for (SourceLocation l : chain) {
      if (l.function().isEmpty() || !l.linkageName().equals(l.function())) {
        return false;
      }
    }
    return true;
  }

  /** The issue's form: {@code f at a.c:1:2 (inlined into g at a.c:3:4, inlined into ...)}. */
  private static String sourceForm(List<SourceLocation> chain) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < chain.size(); i++) {
      SourceLocation l = chain.get(i);
      s.append(i == 0 ? "" : i == 1 ? " (inlined into " : ", inlined into ")
          .append(l.function()).append(" at ").append(position(l));
    }
    return s.append(chain.size() > 1 ? ")" : "").toString();
  }

  /** LLVM's file without the {@code ./} segments of -fdebug-prefix-map, line and column if known. */
  private static String position(SourceLocation l) {
    String file = l.file();
    while (file.startsWith("./")) {
      file = file.substring(2);
    }
    while (file.contains("/./")) {
      file = file.replace("/./", "/");
    }
    StringBuilder s = new StringBuilder(file.isEmpty() ? "??" : file);
    if (l.line() != 0) {
      s.append(':').append(l.line());
      if (l.column() != 0) {
        s.append(':').append(l.column());
      }
    }
    return s.toString();
  }
}
