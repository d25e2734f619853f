package dev.coroner.benchmarks;

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
 * Coroner's compiled engine against Coroner's interpreter, Chicory 1.7.5's interpreter and
 * Chicory 1.7.5's compiler, in the same fork. Every set-up checks the result. Translation happens
 * in the set-up (once per module and fork), so it is not in these times: {@link
 * CompileCostBenchmark} measures it; {@link CaptureCostBenchmark} measures what exact capture costs
 * compiled code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xss8m"})
public class CompiledBenchmark {

  @Param({"FIB", "LOOP", "SIEVE", "MANDELBROT", "C_PROGRAM"})
  public Workload workload;

  /** interpreter, compiled, chicory (its interpreter) or chicory-compiler. */
  @Param({"interpreter", "compiled", "chicory", "chicory-compiler"})
  public String engine;

  private Engine runner;

  @Setup
  public void setUp() {
    switch (engine) {
      case "interpreter":
        runner = Engine.coroner(workload, true, "interpreter");
        break;
      case "compiled":
        runner = Engine.coroner(workload, true, "compiled");
        break;
      case "chicory":
        runner = Engine.chicory(workload);
        break;
      case "chicory-compiler":
        runner = Engine.chicoryCompiler(workload);
        break;
      default:
        throw new IllegalArgumentException("unknown engine " + engine);
    }
    workload.check(runner.run(), engine);
  }

  @Benchmark
  public long run() {
    return runner.run();
  }
}
