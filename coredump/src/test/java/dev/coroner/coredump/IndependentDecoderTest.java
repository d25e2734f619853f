package dev.coroner.coredump;

import static dev.coroner.coredump.Bytes.custom;
import static dev.coroner.coredump.Bytes.file;
import static dev.coroner.coredump.Bytes.hex;
import static dev.coroner.coredump.Bytes.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential tests against decoders Coroner did not write: wabt's {@code wasm-objdump} (Debian
 * package {@code wabt}) and V8 ({@code node}). A coredump is a Wasm module, so both must read the
 * standard sections of every dump Coroner writes the way Coroner's decoder does, and agree with
 * its decisions on module structure.
 *
 * <p>Tests that run a tool are skipped, with the reason printed, when it is not installed. The
 * verdicts of both tools on the decision vectors are also committed below ({@link #DECISIONS}), so
 * Coroner's side of that comparison runs everywhere; where a tool is present, its live verdict is
 * checked against the committed one.
 */
class IndependentDecoderTest {

  @TempDir Path tmp;

  /** What a tool says of a vector: reads it as a module, or rejects it. */
  enum Verdict {
    MODULE,
    REJECTED
  }

  /**
   * A module-structure vector, the verdicts wasm-objdump 1.0.32 and V8 (Node 20) gave, recorded
   * when this test was written, and whether Coroner's decoder accepts it (valid, canonical or
   * not). Each vector holds a {@code core} section, so that it is a coredump for Coroner.
   */
  record Decision(String name, byte[] bytes, Verdict wabt, Verdict v8, boolean coroner) {}

  private static final byte[] CORE = custom("core", "00 01 70");

  static final List<Decision> DECISIONS =
      List.of(
          new Decision(
              "type section before the memory section", file(CORE, section(1, "00"), section(5, "00")),
              Verdict.MODULE, Verdict.MODULE, true),
          new Decision(
              "type section after the memory section", file(CORE, section(5, "00"), section(1, "00")),
              Verdict.REJECTED, Verdict.REJECTED, false),
          new Decision(
              "datacount section between global and data",
              file(CORE, section(6, "00"), section(12, "00"), section(11, "00")),
              Verdict.MODULE, Verdict.MODULE, true),
          new Decision(
              "two memory sections", file(CORE, section(5, "00"), section(5, "00")),
              Verdict.REJECTED, Verdict.REJECTED, false),
          new Decision(
              "unknown section id 14", file(CORE, section(14, "00")),
              Verdict.REJECTED, Verdict.REJECTED, false),
          new Decision(
              "section size past the end", file(CORE, hex("05 09 00")),
              Verdict.REJECTED, Verdict.REJECTED, false),
          new Decision(
              "custom section name that is not UTF-8", file(CORE, hex("00 03 02 c3 28")),
              Verdict.REJECTED, Verdict.REJECTED, false),
          new Decision(
              "section size as a five-byte LEB128", file(CORE, hex("05 81 80 80 80 00 00")),
              Verdict.MODULE, Verdict.MODULE, true));

  private static boolean installed(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void assumeInstalled(String tool, String... versionCommand) {
    if (!installed(versionCommand)) {
      String why = tool + " is not installed: this differential test is skipped";
      System.out.println("[differential] SKIPPED: " + why);
      assumeTrue(false, why);
    }
  }

  /** Runs {@code command}; returns exit code, stdout and stderr. */
  private static String[] run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).start();
    byte[][] out = new byte[2][];
    Thread err = new Thread(() -> {
      try {
        out[1] = p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        out[1] = e.toString().getBytes(StandardCharsets.UTF_8);
      }
    });
    err.start();
    out[0] = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
    err.join();
    return new String[] {
      Integer.toString(p.exitValue()),
      new String(out[0], StandardCharsets.UTF_8),
      new String(out[1], StandardCharsets.UTF_8)
    };
  }

  /** Dumps to compare: the small one and 200 random ones, with or without several memories. */
  private static List<CoreDump> dumps(boolean atMostOneMemory) {
    List<CoreDump> out = new ArrayList<>();
    out.add(Dumps.small());
    for (long seed = 0; out.size() < 201; seed++) {
      CoreDump d = RandomDumps.generate(seed, 1);
      if (!atMostOneMemory || d.memories().size() <= 1) {
        out.add(d);
      }
    }
    return out;
  }

  private List<Path> write(List<CoreDump> dumps) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < dumps.size(); i++) {
      Path f = tmp.resolve(String.format("d%03d.core", i));
      Files.write(f, CoreDumpEncoder.encode(dumps.get(i)));
      files.add(f);
    }
    return files;
  }

  private static final Pattern SECTION =
      Pattern.compile(
          "^\\s*(\\w+) start=0x([0-9a-f]+) end=0x([0-9a-f]+) \\(size=0x[0-9a-f]+\\)(?: count: (\\d+))?(?: \"(.*)\")?$");
  private static final Pattern MEMORY =
      Pattern.compile("^ - memory\\[(\\d+)\\] pages: initial=(\\d+)(?: max=(\\d+))?( shared)?( i64)?$");
  private static final Pattern GLOBAL =
      Pattern.compile("^ - global\\[(\\d+)\\] (\\w+) mutable=([01])(?: - init (\\w+)=(\\S+))?");
  private static final Pattern SEGMENT =
      Pattern.compile("^ - segment\\[(\\d+)\\] memory=(\\d+) size=(\\d+) - init (i32|i64)=(-?\\d+)$");

  @Test
  void wasmObjdumpReadsTheSameSectionsMemoriesGlobalsAndDataSegments() throws Exception {
    assumeInstalled("wabt's wasm-objdump", "wasm-objdump", "--version");
    List<CoreDump> dumps = dumps(false);
    List<Path> files = write(dumps);
    List<String> command = new ArrayList<>(List.of("wasm-objdump", "-h", "-x"));
    files.forEach(f -> command.add(f.toString()));
    String[] r = run(command);
    assertEquals("0", r[0], r[2]);
    assertEquals("", r[2]);
    // Split the output at each file's header line.
    Map<String, List<String>> blocks = new LinkedHashMap<>();
    List<String> current = null;
    // wabt 1.0.32 ends a ref.null global's line without a line end: split those lines again.
    String output = r[1].replaceAll("(?<=mutable=[01])(?= - global\\[|[A-Z])", "\n");
    for (String line : output.split("\n")) {
      if (line.endsWith(":\tfile format wasm 0x1")) {
        current = new ArrayList<>();
        blocks.put(line.substring(0, line.indexOf(':')), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    assertEquals(dumps.size(), blocks.size());
    long checked = 0;
    for (int i = 0; i < dumps.size(); i++) {
      byte[] bytes = Files.readAllBytes(files.get(i));
      checked += compare(files.get(i).getFileName().toString(), bytes, blocks.get(files.get(i).getFileName().toString()));
    }
    System.out.println(
        "[differential] wasm-objdump agreed on " + dumps.size() + " dumps, " + checked + " facts");
  }

  /** Compares wasm-objdump's lines for one file with the decoder's view; returns facts compared. */
  private static long compare(String name, byte[] bytes, List<String> lines) throws Exception {
    DecodedCoreDump decoded = CoreDumpDecoder.decodeWithFacts(bytes);
    CoreDump d = decoded.dump();
    long facts = 0;
    List<String> sections = new ArrayList<>();
    List<String> memories = new ArrayList<>();
    List<String> globals = new ArrayList<>();
    List<String> segments = new ArrayList<>();
    for (String line : lines) {
      Matcher m;
      if ((m = SECTION.matcher(line)).matches()) {
        sections.add(
            m.group(1) + " " + Long.parseLong(m.group(2), 16) + ".." + Long.parseLong(m.group(3), 16)
                + (m.group(4) != null ? " count " + m.group(4) : "")
                + (m.group(5) != null ? " \"" + m.group(5) + "\"" : ""));
      } else if ((m = MEMORY.matcher(line)).matches()) {
        memories.add(
            m.group(2) + " max " + (m.group(3) == null ? "none" : m.group(3))
                + (m.group(4) != null ? " shared" : "") + (m.group(5) != null ? " i64" : ""));
      } else if ((m = GLOBAL.matcher(line)).lookingAt()) {
        String type = m.group(2);
        // wabt 1.0.32 prints v128.const and ref.null initializers as an f64, or not at all (and
        // then without a line end): compare their type and mutability only.
        String value = type.equals("v128") || type.endsWith("ref") ? "" : " " + m.group(5);
        globals.add(type + " mutable " + m.group(3) + value);
      } else if ((m = SEGMENT.matcher(line)).matches()) {
        segments.add(
            "memory " + m.group(2) + " size " + m.group(3) + " " + m.group(4) + " " + m.group(5));
      }
    }

    List<String> expectedSections = new ArrayList<>();
    for (DecodedCoreDump.Section s : decoded.sections()) {
      long start = s.offset() + 1 + Leb128.sizeU32((int) s.size());
      String range = start + ".." + (start + s.size());
      switch (s.kind()) {
        case MEMORY:
          expectedSections.add("Memory " + range + " count " + d.memories().size());
          break;
        case GLOBAL:
          expectedSections.add("Global " + range + " count " + d.globals().size());
          break;
        case DATA:
          expectedSections.add("Data " + range + " count " + decoded.dataSegments().size());
          break;
        default:
          expectedSections.add("Custom " + range + " \"" + s.name() + "\"");
          break;
      }
    }
    assertEquals(expectedSections, sections, name);
    facts += sections.size();

    List<String> expectedMemories = new ArrayList<>();
    for (Memory m : d.memories()) {
      expectedMemories.add(
          m.minPages() + " max "
              + (m.maxPages().isPresent() ? Long.toString(m.maxPages().getAsLong()) : "none")
              + (m.shared() ? " shared" : "") + (m.memory64() ? " i64" : ""));
    }
    assertEquals(expectedMemories, memories, name);
    facts += memories.size();

    List<String> expectedGlobals = new ArrayList<>();
    for (Global g : d.globals()) {
      String value;
      switch (g.type()) {
        case I32:
          value = " " + (int) g.lowBits();
          break;
        case I64:
          value = " " + g.lowBits();
          break;
        case F32:
          value = " " + wabtFloat(Float.intBitsToFloat((int) g.lowBits()), (int) g.lowBits(), true);
          break;
        case F64:
          value = " " + wabtFloat(Double.longBitsToDouble(g.lowBits()), g.lowBits(), false);
          break;
        default:
          value = "";
          break;
      }
      expectedGlobals.add(g.type().textName() + " mutable " + (g.mutable() ? 1 : 0) + value);
    }
    assertEquals(expectedGlobals.size(), globals.size(), name);
    for (int i = 0; i < globals.size(); i++) {
      assertTrue(
          sameGlobal(expectedGlobals.get(i), globals.get(i)),
          name + " global " + i + ": Coroner " + expectedGlobals.get(i) + ", wabt " + globals.get(i));
    }
    facts += globals.size();

    List<String> expectedSegments = new ArrayList<>();
    for (DecodedCoreDump.DataSegment s : decoded.dataSegments()) {
      boolean m64 = d.memories().get(s.memoryIndex()).memory64();
      expectedSegments.add(
          "memory " + s.memoryIndex() + " size " + s.length() + " " + (m64 ? "i64 " : "i32 ")
              + (m64 ? s.memoryOffset() : (int) s.memoryOffset()));
    }
    assertEquals(expectedSegments, segments, name);
    facts += segments.size();
    return facts;
  }

  /** A float the way wabt prints it, for NaN and infinity; else its value as a double. */
  private static String wabtFloat(double value, long bits, boolean f32) {
    if (Double.isNaN(value)) {
      long payload = f32 ? bits & 0x7F_FFFFL : bits & 0xF_FFFF_FFFF_FFFFL;
      boolean negative = f32 ? (bits & 0x8000_0000L) != 0 : bits < 0;
      return (negative ? "-" : "") + "nan:0x" + Long.toHexString(payload);
    }
    if (Double.isInfinite(value)) {
      return value < 0 ? "-inf" : "inf";
    }
    return "="
        + (f32
            ? Integer.toHexString(Float.floatToRawIntBits((float) value))
            : Long.toHexString(Double.doubleToRawLongBits(value)));
  }

  /** Same type, mutability and value; wabt's hexadecimal floats are parsed back to bits. */
  private static boolean sameGlobal(String coroner, String wabt) {
    if (coroner.equals(wabt)) {
      return true;
    }
    String[] c = coroner.split(" ");
    String[] w = wabt.split(" ");
    if (c.length != 4 || w.length != 4 || !c[0].equals(w[0]) || !c[2].equals(w[2])) {
      return false;
    }
    if (!c[3].startsWith("=")) {
      return false;
    }
    try {
      double v = Double.parseDouble(w[3]);
      String bits =
          c[0].equals("f32")
              ? Integer.toHexString(Float.floatToRawIntBits((float) v))
              : Long.toHexString(Double.doubleToRawLongBits(v));
      return c[3].equals("=" + bits);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Test
  void v8ReadsEveryDumpWithOneMemoryAsAModule() throws Exception {
    assumeInstalled("node (V8)", "node", "--version");
    List<Path> files = write(dumps(true));
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                "--experimental-wasm-memory64",
                "-e",
                "const fs = require('fs');"
                    + "for (const f of process.argv.slice(1)) {"
                    + "  try { new WebAssembly.Module(fs.readFileSync(f)); console.log('ok ' + f); }"
                    + "  catch (e) { console.log('rejected ' + f + ': ' + e.message); } }"));
    files.forEach(f -> command.add(f.toString()));
    String[] r = run(command);
    assertEquals("0", r[0], r[2]);
    List<String> rejected =
        r[1].lines().filter(l -> !l.startsWith("ok ")).toList();
    assertEquals(List.of(), rejected);
    assertEquals(files.size(), r[1].lines().count());
    System.out.println("[differential] V8 read " + files.size() + " dumps as modules");
  }

  private Verdict wabtVerdict(Path f) throws Exception {
    String[] r = run(List.of("wasm-objdump", "-h", f.toString()));
    return r[0].equals("0") && !r[2].contains("error") ? Verdict.MODULE : Verdict.REJECTED;
  }

  private Verdict v8Verdict(Path f) throws Exception {
    String[] r =
        run(
            List.of(
                "node",
                "-e",
                "try { new WebAssembly.Module(require('fs').readFileSync(process.argv[1]));"
                    + " console.log('ok'); } catch (e) { console.log('rejected'); }",
                f.toString()));
    return r[1].strip().equals("ok") ? Verdict.MODULE : Verdict.REJECTED;
  }

  /** Coroner's decoder agrees with the committed verdicts of wabt and V8 on module structure. */
  @Test
  void moduleStructureDecisionsAgreeWithWabtAndV8() throws Exception {
    for (Decision d : DECISIONS) {
      boolean accepted;
      try {
        CoreDumpDecoder.decode(d.bytes());
        accepted = true;
      } catch (CoreDumpFormatException e) {
        accepted = false;
      }
      assertEquals(d.coroner(), accepted, d.name());
      assertEquals(d.wabt() == Verdict.MODULE, accepted, d.name() + ": Coroner against wabt");
      assertEquals(d.v8() == Verdict.MODULE, accepted, d.name() + ": Coroner against V8");
    }
  }

  @Test
  void theCommittedVerdictsAreWhatWabtSays() throws Exception {
    assumeInstalled("wabt's wasm-objdump", "wasm-objdump", "--version");
    for (Decision d : DECISIONS) {
      Path f = tmp.resolve("vector.wasm");
      Files.write(f, d.bytes());
      assertEquals(d.wabt(), wabtVerdict(f), d.name());
    }
  }

  @Test
  void theCommittedVerdictsAreWhatV8Says() throws Exception {
    assumeInstalled("node (V8)", "node", "--version");
    for (Decision d : DECISIONS) {
      Path f = tmp.resolve("vector.wasm");
      Files.write(f, d.bytes());
      assertEquals(d.v8(), v8Verdict(f), d.name());
    }
  }
}
