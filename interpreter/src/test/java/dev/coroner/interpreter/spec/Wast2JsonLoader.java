package dev.coroner.interpreter.spec;

import com.dylibso.chicory.wabt.Wast2Json;
import dev.coroner.interpreter.model.ValType;
import dev.coroner.interpreter.script.ScriptAction;
import dev.coroner.interpreter.script.ScriptValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts a .wast script with Chicory's wast2json and reads the JSON into {@link SpecCommand}s.
 * A minimal stand-in for the project's fixtures module until that module is available.
 */
final class Wast2JsonLoader {
  private Wast2JsonLoader() {}

  static List<SpecCommand> load(Path wast, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path json = workDir.resolve(baseName(wast) + ".json");
      Wast2Json.builder().withFile(wast.toFile()).withOutput(json.toFile()).build().process();
      return read(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String baseName(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".wast") ? n.substring(0, n.length() - 5) : n;
  }

  @SuppressWarnings("unchecked")
  static List<SpecCommand> read(Path json) throws IOException {
    Map<String, Object> root =
        (Map<String, Object>) MiniJson.parse(Files.readString(json, StandardCharsets.UTF_8));
    List<SpecCommand> out = new ArrayList<>();
    for (Object o : (List<Object>) root.get("commands")) {
      Map<String, Object> c = (Map<String, Object>) o;
      String kind = (String) c.get("type");
      int line = Integer.parseInt((String) c.get("line"));
      byte[] bytes = null;
      boolean text = "text".equals(c.get("module_type"));
      String filename = (String) c.get("filename");
      if (filename != null && filename.endsWith(".wasm")) {
        bytes = Files.readAllBytes(json.resolveSibling(filename));
      } else if (filename != null) {
        text = true;
      }
      ScriptAction action = null;
      boolean get = false;
      if (c.get("action") != null) {
        Map<String, Object> a = (Map<String, Object>) c.get("action");
        List<ScriptValue> args = new ArrayList<>();
        for (Object v : (List<Object>) a.getOrDefault("args", List.of())) {
          args.add(value((Map<String, Object>) v));
        }
        get = "get".equals(a.get("type"));
        action = new ScriptAction((String) a.get("module"), (String) a.get("field"), args);
      }
      List<SpecCommand.Expected> expected = new ArrayList<>();
      if (c.get("expected") != null) {
        for (Object v : (List<Object>) c.get("expected")) {
          expected.add(expected((Map<String, Object>) v));
        }
      }
      out.add(new SpecCommand(kind, line, bytes, text, (String) c.get("name"),
          (String) c.get("as"), action, get, expected, (String) c.get("text")));
    }
    return out;
  }

  private static int type(String t) {
    switch (t) {
      case "i32": return ValType.I32;
      case "i64": return ValType.I64;
      case "f32": return ValType.F32;
      case "f64": return ValType.F64;
      case "funcref": return ValType.FUNCREF;
      case "externref": return ValType.EXTERNREF;
      case "v128": return ValType.V128;
      default: throw new IllegalArgumentException("unknown value type " + t);
    }
  }

  private static long bits(int type, Object value) {
    if (value == null || "null".equals(value)) {
      return -1L;
    }
    if (value instanceof List) {
      return 0; // v128 lanes: not supported
    }
    return new BigInteger((String) value).longValue();
  }

  private static ScriptValue value(Map<String, Object> v) {
    int t = type((String) v.get("type"));
    return new ScriptValue(t, bits(t, v.get("value")));
  }

  private static SpecCommand.Expected expected(Map<String, Object> v) {
    int t = type((String) v.get("type"));
    Object value = v.get("value");
    if ("nan:canonical".equals(value)) {
      return new SpecCommand.Expected(t, 0, SpecCommand.NanKind.CANONICAL, false);
    }
    if ("nan:arithmetic".equals(value)) {
      return new SpecCommand.Expected(t, 0, SpecCommand.NanKind.ARITHMETIC, false);
    }
    if (ValType.isRef(t) && !v.containsKey("value")) {
      return new SpecCommand.Expected(t, 0, SpecCommand.NanKind.NONE, true);
    }
    return new SpecCommand.Expected(t, bits(t, value), SpecCommand.NanKind.NONE, false);
  }
}
