package dev.coroner.coredump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/** Random valid dumps for property tests, from a seed (QuickTheories generates the seeds). */
final class RandomDumps {

  private RandomDumps() {}

  static CoreDump generate(long seed, int maxPages) {
    Random r = new Random(seed);
    List<String> modules = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      modules.add(name(r));
    }
    List<Memory> memories = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      memories.add(memory(r, maxPages));
    }
    List<Global> globals = new ArrayList<>();
    for (int i = r.nextInt(8); i > 0; i--) {
      globals.add(global(r));
    }
    List<Instance> instances = new ArrayList<>();
    if (!modules.isEmpty()) {
      for (int i = r.nextInt(4); i > 0; i--) {
        instances.add(
            new Instance(
                r.nextInt(modules.size()), indices(r, memories.size()), indices(r, globals.size())));
      }
    }
    List<CoreStack> threads = new ArrayList<>();
    if (!instances.isEmpty()) {
      for (int t = r.nextInt(3); t > 0; t--) {
        List<Frame> frames = new ArrayList<>();
        for (int f = r.nextInt(4); f > 0; f--) {
          frames.add(
              new Frame(
                  r.nextInt(instances.size()), edgyInt(r), edgyInt(r), values(r), values(r)));
        }
        threads.add(new CoreStack(r.nextBoolean() ? "main" : name(r), frames));
      }
    }
    Optional<String> process = r.nextInt(10) == 0 ? Optional.empty() : Optional.of(name(r));
    return new CoreDump(process, modules, instances, memories, globals, threads);
  }

  static String name(Random r) {
    String[] parts = {"a", "mod", "é", "漢字", "🦀", " ", "\"", "\n", "x/y.wast", ""};
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(4); i > 0; i--) {
      s.append(parts[r.nextInt(parts.length)]);
    }
    return s.toString();
  }

  static int edgyInt(Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return 0;
      case 1:
        return -1;
      case 2:
        return 1 << r.nextInt(32);
      default:
        return r.nextInt();
    }
  }

  static long edgyLong(Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return 0;
      case 1:
        return -1;
      case 2:
        return 1L << r.nextInt(64);
      default:
        return r.nextLong();
    }
  }

  static List<Integer> indices(Random r, int count) {
    List<Integer> out = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      if (count == 0 || r.nextInt(6) == 0) {
        out.add(Instance.ABSENT);
      } else {
        out.add(r.nextInt(count));
      }
    }
    return out;
  }

  static Memory memory(Random r, int maxPages) {
    int pages = r.nextInt(maxPages + 1);
    byte[] bytes = new byte[pages * Memory.PAGE_SIZE];
    for (int i = r.nextInt(6); i > 0 && bytes.length > 0; i--) {
      // a run of random bytes (often with zeros inside) somewhere, sometimes across a chunk edge
      int len = 1 + r.nextInt(r.nextBoolean() ? 8 : 6000);
      int at =
          r.nextBoolean()
              ? r.nextInt(bytes.length)
              : Math.max(0, (r.nextInt(bytes.length / 4096) + 1) * 4096 - 1 - r.nextInt(4));
      for (int j = at; j < Math.min(bytes.length, at + len); j++) {
        bytes[j] = r.nextInt(3) == 0 ? 0 : (byte) r.nextInt();
      }
    }
    boolean memory64 = r.nextBoolean();
    boolean shared = r.nextInt(4) == 0;
    OptionalLong max =
        shared || r.nextBoolean() ? OptionalLong.of(pages + r.nextInt(3)) : OptionalLong.empty();
    return new Memory(pages, max, memory64, shared, MemoryContents.of(bytes));
  }

  static Global global(Random r) {
    Global g;
    switch (r.nextInt(7)) {
      case 0:
        g = Global.i32(edgyInt(r));
        break;
      case 1:
        g = Global.i64(edgyLong(r));
        break;
      case 2:
        g = Global.f32Bits(edgyInt(r));
        break;
      case 3:
        g = Global.f64Bits(edgyLong(r));
        break;
      case 4:
        g = Global.v128(edgyLong(r), edgyLong(r));
        break;
      case 5:
        g = Global.nullRef(ValueType.FUNCREF);
        break;
      default:
        g = Global.nullRef(ValueType.EXTERNREF);
        break;
    }
    return g.withMutable(r.nextInt(4) == 0);
  }

  static List<Value> values(Random r) {
    List<Value> out = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      switch (r.nextInt(5)) {
        case 0:
          out.add(Value.i32(edgyInt(r)));
          break;
        case 1:
          out.add(Value.i64(edgyLong(r)));
          break;
        case 2:
          out.add(Value.f32Bits(edgyInt(r)));
          break;
        case 3:
          out.add(Value.f64Bits(edgyLong(r)));
          break;
        default:
          out.add(Value.MISSING);
          break;
      }
    }
    return out;
  }
}
