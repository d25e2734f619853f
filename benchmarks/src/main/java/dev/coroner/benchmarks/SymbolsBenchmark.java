package dev.coroner.benchmarks;

import dev.coroner.symbols.DwarfException;
import dev.coroner.symbols.SourceLocation;
import dev.coroner.symbols.Symbolizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DWARF reader of the {@code symbols} module on the largest test program of {@code symbols}
 * (C++ at -O2 with libc++ and wasi-libc, 51 units) and the largest program fixture (Rust at
 * opt-level 1 with fat LTO, its standard library inlined): address-to-source lookups per second
 * once the units are read, and the one-time cost of reading: the first lookup (unit headers, unit
 * DIEs, one unit's tree and line table) warm and in a fresh JVM, and reading every unit.
 *
 * <p>Run from the repository root ({@code module} is a path). Set-up checks one lookup per module
 * against llvm-symbolizer-22's answer, so a fast wrong reader cannot win.
 */
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SymbolsBenchmark {

  /**
   * A frame of a module and the innermost of the chain llvm-symbolizer-22 --functions=short
   * --inlines reports there.
   */
  record Check(int func, int offset, int chainLength, String innermost) {

    static Check of(String module) {
      if (module.endsWith("shapes-cpp-o2.wasm")) {
        // in main: clamp_sum inlined at shapes.cpp:32:20
        return new Check(9, 0x262, 2, "clamp_sum<double> at ./shapes.cpp:32:20");
      }
      if (module.endsWith("rust-ledger.wasm")) {
        // the crash: a slice index inlined through Vec's IndexMut into transfer, into main
        return new Check(27, 0x443, 5, "index_mut<rust_ledger::Account> at"
            + " /usr/src/rustc-1.63.0/library/core/src/slice/index.rs:248:14");
      }
      throw new IllegalStateException("no check frame for " + module);
    }
  }

  /** The module's bytes, and nothing else (so the cold benchmark starts cold). */
  @State(Scope.Thread)
  public static class Module {

    /** The largest test program of symbols, and the largest program fixture. */
    @Param({
      "symbols/src/test/resources/programs/shapes-cpp-o2/shapes-cpp-o2.wasm",
      "programs/rust-ledger/rust-ledger.wasm"
    })
    public String module;

    byte[] bytes;
    Check check;

    @Setup
    public void load() throws IOException {
      Path path = Path.of(module);
      if (!Files.exists(path)) {
        throw new IllegalStateException(path.toAbsolutePath()
            + " not found: run the benchmark from the repository root");
      }
      bytes = Files.readAllBytes(path);
      check = Check.of(module);
    }
  }

  /** A symbolizer that has read every unit, and 4,096 random frames inside function bodies. */
  @State(Scope.Thread)
  public static class Warm {
    Symbolizer symbolizer;
    int[] funcs;
    int[] offsets;
    int[] firstOfEachFunction;
    int next;

    @Setup
    public void setUp(Module m) throws DwarfException {
      symbolizer = Symbolizer.of(m.bytes);
      Check c = m.check;
      List<SourceLocation> chain = symbolizer.locate(c.func(), c.offset());
      String first = chain.isEmpty() ? "nothing" : chain.get(0).function() + " at "
          + chain.get(0).file() + ":" + chain.get(0).line() + ":" + chain.get(0).column();
      if (!first.equals(c.innermost()) || chain.size() != c.chainLength()) {
        throw new IllegalStateException("wrong answer for the check frame: " + first + " in a"
            + " chain of " + chain.size() + ", llvm-symbolizer: " + c.innermost() + " in a chain"
            + " of " + c.chainLength());
      }
      List<int[]> bodies = new ArrayList<>();
      for (int f = 0; f < symbolizer.functionCount(); f++) {
        var size = symbolizer.bodySize(f);
        if (size.isPresent()) {
          bodies.add(new int[] {f, (int) size.getAsLong()});
        }
      }
      Random random = new Random(42);
      funcs = new int[4096];
      offsets = new int[4096];
      for (int i = 0; i < funcs.length; i++) {
        int[] b = bodies.get(random.nextInt(bodies.size()));
        funcs[i] = b[0];
        offsets[i] = random.nextInt(b[1]);
        symbolizer.locate(funcs[i], offsets[i]);
      }
      firstOfEachFunction = new int[bodies.size()];
      for (int i = 0; i < bodies.size(); i++) {
        firstOfEachFunction[i] = bodies.get(i)[0];
      }
    }
  }

  /** One lookup (function index, code offset) to its source chain, units already read. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public List<SourceLocation> lookup(Warm w) throws DwarfException {
    int i = w.next++ & (w.funcs.length - 1);
    return w.symbolizer.locate(w.funcs[i], w.offsets[i]);
  }

  /** A new symbolizer's first lookup, JIT-compiled. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<SourceLocation> firstLookup(Module m) throws DwarfException {
    return Symbolizer.of(m.bytes).locate(m.check.func(), m.check.offset());
  }

  /**
   * The same first lookup in a fresh JVM (nothing compiled or loaded yet), as a command line
   * tool meets it: one shot per fork.
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public List<SourceLocation> firstLookupCold(Module m) throws DwarfException {
    return Symbolizer.of(m.bytes).locate(m.check.func(), m.check.offset());
  }

  /** A new symbolizer that then reads every unit (one lookup in every function), JIT-compiled. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int readEverything(Module m, Warm w) throws DwarfException {
    Symbolizer s = Symbolizer.of(m.bytes);
    int frames = 0;
    for (int f : w.firstOfEachFunction) {
      frames += s.locate(f, 1).size();
    }
    return frames;
  }
}
