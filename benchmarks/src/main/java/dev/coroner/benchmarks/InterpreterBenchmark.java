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
 * Coroner's interpreter against Chicory's interpreter on the same workloads, in the same JVM
 * fork. Every set-up checks the engine's result, so a fast wrong answer cannot win.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m"})
public class InterpreterBenchmark {

  @Param({"FIB", "LOOP", "SIEVE", "MANDELBROT", "C_PROGRAM"})
  public Workload workload;

  @Param({"coroner", "chicory"})
  public String engine;

  private Engine runner;

  @Setup
  public void setUp() {
    runner = engine.equals("coroner") ? Engine.coroner(workload, false) : Engine.chicory(workload);
    workload.check(runner.run(), engine);
  }

  @Benchmark
  public long run() {
    return runner.run();
  }
}
