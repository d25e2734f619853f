package dev.coroner.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import dev.coroner.chicory.ChicoryCoredumps;
import dev.coroner.coredump.CoreDump;
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
 * The cost of {@code dev.coroner.chicory} (coredumps for Chicory users) against plain Chicory
 * 1.7.5: the same workloads on Chicory's default interpreter and on the observed machine of
 * {@link ChicoryCoredumps}, when nothing traps. Each set-up checks the result, so a fast wrong
 * answer cannot win. {@link Trapping} measures what a trap costs: plain, with the state taken at
 * the trap, and with the dump assembled as well.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss8m"})
public class ChicoryCoredumpBenchmark {

  @Param({"FIB", "LOOP", "SIEVE", "MANDELBROT", "C_PROGRAM"})
  public Workload workload;

  @Param({"plain", "coredumps"})
  public String machine;

  private ExportFunction function;
  private long argument;

  @Setup
  public void setUp() {
    byte[] wasm = workload.wasm();
    Instance instance;
    if (machine.equals("plain")) {
      instance = Instance.builder(Parser.parse(wasm)).build();
    } else {
      ChicoryCoredumps coredumps = ChicoryCoredumps.create("benchmark");
      instance = coredumps.instantiate(Instance.builder(coredumps.parse(wasm)));
    }
    function = instance.export(workload.export());
    argument = workload.argument();
    workload.check(run(), "chicory (" + machine + ")");
  }

  @Benchmark
  public long run() {
    return function.apply(argument)[0];
  }

  /**
   * One trap 20 calls deep, caught: plain Chicory, with the state taken at the trap ({@code
   * capture}), and with the dump assembled as well ({@code dump}); in a module with a memory of 1
   * page (64 KiB) or 256 pages (16 MiB), data in the first page only.
   */
  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  @Fork(value = 2, jvmArgsAppend = {"-Xss8m"})
  public static class Trapping {

    private static final String MODULE =
        "(module (memory %s) (data (i32.const 16) \"some data\")"
            + " (func $down (export \"down\") (param i32) (result i32)"
            + "   (if (i32.eqz (local.get 0)) (then unreachable))"
            + "   (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))";

    @Param({"plain", "capture", "dump"})
    public String mode;

    @Param({"1", "256"})
    public int pages;

    private ExportFunction down;
    private ChicoryCoredumps coredumps;

    @Setup
    public void setUp() {
      byte[] wasm = Wat2Wasm.parse(String.format(MODULE, pages));
      if (mode.equals("plain")) {
        down = Instance.builder(Parser.parse(wasm)).build().export("down");
      } else {
        coredumps = ChicoryCoredumps.create("benchmark");
        down = coredumps.instantiate(Instance.builder(coredumps.parse(wasm))).export("down");
      }
      if (trap() != (mode.equals("dump") ? 21 : 0)) {
        throw new IllegalStateException("unexpected dump for mode " + mode);
      }
    }

    @Benchmark
    public int trap() {
      try {
        down.apply(20);
      } catch (ChicoryException e) {
        if (mode.equals("dump")) {
          CoreDump dump = coredumps.coreDumpOf(e).orElseThrow();
          return dump.threads().get(0).frames().size();
        }
        return 0;
      }
      throw new IllegalStateException("did not trap");
    }
  }
}
