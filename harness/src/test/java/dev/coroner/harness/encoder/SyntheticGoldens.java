package dev.coroner.harness.encoder;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.CoreDumpText;
import dev.coroner.coredump.CoreStack;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Global;
import dev.coroner.coredump.Instance;
import dev.coroner.coredump.Memory;
import dev.coroner.coredump.MemoryContents;
import dev.coroner.coredump.Value;
import dev.coroner.coredump.ValueType;
import dev.coroner.harness.golden.GoldenLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A small, varied golden tree built from hand-made dumps, for tests that run before the real
 * goldens exist: several instances (two of one module, sharing a memory), memories with sparse data
 * over more than 4 KiB including bytes at the very end of a memory, a memory64 and a shared memory,
 * an empty memory, globals of every type, frames with every value kind and negative values, two
 * threads, and a dump whose sections are all empty.
 */
public final class SyntheticGoldens {

  /** System property pointing tests at a real golden root instead. */
  public static final String ROOT_PROPERTY = "coroner.goldenRoot";

  private SyntheticGoldens() {}

  /** The dumps, keyed by golden path ({@code <fixture path>/<line>.core}). */
  public static Map<String, CoreDump> dumps() {
    Map<String, CoreDump> out = new LinkedHashMap<>();
    out.put("empty.wast/3.core", empty());
    out.put("spec/rich.wast/42.core", rich());
    out.put("multi/threads.wast/7.core", threads());
    out.put("wasi/app.wasm/1.core", quietMemory());
    return out;
  }

  /** Writes every dump's canonical encoding and text rendering under {@code root}. */
  public static Path writeTree(Path root) {
    try {
      for (Map.Entry<String, CoreDump> e : dumps().entrySet()) {
        Path core = root.resolve(e.getKey());
        Files.createDirectories(core.getParent());
        Files.write(core, CoreDumpEncoder.encode(e.getValue()));
        Files.writeString(
            GoldenLayout.textBeside(core),
            CoreDumpText.render(e.getValue()),
            StandardCharsets.UTF_8);
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The golden tree the encoder tests run over, written under {@code tempDir}: the synthetic
   * goldens under {@code synthetic/} (they cover what Coroner's interpreter cannot capture: v128
   * globals, memory64, shared memories, placeholders), plus a copy of the conformance suite's real
   * goldens under {@code conformance/} when {@value #ROOT_PROPERTY} names them (the harness build
   * sets it to {@code conformance-suite/golden}).
   */
  public static Path rootOr(Path tempDir) {
    Path root = tempDir.resolve("golden");
    writeTree(root.resolve("synthetic"));
    String real = System.getProperty(ROOT_PROPERTY, "").trim();
    if (!real.isEmpty() && Files.isDirectory(Path.of(real))) {
      copyGoldens(Path.of(real), root.resolve("conformance"));
    }
    return root;
  }

  private static void copyGoldens(Path from, Path to) {
    try (java.util.stream.Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p)
            && (name.endsWith(GoldenLayout.CORE_SUFFIX) || name.endsWith(GoldenLayout.TEXT_SUFFIX))) {
          Path target = to.resolve(from.relativize(p).toString());
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Nothing but a frame: every other section empty. */
  static CoreDump empty() {
    CoreDump.Builder b = CoreDump.builder("empty.wast");
    b.addModule("A");
    b.addInstance(new Instance(0, List.of(), List.of()));
    b.addThread(new CoreStack("main", List.of(new Frame(0, 0, 5, List.of(), List.of()))));
    return b.build();
  }

  static CoreDump rich() {
    CoreDump.Builder b = CoreDump.builder("spec/rich.wast");
    b.addModule("$A");
    b.addModule("<anonymous-module-1>");
    byte[] m0 = new byte[2 * Memory.PAGE_SIZE];
    for (int i = 0; i < 16; i++) {
      m0[0x10 + i] = (byte) (i + 1);
    }
    putInt(m0, 0x1000 - 2, -1); // crosses the first chunk boundary
    Random r = new Random(42);
    for (int i = 0x3000; i < 0x3000 + 6000; i++) {
      m0[i] = (i % 97 < 40) ? 0 : (byte) (1 + r.nextInt(255)); // zero gaps both short and long
    }
    for (int i = m0.length - 6; i < m0.length; i++) {
      m0[i] = (byte) 0xEE; // the memory's very last bytes
    }
    byte[] m1 = new byte[Memory.PAGE_SIZE];
    System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, m1, 0x20, 5);
    m1[0xff00] = 0x7f;
    byte[] m2 = new byte[Memory.PAGE_SIZE];
    m2[0x8000] = 1;
    b.addMemory(Memory.of(MemoryContents.of(m0), OptionalLong.of(10)));
    b.addMemory(new Memory(1, OptionalLong.empty(), true, false, MemoryContents.of(m1)));
    b.addMemory(new Memory(1, OptionalLong.of(1), false, true, MemoryContents.of(m2)));
    b.addMemory(new Memory(0, OptionalLong.of(5), false, false, MemoryContents.zeros(0)));
    b.addGlobal(Global.i32(-5));
    b.addGlobal(Global.i64(Long.MIN_VALUE));
    b.addGlobal(Global.f32Bits(0x7fc00001));
    b.addGlobal(Global.f64Bits(Double.doubleToRawLongBits(-0.0)));
    b.addGlobal(Global.v128(0x0123456789abcdefL, 0xfedcba9876543210L));
    b.addGlobal(Global.nullRef(ValueType.FUNCREF));
    b.addGlobal(Global.nullRef(ValueType.EXTERNREF));
    b.addGlobal(Global.i32(100));
    b.addGlobal(Global.i64(1L << 40));
    b.addGlobal(Global.f32Bits(Float.floatToRawIntBits(1.5f)));
    // Two instances of $A share memory 0; the second also has the memory64 one.
    b.addInstance(new Instance(0, List.of(0), List.of(0, 1, 2)));
    b.addInstance(new Instance(0, List.of(0, 1), List.of(3, 4, 5, 6)));
    b.addInstance(new Instance(1, List.of(2, 3), List.of(7, 8, 9)));
    Frame trap =
        new Frame(
            2, 7, 0x95,
            List.of(
                Value.i32(-1), Value.i64(-(1L << 40)), Value.f32(1.5f), Value.f64(Math.PI),
                Value.MISSING),
            List.of(Value.i32(7), Value.i32(0)));
    Frame caller =
        new Frame(1, 3, 12, List.of(Value.i32(64)), List.of(Value.i64(-1), Value.f32(-0.0f)));
    Frame outer = new Frame(0, 0, 300, List.of(), List.of());
    b.addThread(new CoreStack("main", List.of(trap, caller, outer)));
    return b.build();
  }

  static CoreDump threads() {
    CoreDump.Builder b = CoreDump.builder("multi/threads.wast");
    b.addModule("worker");
    byte[] m = new byte[16 * Memory.PAGE_SIZE];
    m[0] = 1;
    m[5 * Memory.PAGE_SIZE + 123] = 2;
    putInt(m, 15 * Memory.PAGE_SIZE + 4000, 0x01020304);
    b.addMemory(Memory.of(MemoryContents.of(m), OptionalLong.empty()));
    b.addGlobal(Global.i32(Integer.MIN_VALUE));
    b.addInstance(new Instance(0, List.of(0), List.of(0)));
    b.addThread(
        new CoreStack(
            "main",
            List.of(
                new Frame(0, 1, 70000, List.of(Value.i32(Integer.MAX_VALUE)),
                    List.of(Value.f64Bits(0x7ff8000000000001L))))));
    b.addThread(
        new CoreStack(
            "worker",
            List.of(
                new Frame(0, 2, 9, List.of(Value.MISSING, Value.i64(Long.MAX_VALUE)),
                    List.of()))));
    return b.build();
  }

  /** A memory with no data at all, and no globals. */
  static CoreDump quietMemory() {
    CoreDump.Builder b = CoreDump.builder("wasi/app.wasm");
    b.addModule("app");
    b.addMemory(Memory.of(MemoryContents.zeros(Memory.PAGE_SIZE), OptionalLong.empty()));
    b.addInstance(new Instance(0, List.of(0), List.of()));
    b.addThread(
        new CoreStack("main", List.of(new Frame(0, 4, 1, List.of(Value.i32(0)), List.of()))));
    return b.build();
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
