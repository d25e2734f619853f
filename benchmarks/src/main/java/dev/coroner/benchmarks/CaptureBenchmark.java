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
 * The cost of having coredump capture enabled when nothing traps: Coroner's interpreter with
 * capture on and off, on the same workloads (target: within 2%).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m"})
public class CaptureBenchmark {

  @Param({"FIB", "LOOP", "SIEVE", "MANDELBROT", "C_PROGRAM"})
  public Workload workload;

  @Param({"off", "on"})
  public String capture;

  private Engine runner;

  @Setup
  public void setUp() {
    runner = Engine.coroner(workload, capture.equals("on"));
    workload.check(runner.run(), "coroner (capture " + capture + ")");
  }

  @Benchmark
  public long run() {
    return runner.run();
  }
}
