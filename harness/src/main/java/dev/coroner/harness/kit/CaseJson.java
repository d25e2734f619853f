package dev.coroner.harness.kit;

import dev.coroner.fixtures.WastValue;
import dev.coroner.fixtures.json.Json;
import dev.coroner.harness.encoder.JsonWriter;
import dev.coroner.harness.golden.GoldenId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code case.json}, schema {@value Kit#FORMAT}: writes a {@link KitCase} deterministically
 * (members in schema order, {@link JsonWriter}'s layout) and reads one strictly (unknown members,
 * wrong types, instance numbers used before their instantiation, module files the case does not
 * list are errors naming the member path, line and column).
 */
public final class CaseJson {

  /** Largest call depth a manifest may ask for. */
  static final int MAX_CALL_DEPTH = 1_000_000;

  private CaseJson() {}

  /** The manifest text of {@code c} (ends with a newline). */
  public static String write(KitCase c) throws KitException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", Kit.FORMAT);
    root.put("id", c.id().toString());
    root.put("kind", c.kind().json());
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("file", c.source().file());
    source.put("fixture", c.source().fixture());
    source.put("line", line(c.source().line()));
    source.put("sha256", c.source().sha256());
    root.put("source", source);
    root.put("process", c.process());
    root.put("limits", Map.of("maxCallDepth", c.maxCallDepth()));
    root.put("hostModules", c.hostModules());
    List<Object> modules = new ArrayList<>();
    for (KitModule m : c.modules()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("file", m.file());
      mm.put("dumpName", m.dumpName());
      mm.put("sha256", m.sha256());
      modules.add(mm);
    }
    root.put("modules", modules);
    List<Object> steps = new ArrayList<>();
    for (int i = 0; i < c.steps().size(); i++) {
      steps.add(step(c.steps().get(i), c.id() + " step " + i));
    }
    root.put("steps", steps);
    Map<String, Object> trap = new LinkedHashMap<>();
    trap.put("step", c.trap().step());
    trap.put("kind", c.trap().exhaustion() ? "exhaustion" : "trap");
    trap.put("message", c.trap().message());
    root.put("trap", trap);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("core", c.expected().core());
    expected.put("text", c.expected().text());
    expected.put("state", c.expected().state());
    root.put("expected", expected);
    return JsonWriter.write(root);
  }

  private static Object line(OptionalInt line) {
    return line.isPresent() ? (Object) line.getAsInt() : null;
  }

  private static Map<String, Object> step(KitStep s, String where) throws KitException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", s.op());
    m.put("line", line(s.line()));
    if (s instanceof KitStep.Instantiate i) {
      m.put("module", i.module());
      m.put("instance", i.instance());
      m.put("name", i.name().orElse(null));
    } else if (s instanceof KitStep.Register r) {
      m.put("instance", r.instance());
      m.put("as", r.as());
    } else if (s instanceof KitStep.Invoke v) {
      m.put("instance", v.instance());
      m.put("export", v.export());
      List<Object> args = new ArrayList<>();
      for (WastValue a : v.args()) {
        args.add(KitValues.write(a, where));
      }
      m.put("args", args);
    } else if (s instanceof KitStep.Get g) {
      m.put("instance", g.instance());
      m.put("export", g.export());
    } else {
      KitStep.WasiStart w = (KitStep.WasiStart) s;
      m.put("module", w.module());
      m.put("instance", w.instance());
      m.put("args", w.args());
      List<Object> env = new ArrayList<>();
      for (KitStep.EnvVar e : w.env()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("name", e.name());
        em.put("value", e.value());
        env.add(em);
      }
      m.put("env", env);
      m.put("stdin", w.stdin().orElse(null));
      List<Object> preopens = new ArrayList<>();
      for (KitStep.Preopen p : w.preopens()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("guest", p.guest());
        pm.put("host", p.host());
        preopens.add(pm);
      }
      m.put("preopens", preopens);
    }
    if (s.expect().kind() != Expect.Kind.NOTHING) {
      m.put("expect", expect(s.expect(), where));
    }
    return m;
  }

  private static Map<String, Object> expect(Expect e, String where) throws KitException {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (e.kind()) {
      case RESULTS:
        {
          List<Object> results = new ArrayList<>();
          for (WastValue v : e.results()) {
            results.add(KitValues.write(v, where));
          }
          m.put("results", results);
          break;
        }
      case TRAP:
        m.put("trap", e.text());
        break;
      case EXHAUSTION:
        m.put("exhaustion", e.text());
        break;
      default:
        throw new AssertionError(e);
    }
    return m;
  }

  /**
   * Reads a manifest; {@code file} names it in messages.
   *
   * @throws KitException naming the file, member path, line and column of the first problem
   */
  public static KitCase read(String file, String text) throws KitException {
    ManifestReader r = new ManifestReader(file);
    return new CaseJson.Reader(r).read(r.parse(text));
  }

  /** The reading half, which keeps the instances and modules seen so far for cross-checks. */
  private static final class Reader {
    private final ManifestReader r;
    private final Set<String> moduleFiles = new LinkedHashSet<>();
    private int instances;

    Reader(ManifestReader r) {
      this.r = r;
    }

    KitCase read(Json.Value root) throws KitException {
      Map<String, Json.Value> m =
          r.object(
              root, "$", "format", "id", "kind", "source", "process", "limits", "hostModules",
              "modules", "steps", "trap", "expected");
      String format = r.string(m.get("format"), "$.format");
      if (!format.equals(Kit.FORMAT)) {
        throw r.error(
            m.get("format"), "$.format",
            "unsupported format \"" + format + "\", expected \"" + Kit.FORMAT + "\"");
      }
      GoldenId id = id(r, m.get("id"), "$.id");
      String kindName = r.string(m.get("kind"), "$.kind");
      KitCase.Kind kind =
          KitCase.Kind.fromJson(kindName)
              .orElseThrow(
                  () -> r.error(
                      m.get("kind"), "$.kind",
                      "unknown kind \"" + kindName + "\" (script, wasi-command)"));
      Map<String, Json.Value> sm =
          r.object(m.get("source"), "$.source", "file", "fixture", "line", "sha256");
      KitCase.Source source =
          new KitCase.Source(
              r.relativeFile(sm.get("file"), "$.source.file"),
              r.string(sm.get("fixture"), "$.source.fixture"),
              r.line(sm.get("line"), "$.source.line"),
              r.hex(sm.get("sha256"), "$.source.sha256", 64));
      String process = r.string(m.get("process"), "$.process");
      Map<String, Json.Value> lm = r.object(m.get("limits"), "$.limits", "maxCallDepth");
      int depth = (int) r.integer(lm.get("maxCallDepth"), "$.limits.maxCallDepth", 1, MAX_CALL_DEPTH);
      List<String> hosts = r.strings(m.get("hostModules"), "$.hostModules");

      List<KitModule> modules = new ArrayList<>();
      List<Json.Value> moduleNodes = r.array(m.get("modules"), "$.modules");
      for (int i = 0; i < moduleNodes.size(); i++) {
        String p = "$.modules[" + i + "]";
        Map<String, Json.Value> mm = r.object(moduleNodes.get(i), p, "file", "dumpName", "sha256");
        String file = r.relativeFile(mm.get("file"), p + ".file");
        if (!moduleFiles.add(file)) {
          throw r.error(mm.get("file"), p + ".file", "module file \"" + file + "\" listed twice");
        }
        modules.add(
            new KitModule(
                file, r.string(mm.get("dumpName"), p + ".dumpName"),
                r.hex(mm.get("sha256"), p + ".sha256", 64)));
      }

      List<KitStep> steps = new ArrayList<>();
      List<Json.Value> stepNodes = r.array(m.get("steps"), "$.steps");
      if (stepNodes.isEmpty()) {
        throw r.error(m.get("steps"), "$.steps", "a case has at least one step (the trap)");
      }
      for (int i = 0; i < stepNodes.size(); i++) {
        steps.add(step(stepNodes.get(i), "$.steps[" + i + "]", kind));
      }

      Map<String, Json.Value> tm = r.object(m.get("trap"), "$.trap", "step", "kind", "message");
      int trapStep = r.index(tm.get("step"), "$.trap.step", Integer.MAX_VALUE);
      if (trapStep != steps.size() - 1) {
        throw r.error(
            tm.get("step"), "$.trap.step",
            "the dumped trap is the last step's (" + (steps.size() - 1) + "), got " + trapStep);
      }
      String trapKind = r.string(tm.get("kind"), "$.trap.kind");
      if (!trapKind.equals("trap") && !trapKind.equals("exhaustion")) {
        throw r.error(
            tm.get("kind"), "$.trap.kind",
            "expected \"trap\" or \"exhaustion\", got \"" + trapKind + "\"");
      }
      KitStep last = steps.get(trapStep);
      boolean exhaustion = trapKind.equals("exhaustion");
      Expect.Kind wanted = exhaustion ? Expect.Kind.EXHAUSTION : Expect.Kind.TRAP;
      if (last.expect().kind() != wanted) {
        throw r.error(
            tm.get("kind"), "$.trap.kind",
            "the last step must expect " + trapKind + ", but expects "
                + last.expect().kind().name().toLowerCase(java.util.Locale.ROOT));
      }
      String message = r.string(tm.get("message"), "$.trap.message");
      if (!message.equals(last.expect().text())) {
        throw r.error(
            tm.get("message"), "$.trap.message",
            "differs from the last step's expected message \"" + last.expect().text() + "\"");
      }
      Map<String, Json.Value> em =
          r.object(m.get("expected"), "$.expected", "core", "text", "state");
      KitCase.Expected expected =
          new KitCase.Expected(
              r.relativeFile(em.get("core"), "$.expected.core"),
              r.relativeFile(em.get("text"), "$.expected.text"),
              r.relativeFile(em.get("state"), "$.expected.state"));
      return new KitCase(
          id, kind, source, process, depth, hosts, modules, steps,
          new KitCase.Trap(trapStep, exhaustion, message), expected);
    }

    private KitStep step(Json.Value node, String p, KitCase.Kind kind) throws KitException {
      if (!(node instanceof Json.Obj obj) || !obj.members().containsKey("op")) {
        throw r.error(node, p, "expected a step object with an \"op\" member");
      }
      Json.Value opNode = obj.members().get("op");
      String op = r.string(opNode, p + ".op");
      boolean script = kind == KitCase.Kind.SCRIPT;
      switch (op) {
        case "instantiate":
          if (script) {
            return instantiate(node, p);
          }
          break;
        case "register":
          if (script) {
            return register(node, p);
          }
          break;
        case "invoke":
          if (script) {
            return invoke(node, p);
          }
          break;
        case "get":
          if (script) {
            return get(node, p);
          }
          break;
        case "wasi-start":
          if (!script) {
            return wasiStart(node, p);
          }
          break;
        default:
          throw r.error(
              opNode, p + ".op",
              "unknown op \"" + op + "\" (instantiate, register, invoke, get, wasi-start)");
      }
      throw r.error(opNode, p + ".op", "op \"" + op + "\" is not allowed in a " + kind.json() + " case");
    }

    private KitStep instantiate(Json.Value node, String p) throws KitException {
      Map<String, Json.Value> m =
          r.object(node, p, Set.of("op", "line", "module", "instance", "name"), Set.of("expect"));
      String module = moduleFile(m.get("module"), p + ".module");
      newInstance(m.get("instance"), p + ".instance");
      Expect expect = expect(m.get("expect"), p + ".expect", false, false);
      return new KitStep.Instantiate(
          r.line(m.get("line"), p + ".line"), module, instances - 1,
          Optional.ofNullable(r.stringOrNull(m.get("name"), p + ".name")), expect);
    }

    private KitStep register(Json.Value node, String p) throws KitException {
      Map<String, Json.Value> m = r.object(node, p, "op", "line", "instance", "as");
      return new KitStep.Register(
          r.line(m.get("line"), p + ".line"), instance(m.get("instance"), p + ".instance"),
          r.string(m.get("as"), p + ".as"));
    }

    private KitStep invoke(Json.Value node, String p) throws KitException {
      Map<String, Json.Value> m =
          r.object(node, p, Set.of("op", "line", "instance", "export", "args"), Set.of("expect"));
      List<WastValue> args = new ArrayList<>();
      List<Json.Value> argNodes = r.array(m.get("args"), p + ".args");
      for (int i = 0; i < argNodes.size(); i++) {
        args.add(KitValues.read(r, argNodes.get(i), p + ".args[" + i + "]", false));
      }
      return new KitStep.Invoke(
          r.line(m.get("line"), p + ".line"), instance(m.get("instance"), p + ".instance"),
          r.string(m.get("export"), p + ".export"), args,
          expect(m.get("expect"), p + ".expect", true, true));
    }

    private KitStep get(Json.Value node, String p) throws KitException {
      Map<String, Json.Value> m =
          r.object(node, p, Set.of("op", "line", "instance", "export"), Set.of("expect"));
      Expect expect = expect(m.get("expect"), p + ".expect", true, false);
      if (expect.kind() == Expect.Kind.RESULTS && expect.results().size() != 1) {
        throw r.error(m.get("expect"), p + ".expect.results", "a get has exactly one result");
      }
      return new KitStep.Get(
          r.line(m.get("line"), p + ".line"), instance(m.get("instance"), p + ".instance"),
          r.string(m.get("export"), p + ".export"), expect);
    }

    private KitStep wasiStart(Json.Value node, String p) throws KitException {
      Map<String, Json.Value> m =
          r.object(
              node, p,
              Set.of("op", "line", "module", "instance", "args", "env", "stdin", "preopens"),
              Set.of("expect"));
      String module = moduleFile(m.get("module"), p + ".module");
      newInstance(m.get("instance"), p + ".instance");
      List<KitStep.EnvVar> env = new ArrayList<>();
      List<Json.Value> envNodes = r.array(m.get("env"), p + ".env");
      for (int i = 0; i < envNodes.size(); i++) {
        String ep = p + ".env[" + i + "]";
        Map<String, Json.Value> em = r.object(envNodes.get(i), ep, "name", "value");
        env.add(new KitStep.EnvVar(
            r.string(em.get("name"), ep + ".name"), r.string(em.get("value"), ep + ".value")));
      }
      String stdin =
          m.get("stdin") instanceof Json.Null ? null : r.relativeFile(m.get("stdin"), p + ".stdin");
      List<KitStep.Preopen> preopens = new ArrayList<>();
      List<Json.Value> preNodes = r.array(m.get("preopens"), p + ".preopens");
      for (int i = 0; i < preNodes.size(); i++) {
        String pp = p + ".preopens[" + i + "]";
        Map<String, Json.Value> pm = r.object(preNodes.get(i), pp, "guest", "host");
        preopens.add(new KitStep.Preopen(
            r.string(pm.get("guest"), pp + ".guest"), r.relativeFile(pm.get("host"), pp + ".host")));
      }
      return new KitStep.WasiStart(
          r.line(m.get("line"), p + ".line"), module, instances - 1,
          r.strings(m.get("args"), p + ".args"), env, Optional.ofNullable(stdin), preopens,
          expect(m.get("expect"), p + ".expect", false, false));
    }

    private String moduleFile(Json.Value node, String p) throws KitException {
      String file = r.string(node, p);
      if (!moduleFiles.contains(file)) {
        throw r.error(node, p, "module file \"" + file + "\" is not listed in $.modules");
      }
      return file;
    }

    private void newInstance(Json.Value node, String p) throws KitException {
      int n = r.index(node, p, Integer.MAX_VALUE);
      if (n != instances) {
        throw r.error(
            node, p, "instances are numbered in order of creation: expected " + instances
                + ", got " + n);
      }
      instances++;
    }

    private int instance(Json.Value node, String p) throws KitException {
      int n = r.index(node, p, Integer.MAX_VALUE);
      if (n >= instances) {
        throw r.error(
            node, p, "instance " + n + " does not exist yet (" + instances + " created so far)");
      }
      return n;
    }

    /** An optional expectation; {@code results} allows a results expectation. */
    private Expect expect(Json.Value node, String p, boolean results, boolean exhaustion)
        throws KitException {
      if (node == null) {
        return Expect.NOTHING;
      }
      Set<String> allowed = new LinkedHashSet<>(List.of("trap"));
      if (results) {
        allowed.add("results");
      }
      if (exhaustion) {
        allowed.add("exhaustion");
      }
      Map<String, Json.Value> m = r.object(node, p, Set.of(), allowed);
      if (m.size() != 1) {
        throw r.error(node, p, "expected exactly one of " + String.join(", ", allowed));
      }
      Map.Entry<String, Json.Value> e = m.entrySet().iterator().next();
      switch (e.getKey()) {
        case "trap":
          return Expect.trap(r.string(e.getValue(), p + ".trap"));
        case "exhaustion":
          return Expect.exhaustion(r.string(e.getValue(), p + ".exhaustion"));
        default:
          {
            List<WastValue> values = new ArrayList<>();
            List<Json.Value> nodes = r.array(e.getValue(), p + ".results");
            for (int i = 0; i < nodes.size(); i++) {
              values.add(KitValues.read(r, nodes.get(i), p + ".results[" + i + "]", true));
            }
            return Expect.results(values);
          }
      }
    }
  }

  static GoldenId id(ManifestReader r, Json.Value node, String path) throws KitException {
    String s = r.string(node, path);
    try {
      return GoldenId.parse(s);
    } catch (IllegalArgumentException e) {
      throw r.error(node, path, e.getMessage());
    }
  }
}
