package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.SegmentedMemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import dev.coroner.fixtures.json.Json;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code state.json} text strictly against schema {@value StateJson#FORMAT}: the shared JSON
 * parser ({@link Json}) checks the syntax, then every member is checked for presence, type, range
 * and width; unknown members, hex of the wrong width, overlapping memory runs and the like are
 * errors naming the member path and its line and column.
 */
final class StateJsonReader {

  private static final HexFormat HEX = HexFormat.of();

  private StateJsonReader() {}

  /**
   * Reads a state.
   *
   * @throws StateJsonException naming the line, column and member path of the first problem
   */
  static CoreDump read(String text) throws StateJsonException {
    Json.Value root;
    try {
      root = Json.parse(text);
    } catch (Json.SyntaxException e) {
      Json.Pos at = e.pos();
      throw new StateJsonException(
          "invalid JSON: " + e.getMessage() + " (" + where(at) + ", offset " + at.offset() + ")",
          at.offset());
    }
    return new StateJsonReader().dump(root);
  }

  /** "line L, column C" for messages. */
  private static String where(Json.Pos at) {
    return "line " + at.line() + ", column " + at.column();
  }


  private static StateJsonException error(Json.Value at, String path, String what) {
    return new StateJsonException(
        path + " (" + where(at.pos()) + "): " + what, at.pos().offset());
  }

  private CoreDump dump(Json.Value root) throws StateJsonException {
    Map<String, Json.Value> m =
        object(
            root, "$", "format", "process", "modules", "instances", "memories", "globals",
            "threads");
    String format = string(m.get("format"), "$.format");
    if (!format.equals(StateJson.FORMAT)) {
      throw error(
          m.get("format"), "$.format", "unsupported format \"" + format + "\", expected \""
              + StateJson.FORMAT + "\"");
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

  private Memory memory(Json.Value node, String p) throws StateJsonException {
    Map<String, Json.Value> mm = object(node, p, "min", "max", "memory64", "shared", "data");
    boolean memory64 = bool(mm.get("memory64"), p + ".memory64");
    boolean shared = bool(mm.get("shared"), p + ".shared");
    long pageCap = memory64 ? StateJson.MAX_SAFE_INTEGER / Memory.PAGE_SIZE : 65536;
    long min = integer(mm.get("min"), p + ".min", 0, pageCap);
    OptionalLong max =
        mm.get("max") instanceof Json.Null
            ? OptionalLong.empty()
            : OptionalLong.of(
                integer(mm.get("max"), p + ".max", min, memory64 ? StateJson.MAX_SAFE_INTEGER : 65536));
    long size = min * Memory.PAGE_SIZE;
    List<SegmentedMemoryContents.Run> runs = new ArrayList<>();
    List<Json.Value> runNodes = array(mm.get("data"), p + ".data");
    long end = 0;
    for (int i = 0; i < runNodes.size(); i++) {
      String rp = p + ".data[" + i + "]";
      Map<String, Json.Value> rm = object(runNodes.get(i), rp, "offset", "hex");
      long offset = integer(rm.get("offset"), rp + ".offset", 0, StateJson.MAX_SAFE_INTEGER);
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
            "run [" + offset + ", " + (offset + bytes.length) + ") lies outside the memory of "
                + size + " bytes (" + min + " pages)");
      }
      end = offset + bytes.length;
      runs.add(new SegmentedMemoryContents.Run(offset, bytes));
    }
    return new Memory(min, max, memory64, shared, SegmentedMemoryContents.of(size, runs));
  }

  private Global global(Json.Value node, String p) throws StateJsonException {
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

  private Frame frame(Json.Value node, String p) throws StateJsonException {
    Map<String, Json.Value> fm =
        object(node, p, "instance", "func", "codeoffset", "locals", "stack");
    return new Frame(
        u32(fm.get("instance"), p + ".instance"),
        u32(fm.get("func"), p + ".func"),
        u32(fm.get("codeoffset"), p + ".codeoffset"),
        values(fm.get("locals"), p + ".locals"),
        values(fm.get("stack"), p + ".stack"));
  }

  private List<Value> values(Json.Value node, String p) throws StateJsonException {
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

  private Map<String, Json.Value> object(Json.Value node, String p, String... required)
      throws StateJsonException {
    return objectAllowing(node, p, List.of(required));
  }

  /** An object with exactly the {@code required} members plus, optionally, {@code optional}. */
  private Map<String, Json.Value> objectAllowing(
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

  private List<Json.Value> array(Json.Value node, String p) throws StateJsonException {
    if (!(node instanceof Json.Arr arr)) {
      throw error(node, p, "expected an array, found " + node.kind());
    }
    return arr.elements();
  }

  private String string(Json.Value node, String p) throws StateJsonException {
    if (!(node instanceof Json.Str str)) {
      throw error(node, p, "expected a string, found " + node.kind());
    }
    return str.value();
  }

  private boolean bool(Json.Value node, String p) throws StateJsonException {
    if (!(node instanceof Json.Bool bool)) {
      throw error(node, p, "expected true or false, found " + node.kind());
    }
    return bool.value();
  }

  private long integer(Json.Value node, String p, long min, long max) throws StateJsonException {
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

  private int u32(Json.Value node, String p) throws StateJsonException {
    return (int) integer(node, p, 0, 0xFFFF_FFFFL);
  }

  private List<Integer> u32s(Json.Value node, String p) throws StateJsonException {
    List<Integer> out = new ArrayList<>();
    List<Json.Value> nodes = array(node, p);
    for (int i = 0; i < nodes.size(); i++) {
      out.add(u32(nodes.get(i), p + "[" + i + "]"));
    }
    return out;
  }

  private String hexDigits(Json.Value node, String p, int digits) throws StateJsonException {
    String s = string(node, p);
    if (s.length() != digits || !s.matches("[0-9a-f]*")) {
      throw error(
          node, p, "expected " + digits + " lower-case hex digits, found \"" + s + "\"");
    }
    return s;
  }

  private long bits(Json.Value node, String p, int digits) throws StateJsonException {
    return Long.parseUnsignedLong(hexDigits(node, p, digits), 16);
  }

  private byte[] hexBytes(Json.Value node, String p) throws StateJsonException {
    String s = string(node, p);
    if (s.isEmpty() || s.length() % 2 != 0 || !s.matches("[0-9a-f]*")) {
      throw error(
          node, p, "expected a non-empty, even number of lower-case hex digits ("
              + s.length() + " characters found)");
    }
    return HEX.parseHex(s);
  }
}
