package dev.coroner.harness.kit;

import dev.coroner.fixtures.LaneType;
import dev.coroner.fixtures.NanPattern;
import dev.coroner.fixtures.ValueType;
import dev.coroner.fixtures.WastValue;
import dev.coroner.fixtures.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed values in manifests, to and from JSON. Numbers keep their exact bits as fixed-width
 * lower-case hex, as {@code state.json} writes them, so NaN payloads and 64-bit integers survive
 * every JSON library:
 *
 * <pre>
 * {"type": "i32", "bits": "ffffffff"}            i32 -1 (8 digits; i64 and f64: 16; v128: 32)
 * {"type": "f32", "bits": "7fa00001"}            an f32 NaN with payload 0x200001
 * {"type": "f64", "nan": "canonical"}            expected results only: any canonical NaN
 * {"type": "externref", "null": true}            ref.null extern
 * {"type": "externref", "host": 7}               ref.extern 7 (the host reference numbered 7)
 * {"type": "funcref", "null": false}             expected results only: any non-null funcref
 * </pre>
 */
final class KitValues {

  private KitValues() {}

  /**
   * The JSON form of {@code v}.
   *
   * @throws KitException for a {@code v128} with NaN-pattern lanes, which the format cannot hold
   */
  static Map<String, Object> write(WastValue v, String where) throws KitException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", v.type().jsonName());
    if (v instanceof WastValue.Num n) {
      int digits = n.type() == ValueType.I32 || n.type() == ValueType.F32 ? 8 : 16;
      m.put("bits", hex(n.bits(), digits));
    } else if (v instanceof WastValue.Nan nan) {
      m.put("nan", nan.pattern() == NanPattern.CANONICAL ? "canonical" : "arithmetic");
    } else if (v instanceof WastValue.Ref r) {
      if (r.isNull()) {
        m.put("null", true);
      } else if (r.type() == ValueType.EXTERNREF) {
        m.put("host", r.value());
      } else {
        m.put("null", false);
      }
    } else {
      WastValue.Vec vec = (WastValue.Vec) v;
      if (vec.hasNanPattern()) {
        throw new KitException(
            where + ": a v128 with NaN-pattern lanes cannot be written in a kit manifest");
      }
      m.put("bits", hex(vec.high(), 16) + hex(vec.low(), 16));
    }
    return m;
  }

  private static String hex(long bits, int digits) {
    String s = Long.toHexString(bits);
    return "0".repeat(digits - s.length()) + s;
  }

  /** Reads a value; {@code patterns} allows NaN patterns and "any non-null" references. */
  static WastValue read(ManifestReader r, Json.Value node, String path, boolean patterns)
      throws KitException {
    if (!(node instanceof Json.Obj obj)) {
      throw r.error(node, path, "expected a value object, got " + node.kind());
    }
    Json.Value typeNode = obj.members().get("type");
    if (typeNode == null) {
      throw r.error(node, path, "missing member \"type\"");
    }
    String typeName = r.string(typeNode, path + ".type");
    ValueType type = null;
    for (ValueType t : ValueType.values()) {
      if (t.jsonName().equals(typeName)) {
        type = t;
      }
    }
    if (type == null) {
      throw r.error(
          typeNode, path + ".type",
          "unknown value type \"" + typeName + "\" (i32, i64, f32, f64, v128, funcref,"
              + " externref)");
    }
    switch (type) {
      case I32, F32, I64, F64:
        return number(r, obj, path, type, patterns);
      case V128:
        {
          Map<String, Json.Value> m = r.object(obj, path, "type", "bits");
          String s = r.hex(m.get("bits"), path + ".bits", 32);
          long high = Long.parseUnsignedLong(s.substring(0, 16), 16);
          long low = Long.parseUnsignedLong(s.substring(16), 16);
          return new WastValue.Vec(
              LaneType.I64, List.of(WastValue.Lane.ofBits(low), WastValue.Lane.ofBits(high)));
        }
      default:
        return reference(r, obj, path, type, patterns);
    }
  }

  private static WastValue number(
      ManifestReader r, Json.Obj obj, String path, ValueType type, boolean patterns)
      throws KitException {
    boolean floating = type.isFloat();
    Map<String, Json.Value> m =
        r.object(obj, path, Set.of("type"), floating && patterns ? Set.of("bits", "nan") : Set.of("bits"));
    if (m.containsKey("nan")) {
      if (m.containsKey("bits")) {
        throw r.error(obj, path, "a value has \"bits\" or \"nan\", not both");
      }
      String p = r.string(m.get("nan"), path + ".nan");
      switch (p) {
        case "canonical":
          return new WastValue.Nan(type, NanPattern.CANONICAL);
        case "arithmetic":
          return new WastValue.Nan(type, NanPattern.ARITHMETIC);
        default:
          throw r.error(
              m.get("nan"), path + ".nan",
              "expected \"canonical\" or \"arithmetic\", got \"" + p + "\"");
      }
    }
    if (!m.containsKey("bits")) {
      throw r.error(obj, path, "missing member \"bits\"");
    }
    int digits = type == ValueType.I32 || type == ValueType.F32 ? 8 : 16;
    String s = r.hex(m.get("bits"), path + ".bits", digits);
    return new WastValue.Num(type, Long.parseUnsignedLong(s, 16));
  }

  private static WastValue reference(
      ManifestReader r, Json.Obj obj, String path, ValueType type, boolean patterns)
      throws KitException {
    Map<String, Json.Value> m = r.object(obj, path, Set.of("type"), Set.of("null", "host"));
    String name = type.name().toLowerCase(Locale.ROOT);
    if (m.containsKey("host")) {
      if (type != ValueType.EXTERNREF || m.containsKey("null")) {
        throw r.error(
            obj, path, "only an externref has \"host\", and then no \"null\"");
      }
      return new WastValue.Ref(
          type, false, r.integer(m.get("host"), path + ".host", 0, ManifestReader.MAX_SAFE_INTEGER));
    }
    if (!m.containsKey("null")) {
      throw r.error(obj, path, "a " + name + " has \"null\" (or, externref only, \"host\")");
    }
    if (r.bool(m.get("null"), path + ".null")) {
      return WastValue.Ref.nullOf(type);
    }
    if (type != ValueType.FUNCREF || !patterns) {
      throw r.error(
          m.get("null"), path + ".null",
          "\"null\": false (any non-null reference) is only allowed for a funcref in expected"
              + " results");
    }
    return new WastValue.Ref(type, false, 0);
  }
}
