package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpFormatException;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.SegmentedMemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import dev.coroner.fixtures.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The language-neutral description of a captured state ({@code <line>.state.json} beside each
 * golden), schema {@value #FORMAT}, documented in {@code docs/state-json.md}.
 *
 * <p>It is complete: an encoder that reads only the state can produce the golden's bytes exactly.
 * {@link #write} is deterministic (member order, layout, lower-case fixed-width hex, memory runs
 * split at gaps of at least {@value #RUN_GAP} zero bytes), so the files can be committed and
 * {@link #checkBeside} can tell a stale one. {@link #read} is strict: unknown or missing members,
 * wrong types, hex of the wrong width, overlapping memory runs and the like are errors naming the
 * member path and its line and column.
 */
public final class StateJson {

  /** The value of the {@code format} member. */
  public static final String FORMAT = "coroner-state/1";

  /** Zero runs at least this long split a memory's data into separate runs. */
  public static final int RUN_GAP = 32;

  /** Largest integer the schema allows (2^53 - 1), so every JSON reader holds it exactly. */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final HexFormat HEX = HexFormat.of();
  private static final int BLOCK = 1 << 16;

  private StateJson() {}

  // ---------------------------------------------------------------- writing

  /** The state of {@code dump} as {@code state.json} text (ends with a newline). */
  public static String write(CoreDump dump) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("process", dump.processName().orElse(null));
    root.put("modules", List.copyOf(dump.modules()));
    List<Object> instances = new ArrayList<>();
    for (Instance inst : dump.instances()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("module", Integer.toUnsignedLong(inst.moduleIndex()));
      m.put("memories", u32List(inst.memories()));
      m.put("globals", u32List(inst.globals()));
      instances.add(m);
    }
    root.put("instances", instances);
    List<Object> memories = new ArrayList<>();
    for (Memory mem : dump.memories()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("min", mem.minPages());
      m.put("max", mem.maxPages().isPresent() ? mem.maxPages().getAsLong() : null);
      m.put("memory64", mem.memory64());
      m.put("shared", mem.shared());
      m.put("data", runs(mem.contents()));
      memories.add(m);
    }
    root.put("memories", memories);
    List<Object> globals = new ArrayList<>();
    for (Global g : dump.globals()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", g.type().name().toLowerCase(Locale.ROOT));
      m.put("mutable", g.mutable());
      if (!g.type().isReference()) {
        m.put("bits", globalBits(g));
      }
      globals.add(m);
    }
    root.put("globals", globals);
    List<Object> threads = new ArrayList<>();
    for (CoreStack t : dump.threads()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.threadName());
      List<Object> frames = new ArrayList<>();
      for (Frame f : t.frames()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("instance", Integer.toUnsignedLong(f.instanceIndex()));
        fm.put("func", Integer.toUnsignedLong(f.functionIndex()));
        fm.put("codeoffset", Integer.toUnsignedLong(f.codeOffset()));
        fm.put("locals", values(f.locals()));
        fm.put("stack", values(f.stack()));
        frames.add(fm);
      }
      m.put("frames", frames);
      threads.add(m);
    }
    root.put("threads", threads);
    return JsonWriter.write(root);
  }

  private static List<Object> u32List(List<Integer> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (int v : list) {
      out.add(Integer.toUnsignedLong(v));
    }
    return out;
  }

  private static String globalBits(Global g) {
    switch (g.type()) {
      case I32:
      case F32:
        return hex(g.lowBits(), 8);
      case V128:
        return hex(g.highBits(), 16) + hex(g.lowBits(), 16);
      default:
        return hex(g.lowBits(), 16);
    }
  }

  private static String hex(long bits, int digits) {
    String full = HEX.toHexDigits(bits);
    return full.substring(16 - digits);
  }

  private static List<Object> values(List<Value> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (Value v : values) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", v.kind().name().toLowerCase(Locale.ROOT));
      switch (v.kind()) {
        case MISSING:
          break;
        case I32:
        case F32:
          m.put("bits", hex(v.bits(), 8));
          break;
        default:
          m.put("bits", hex(v.bits(), 16));
          break;
      }
      out.add(m);
    }
    return out;
  }

  /**
   * The non-zero runs of {@code contents}: each starts and ends with a non-zero byte; runs are
   * separated by at least {@link #RUN_GAP} zero bytes (shorter zero gaps stay inside a run).
   */
  private static List<Object> runs(MemoryContents contents) {
    List<Object> out = new ArrayList<>();
    long size = contents.size();
    byte[] block = new byte[(int) Math.min(BLOCK, size)];
    ByteArrayOutputStream run = new ByteArrayOutputStream();
    long runStart = -1;
    long runEnd = -1; // one past the last non-zero byte of the open run
    long pos = 0;
    while (pos < size) {
      long next = contents.skipZeros(pos);
      if (next >= size) {
        break;
      }
      int n = (int) Math.min(block.length, size - next);
      contents.read(next, block, 0, n);
      for (int i = 0; i < n; i++) {
        if (block[i] == 0) {
          continue;
        }
        long at = next + i;
        if (runStart >= 0 && at - runEnd < RUN_GAP) {
          for (long z = runEnd; z < at; z++) {
            run.write(0);
          }
        } else {
          if (runStart >= 0) {
            out.add(run(runStart, run.toByteArray()));
          }
          run.reset();
          runStart = at;
        }
        run.write(block[i]);
        runEnd = at + 1;
      }
      pos = next + n;
    }
    if (runStart >= 0) {
      out.add(run(runStart, run.toByteArray()));
    }
    return out;
  }

  private static Map<String, Object> run(long offset, byte[] bytes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("offset", offset);
    m.put("hex", HEX.formatHex(bytes));
    return m;
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a state.
   *
   * @throws StateJsonException naming the line, column and member path of the first problem
   */
  public static CoreDump read(String text) throws StateJsonException {
    Json.Value root;
    try {
      root = Json.parse(text);
    } catch (Json.SyntaxException e) {
      Json.Pos at = e.pos();
      throw new StateJsonException(
          "invalid JSON: " + e.getMessage() + " (" + where(at) + ", offset " + at.offset() + ")",
          at.offset());
    }
    return new Reader().dump(root);
  }

  /** Reads the state in {@code file}; errors name the file. */
  public static CoreDump read(Path file) throws IOException, StateJsonException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return read(text);
    } catch (StateJsonException e) {
      throw new StateJsonException(file + ": " + e.getMessage(), e.offset());
    }
  }

  /** "line L, column C" for messages. */
  private static String where(Json.Pos at) {
    return "line " + at.line() + ", column " + at.column();
  }

  /** Schema checks over the parsed tree; every error names the path and the position. */
  private static final class Reader {

    private static StateJsonException error(Json.Value at, String path, String what) {
      return new StateJsonException(
          path + " (" + where(at.pos()) + "): " + what, at.pos().offset());
    }

    CoreDump dump(Json.Value root) throws StateJsonException {
      Map<String, Json.Value> m =
          object(
              root, "$", "format", "process", "modules", "instances", "memories", "globals",
              "threads");
      String format = string(m.get("format"), "$.format");
      if (!format.equals(FORMAT)) {
        throw error(
            m.get("format"), "$.format", "unsupported format \"" + format + "\", expected \""
                + FORMAT + "\"");
      }
      Json.Value process = m.get("process");
      Optional<String> processName =
          process instanceof Json.Null
              ? Optional.empty()
              : Optional.of(string(process, "$.process"));
      List<String> modules = new ArrayList<>();
      List<Json.Value> moduleNodes = array(m.get("modules"), "$.modules");
      for (int i = 0; i < moduleNodes.size(); i++) {
        modules.add(string(moduleNodes.get(i), "$.modules[" + i + "]"));
      }
      List<Instance> instances = new ArrayList<>();
      List<Json.Value> instNodes = array(m.get("instances"), "$.instances");
      for (int i = 0; i < instNodes.size(); i++) {
        String p = "$.instances[" + i + "]";
        Map<String, Json.Value> im = object(instNodes.get(i), p, "module", "memories", "globals");
        instances.add(
            new Instance(
                u32(im.get("module"), p + ".module"),
                u32s(im.get("memories"), p + ".memories"),
                u32s(im.get("globals"), p + ".globals")));
      }
      List<Memory> memories = new ArrayList<>();
      List<Json.Value> memNodes = array(m.get("memories"), "$.memories");
      for (int i = 0; i < memNodes.size(); i++) {
        memories.add(memory(memNodes.get(i), "$.memories[" + i + "]"));
      }
      List<Global> globals = new ArrayList<>();
      List<Json.Value> globalNodes = array(m.get("globals"), "$.globals");
      for (int i = 0; i < globalNodes.size(); i++) {
        globals.add(global(globalNodes.get(i), "$.globals[" + i + "]"));
      }
      List<CoreStack> threads = new ArrayList<>();
      List<Json.Value> threadNodes = array(m.get("threads"), "$.threads");
      for (int i = 0; i < threadNodes.size(); i++) {
        String p = "$.threads[" + i + "]";
        Map<String, Json.Value> tm = object(threadNodes.get(i), p, "name", "frames");
        List<Frame> frames = new ArrayList<>();
        List<Json.Value> frameNodes = array(tm.get("frames"), p + ".frames");
        for (int f = 0; f < frameNodes.size(); f++) {
          frames.add(frame(frameNodes.get(f), p + ".frames[" + f + "]"));
        }
        threads.add(new CoreStack(string(tm.get("name"), p + ".name"), frames));
      }
      return new CoreDump(processName, modules, instances, memories, globals, threads);
    }

    Memory memory(Json.Value node, String p) throws StateJsonException {
      Map<String, Json.Value> mm = object(node, p, "min", "max", "memory64", "shared", "data");
      boolean memory64 = bool(mm.get("memory64"), p + ".memory64");
      boolean shared = bool(mm.get("shared"), p + ".shared");
      long pageCap = memory64 ? MAX_SAFE_INTEGER / Memory.PAGE_SIZE : 65536;
      long min = integer(mm.get("min"), p + ".min", 0, pageCap);
      OptionalLong max =
          mm.get("max") instanceof Json.Null
              ? OptionalLong.empty()
              : OptionalLong.of(
                  integer(mm.get("max"), p + ".max", min, memory64 ? MAX_SAFE_INTEGER : 65536));
      long size = min * Memory.PAGE_SIZE;
      List<SegmentedMemoryContents.Run> runs = new ArrayList<>();
      List<Json.Value> runNodes = array(mm.get("data"), p + ".data");
      long end = 0;
      for (int i = 0; i < runNodes.size(); i++) {
        String rp = p + ".data[" + i + "]";
        Map<String, Json.Value> rm = object(runNodes.get(i), rp, "offset", "hex");
        long offset = integer(rm.get("offset"), rp + ".offset", 0, MAX_SAFE_INTEGER);
        if (i > 0 && offset < end) {
          throw error(
              rm.get("offset"), rp + ".offset",
              "run starts at " + offset + ", before the end of the previous run (" + end
                  + "); runs must be sorted and must not overlap");
        }
        byte[] bytes = hexBytes(rm.get("hex"), rp + ".hex");
        if (offset > size - bytes.length) {
          throw error(
              rm.get("offset"), rp + ".offset",
              "run [" + offset + ", +" + bytes.length + " bytes) lies outside the memory of "
                  + size + " bytes (" + min + " pages)");
        }
        end = offset + bytes.length;
        runs.add(new SegmentedMemoryContents.Run(offset, bytes));
      }
      return new Memory(min, max, memory64, shared, SegmentedMemoryContents.of(size, runs));
    }

    Global global(Json.Value node, String p) throws StateJsonException {
      Map<String, Json.Value> gm = objectAllowing(node, p, List.of("type", "mutable"), "bits");
      Json.Value typeNode = gm.get("type");
      String typeName = string(typeNode, p + ".type");
      ValueType type = null;
      for (ValueType t : ValueType.values()) {
        if (t.name().toLowerCase(Locale.ROOT).equals(typeName)) {
          type = t;
        }
      }
      if (type == null) {
        throw error(
            typeNode, p + ".type",
            "unknown global type \"" + typeName
                + "\" (i32, i64, f32, f64, v128, funcref, externref)");
      }
      boolean mutable = bool(gm.get("mutable"), p + ".mutable");
      Json.Value bitsNode = gm.get("bits");
      if (type.isReference()) {
        if (bitsNode != null) {
          throw error(
              bitsNode, p + ".bits", "a " + typeName + " global is always ref.null: no bits");
        }
        return Global.nullRef(type).withMutable(mutable);
      }
      if (bitsNode == null) {
        throw error(node, p, "missing member \"bits\"");
      }
      switch (type) {
        case I32:
        case F32:
          return new Global(type, mutable, bits(bitsNode, p + ".bits", 8), 0);
        case V128:
          {
            String s = hexDigits(bitsNode, p + ".bits", 32);
            long high = Long.parseUnsignedLong(s.substring(0, 16), 16);
            long low = Long.parseUnsignedLong(s.substring(16), 16);
            return new Global(type, mutable, low, high);
          }
        default:
          return new Global(type, mutable, bits(bitsNode, p + ".bits", 16), 0);
      }
    }

    Frame frame(Json.Value node, String p) throws StateJsonException {
      Map<String, Json.Value> fm =
          object(node, p, "instance", "func", "codeoffset", "locals", "stack");
      return new Frame(
          u32(fm.get("instance"), p + ".instance"),
          u32(fm.get("func"), p + ".func"),
          u32(fm.get("codeoffset"), p + ".codeoffset"),
          values(fm.get("locals"), p + ".locals"),
          values(fm.get("stack"), p + ".stack"));
    }

    List<Value> values(Json.Value node, String p) throws StateJsonException {
      List<Value> out = new ArrayList<>();
      List<Json.Value> nodes = array(node, p);
      for (int i = 0; i < nodes.size(); i++) {
        String vp = p + "[" + i + "]";
        Map<String, Json.Value> vm = objectAllowing(nodes.get(i), vp, List.of("type"), "bits");
        Json.Value typeNode = vm.get("type");
        String typeName = string(typeNode, vp + ".type");
        Value.Kind kind = null;
        for (Value.Kind k : Value.Kind.values()) {
          if (k.name().toLowerCase(Locale.ROOT).equals(typeName)) {
            kind = k;
          }
        }
        if (kind == null) {
          throw error(
              typeNode, vp + ".type",
              "unknown value type \"" + typeName + "\" (i32, i64, f32, f64, missing)");
        }
        Json.Value bitsNode = vm.get("bits");
        if (kind == Value.Kind.MISSING) {
          if (bitsNode != null) {
            throw error(bitsNode, vp + ".bits", "a missing value has no bits");
          }
          out.add(Value.MISSING);
          continue;
        }
        if (bitsNode == null) {
          throw error(nodes.get(i), vp, "missing member \"bits\"");
        }
        int digits = kind == Value.Kind.I32 || kind == Value.Kind.F32 ? 8 : 16;
        out.add(new Value(kind, bits(bitsNode, vp + ".bits", digits)));
      }
      return out;
    }

    // ---- primitive checks

    Map<String, Json.Value> object(Json.Value node, String p, String... required)
        throws StateJsonException {
      return objectAllowing(node, p, List.of(required));
    }

    /** An object with exactly the {@code required} members plus, optionally, {@code optional}. */
    Map<String, Json.Value> objectAllowing(
        Json.Value node, String p, List<String> required, String... optional)
        throws StateJsonException {
      if (!(node instanceof Json.Obj obj)) {
        throw error(node, p, "expected an object, found " + node.kind());
      }
      Map<String, Json.Value> m = obj.members();
      for (String name : required) {
        if (!m.containsKey(name)) {
          throw error(node, p, "missing member \"" + name + "\"");
        }
      }
      for (Map.Entry<String, Json.Value> e : m.entrySet()) {
        if (!required.contains(e.getKey()) && !List.of(optional).contains(e.getKey())) {
          throw error(e.getValue(), p, "unknown member \"" + e.getKey() + "\"");
        }
      }
      return m;
    }

    List<Json.Value> array(Json.Value node, String p) throws StateJsonException {
      if (!(node instanceof Json.Arr arr)) {
        throw error(node, p, "expected an array, found " + node.kind());
      }
      return arr.elements();
    }

    String string(Json.Value node, String p) throws StateJsonException {
      if (!(node instanceof Json.Str str)) {
        throw error(node, p, "expected a string, found " + node.kind());
      }
      return str.value();
    }

    boolean bool(Json.Value node, String p) throws StateJsonException {
      if (!(node instanceof Json.Bool bool)) {
        throw error(node, p, "expected true or false, found " + node.kind());
      }
      return bool.value();
    }

    long integer(Json.Value node, String p, long min, long max) throws StateJsonException {
      if (!(node instanceof Json.Num num)) {
        throw error(node, p, "expected an integer, found " + node.kind());
      }
      String text = num.text();
      if (!text.matches("-?(0|[1-9][0-9]{0,17})")) {
        throw error(
            node, p, "expected an integer from " + min + " to " + max + ", found " + text);
      }
      long v = Long.parseLong(text);
      if (v < min || v > max) {
        throw error(node, p, "integer " + v + " out of range [" + min + ", " + max + "]");
      }
      return v;
    }

    int u32(Json.Value node, String p) throws StateJsonException {
      return (int) integer(node, p, 0, 0xFFFF_FFFFL);
    }

    List<Integer> u32s(Json.Value node, String p) throws StateJsonException {
      List<Integer> out = new ArrayList<>();
      List<Json.Value> nodes = array(node, p);
      for (int i = 0; i < nodes.size(); i++) {
        out.add(u32(nodes.get(i), p + "[" + i + "]"));
      }
      return out;
    }

    String hexDigits(Json.Value node, String p, int digits) throws StateJsonException {
      String s = string(node, p);
      if (s.length() != digits || !s.matches("[0-9a-f]*")) {
        throw error(
            node, p, "expected " + digits + " lower-case hex digits, found \"" + s + "\"");
      }
      return s;
    }

    long bits(Json.Value node, String p, int digits) throws StateJsonException {
      return Long.parseUnsignedLong(hexDigits(node, p, digits), 16);
    }

    byte[] hexBytes(Json.Value node, String p) throws StateJsonException {
      String s = string(node, p);
      if (s.isEmpty() || s.length() % 2 != 0 || !s.matches("[0-9a-f]*")) {
        throw error(
            node, p, "expected a non-empty, even number of lower-case hex digits ("
                + s.length() + " characters found)");
      }
      return HEX.parseHex(s);
    }
  }

  // ---------------------------------------------------------------- files beside goldens

  /**
   * (Re)writes {@code <line>.state.json} beside every golden {@code <line>.core} under {@code
   * goldenRoot}, from the golden's decoded state; files already up to date are left untouched.
   *
   * @return the files written (created or changed), in golden order
   * @throws IOException if a golden cannot be read or does not decode (the message names the file
   *     and the byte offset), or a state file cannot be written
   */
  public static List<Path> writeBeside(Path goldenRoot) throws IOException {
    List<Path> written = new ArrayList<>();
    for (Path core : GoldenTree.coreFiles(goldenRoot)) {
      String text = write(decodeGolden(core));
      Path state = GoldenTree.stateFile(core);
      if (Files.exists(state) && Files.readString(state, StandardCharsets.UTF_8).equals(text)) {
        continue;
      }
      Files.writeString(state, text, StandardCharsets.UTF_8);
      written.add(state);
    }
    return written;
  }

  /**
   * Checks that every golden under {@code goldenRoot} has an up-to-date {@code state.json} beside
   * it (exactly the text {@link #writeBeside} would write), and that no {@code state.json} lacks
   * its golden.
   *
   * @return one line per problem (missing, stale with the first differing line, orphaned);
   *     empty when all is well
   */
  public static List<String> checkBeside(Path goldenRoot) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path core : GoldenTree.coreFiles(goldenRoot)) {
      Path state = GoldenTree.stateFile(core);
      String rel = GoldenTree.relative(goldenRoot, state);
      if (!Files.exists(state)) {
        problems.add(rel + ": missing (run StateJson.writeBeside)");
        continue;
      }
      String expected = write(decodeGolden(core));
      String actual = Files.readString(state, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        problems.add(rel + ": stale, " + firstDifferentLine(expected, actual));
      }
    }
    for (Path state : GoldenTree.stateFiles(goldenRoot)) {
      if (!Files.exists(GoldenTree.coreFileOf(state))) {
        problems.add(GoldenTree.relative(goldenRoot, state) + ": orphaned, no golden beside it");
      }
    }
    return problems;
  }

  static CoreDump decodeGolden(Path core) throws IOException {
    try {
      return CoreDumpDecoder.decode(Files.readAllBytes(core));
    } catch (CoreDumpFormatException e) {
      throw new IOException("golden " + core + " does not decode: " + e.getMessage(), e);
    }
  }

  private static String firstDifferentLine(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String x = i < e.length ? e[i] : "(end of file)";
      String y = i < a.length ? a[i] : "(end of file)";
      if (!x.equals(y)) {
        return "line " + (i + 1) + ": expected " + abbreviate(x) + ", found " + abbreviate(y);
      }
    }
    return "identical lines";
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? "'" + s.substring(0, 77) + "...'" : "'" + s + "'";
  }
}
