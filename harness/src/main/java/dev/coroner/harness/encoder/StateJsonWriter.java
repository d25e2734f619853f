package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link CoreDump} as {@code state.json} text, deterministically: member order, layout
 * ({@link JsonWriter}), lower-case fixed-width hex, and memory runs split at gaps of at least
 * {@value StateJson#RUN_GAP} zero bytes; so the same state always gives the same text, and a
 * committed file can be checked for staleness by comparing text.
 */
final class StateJsonWriter {

  private static final HexFormat HEX = HexFormat.of();
  private static final int BLOCK = 1 << 16;

  private StateJsonWriter() {}

  /** The state of {@code dump} as {@code state.json} text (ends with a newline). */
  static String write(CoreDump dump) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", StateJson.FORMAT);
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
   * separated by at least {@link StateJson#RUN_GAP} zero bytes (shorter zero gaps stay inside a run).
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
        if (runStart >= 0 && at - runEnd < StateJson.RUN_GAP) {
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
}
