package dev.coroner.harness.v8;

import dev.coroner.fixtures.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@code v8-frames.mjs} prints, strictly: one JSON object per line, each with exactly
 * the members its outcome allows, integers in range, and a last line {@code {"done": true, "jobs":
 * N}} with the number of jobs sent. Anything else is a {@link V8Exception} naming the output line
 * and column.
 */
final class V8Output {

  private static final List<String> TRAPPED =
      List.of("id", "key", "outcome", "error", "message", "frames");
  private static final List<String> UNAVAILABLE = List.of("id", "key", "outcome", "module", "line");
  private static final List<String> EXITED = List.of("id", "key", "outcome", "code");
  private static final List<String> FAILED = List.of("id", "key", "outcome", "message");
  private static final List<String> DONE = List.of("done", "jobs");

  private final int lineNumber;

  private V8Output(int lineNumber) {
    this.lineNumber = lineNumber;
  }

  /**
   * The results in {@code stdout}, in output order.
   *
   * @param jobs how many jobs were sent (the last line must say so)
   * @throws V8Exception if the output is not what the script writes
   */
  static List<V8Result> parse(String stdout, int jobs) throws V8Exception {
    List<V8Result> results = new ArrayList<>();
    String[] lines = stdout.split("\n", -1);
    int last = lines.length;
    while (last > 0 && lines[last - 1].isEmpty()) {
      last--;
    }
    if (last == 0) {
      throw new V8Exception("the V8 script printed nothing");
    }
    for (int i = 0; i < last; i++) {
      V8Output reader = new V8Output(i + 1);
      Json.Obj obj = reader.object(lines[i]);
      if (i == last - 1) {
        reader.done(obj, jobs);
      } else {
        results.add(reader.result(obj));
      }
    }
    return List.copyOf(results);
  }

  private Json.Obj object(String line) throws V8Exception {
    Json.Value value;
    try {
      value = Json.parse(line);
    } catch (Json.SyntaxException e) {
      throw error(e.pos(), e.getMessage());
    }
    if (!(value instanceof Json.Obj obj)) {
      throw error(value.pos(), "expected an object, found " + value.kind());
    }
    return obj;
  }

  private void done(Json.Obj obj, int jobs) throws V8Exception {
    if (!(obj.members().get("done") instanceof Json.Bool b) || !b.value()) {
      throw error(obj.pos(), "the last line must be {\"done\": true, ...}: the script stopped early");
    }
    members(obj, DONE);
    long n = member(obj, "jobs", 0, Integer.MAX_VALUE);
    if (n != jobs) {
      throw error(obj.pos(), "the script ran " + n + " jobs, " + jobs + " were sent");
    }
  }

  private V8Result result(Json.Obj obj) throws V8Exception {
    if (obj.members().containsKey("done")) {
      throw error(obj.pos(), "{\"done\": ...} before the last line");
    }
    String outcome = string(obj, "outcome");
    String id = string(obj, "id");
    switch (outcome) {
      case "trap":
      case "exhaustion": {
        members(obj, TRAPPED);
        return new V8Result.Trapped(
            id, string(obj, "key"), outcome.equals("exhaustion"), string(obj, "error"),
            string(obj, "message"), frames(obj));
      }
      case "unavailable": {
        members(obj, UNAVAILABLE);
        Json.Value line = obj.members().get("line");
        Optional<Integer> at =
            line instanceof Json.Null
                ? Optional.empty()
                : Optional.of((int) member(obj, "line", 1, Integer.MAX_VALUE));
        return new V8Result.Unavailable(id, string(obj, "key"), string(obj, "module"), at);
      }
      case "exit": {
        members(obj, EXITED);
        return new V8Result.Exited(
            id, string(obj, "key"), (int) member(obj, "code", Integer.MIN_VALUE, Integer.MAX_VALUE));
      }
      case "failed": {
        members(obj, FAILED);
        Optional<String> key =
            obj.members().get("key") instanceof Json.Null
                ? Optional.empty()
                : Optional.of(string(obj, "key"));
        return new V8Result.Failed(id, key, string(obj, "message"));
      }
      default:
        throw error(obj.members().get("outcome").pos(), "unknown outcome \"" + outcome + "\"");
    }
  }

  private List<V8Frame> frames(Json.Obj obj) throws V8Exception {
    Json.Value v = obj.members().get("frames");
    if (!(v instanceof Json.Arr arr)) {
      throw error(v.pos(), "\"frames\" must be an array, found " + v.kind());
    }
    List<V8Frame> frames = new ArrayList<>(arr.elements().size());
    for (Json.Value f : arr.elements()) {
      if (!(f instanceof Json.Arr triple) || triple.elements().size() != 3) {
        throw error(f.pos(), "a frame must be [instance, function, offset]");
      }
      List<Json.Value> e = triple.elements();
      frames.add(
          new V8Frame(
              (int) integer(e.get(0), "instance", 0, Integer.MAX_VALUE),
              (int) integer(e.get(1), "function", 0, Integer.MAX_VALUE),
              integer(e.get(2), "offset", 0, 0xFFFF_FFFFL)));
    }
    return frames;
  }

  private void members(Json.Obj obj, List<String> allowed) throws V8Exception {
    Map<String, Json.Value> m = obj.members();
    for (String name : allowed) {
      if (!m.containsKey(name)) {
        throw error(obj.pos(), "missing \"" + name + "\"");
      }
    }
    for (Map.Entry<String, Json.Value> e : m.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw error(e.getValue().pos(), "unexpected member \"" + e.getKey() + "\"");
      }
    }
  }

  private String string(Json.Obj obj, String name) throws V8Exception {
    Json.Value v = obj.members().get(name);
    if (v == null) {
      throw error(obj.pos(), "missing \"" + name + "\"");
    }
    if (!(v instanceof Json.Str s)) {
      throw error(v.pos(), "\"" + name + "\" must be a string, found " + v.kind());
    }
    return s.value();
  }

  private long member(Json.Obj obj, String name, long min, long max) throws V8Exception {
    Json.Value v = obj.members().get(name);
    if (v == null) {
      throw error(obj.pos(), "missing \"" + name + "\"");
    }
    return integer(v, name, min, max);
  }

  private long integer(Json.Value v, String name, long min, long max) throws V8Exception {
    if (!(v instanceof Json.Num n) || !n.text().matches("-?(0|[1-9][0-9]{0,18})")) {
      throw error(v.pos(), "\"" + name + "\" must be an integer, found " + describe(v));
    }
    long value = Long.parseLong(n.text());
    if (value < min || value > max) {
      throw error(v.pos(), "\"" + name + "\" out of range: " + value);
    }
    return value;
  }

  private static String describe(Json.Value v) {
    return v instanceof Json.Num n ? n.text() : v.kind();
  }

  private V8Exception error(Json.Pos pos, String message) {
    return new V8Exception(
        "the V8 script's output, line " + lineNumber + ":" + pos.column() + ": " + message);
  }
}
