package dev.coroner.harness.v8;

import dev.coroner.fixtures.Action;
import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.WastValue;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the jobs as the JSON document {@code v8-frames.mjs} reads on its standard input (the
 * format is described at the top of the script). Modules travel as base64, numbers as the
 * unsigned decimal of their bits, so nothing is lost on the way.
 */
final class V8Manifest {

  private final StringBuilder out = new StringBuilder();

  private V8Manifest() {}

  /** The document for {@code jobs}. */
  static String write(List<V8Job> jobs) {
    V8Manifest m = new V8Manifest();
    m.out.append("{\"version\":1,\"jobs\":[");
    for (int i = 0; i < jobs.size(); i++) {
      m.out.append(i == 0 ? "\n" : ",\n");
      m.job(jobs.get(i));
    }
    return m.out.append("\n]}\n").toString();
  }

  private void job(V8Job job) {
    if (job instanceof V8Job.Script s) {
      out.append("{\"kind\":\"script\",\"id\":").append(string(s.id())).append(",\"commands\":[");
      boolean first = true;
      for (Command c : s.commands()) {
        out.append(first ? "" : ",");
        first = false;
        command(c);
      }
      out.append("]}");
    } else {
      V8Job.Program p = (V8Job.Program) job;
      out.append("{\"kind\":\"wasi\",\"id\":").append(string(p.id()))
          .append(",\"key\":").append(string(p.key()))
          .append(",\"wasm\":").append(base64(p.wasm()))
          .append(",\"args\":[");
      for (int i = 0; i < p.args().size(); i++) {
        out.append(i == 0 ? "" : ",").append(string(p.args().get(i)));
      }
      out.append("],\"env\":");
      map(new TreeMap<>(p.env()));
      out.append(",\"preopens\":");
      Map<String, String> preopens = new TreeMap<>();
      p.preopens().forEach((guest, host) -> preopens.put(guest, host.toAbsolutePath().toString()));
      map(preopens);
      out.append(",\"stdin\":").append(base64(p.stdin())).append('}');
    }
  }

  private void map(Map<String, String> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : map.entrySet()) {
      out.append(first ? "" : ",").append(string(e.getKey())).append(':')
          .append(string(e.getValue()));
      first = false;
    }
    out.append('}');
  }

  private void command(Command c) {
    String line = ",\"line\":" + c.line();
    if (c instanceof Command.ModuleCommand m) {
      out.append("{\"type\":\"module\"").append(line).append(",\"name\":")
          .append(optional(m.name())).append(",\"wasm\":").append(base64(m.module().bytes()))
          .append('}');
    } else if (c instanceof Command.Register r) {
      out.append("{\"type\":\"register\"").append(line).append(",\"as\":").append(string(r.as()))
          .append(",\"module\":").append(optional(r.module())).append('}');
    } else if (c instanceof Command.ActionCommand a) {
      withAction("action", line, a.action());
    } else if (c instanceof Command.AssertReturn r) {
      withAction("assert_return", line, r.action());
    } else if (c instanceof Command.AssertTrap t && t.isModuleTrap()) {
      out.append("{\"type\":\"assert_trap\"").append(line).append(",\"wasm\":")
          .append(base64(t.module().orElseThrow().bytes())).append('}');
    } else if (c instanceof Command.AssertTrap t) {
      withAction("assert_trap", line, t.action().orElseThrow());
    } else if (c instanceof Command.AssertExhaustion x) {
      withAction("assert_exhaustion", line, x.action());
    } else {
      // assert_invalid, assert_malformed, assert_unlinkable: not run in fixtures (the script says so)
      out.append("{\"type\":").append(string(c.getClass().getSimpleName())).append(line)
          .append('}');
    }
  }

  private void withAction(String type, String line, Action action) {
    out.append("{\"type\":\"").append(type).append('"').append(line).append(",\"action\":");
    if (action instanceof Action.Invoke invoke) {
      out.append("{\"type\":\"invoke\",\"module\":").append(optional(invoke.module()))
          .append(",\"field\":").append(string(invoke.field())).append(",\"args\":[");
      List<WastValue> args = invoke.args();
      for (int i = 0; i < args.size(); i++) {
        out.append(i == 0 ? "" : ",");
        value(args.get(i));
      }
      out.append("]}");
    } else {
      Action.Get get = (Action.Get) action;
      out.append("{\"type\":\"get\",\"module\":").append(optional(get.module()))
          .append(",\"field\":").append(string(get.field())).append(",\"args\":[]}");
    }
    out.append('}');
  }

  private void value(WastValue v) {
    String type = string(v.type().jsonName());
    if (v instanceof WastValue.Num n) {
      out.append("{\"type\":").append(type).append(",\"bits\":\"")
          .append(Long.toUnsignedString(n.bits())).append("\"}");
    } else if (v instanceof WastValue.Ref r) {
      out.append("{\"type\":").append(type)
          .append(r.isNull() ? ",\"null\":true}" : ",\"value\":\"" + r.value() + "\"}");
    } else {
      out.append("{\"type\":").append(type).append('}'); // v128: refused by the script
    }
  }

  private static String optional(Optional<String> s) {
    return s.map(V8Manifest::string).orElse("null");
  }

  private static String base64(byte[] bytes) {
    return '"' + Base64.getEncoder().encodeToString(bytes) + '"';
  }

  /** A JSON string literal. */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
