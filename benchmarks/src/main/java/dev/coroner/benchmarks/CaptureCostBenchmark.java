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
 * What exact capture costs compiled code when nothing traps: the compiled engine as it is ({@code
 * capture}: every trapping instruction and call a site with its exception handler, the operand
 * locals zeroed on entry so a handler may read them) against the same translation with capture
 * compiled out ({@code captureCompiledOut}: the system property {@code
 * coroner.compiler.sites=false}, no handlers and no zeroing), each in its own forks. The store
 * captures in both; the workloads do not trap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class CaptureCostBenchmark {

  @Param({"FIB", "LOOP", "SIEVE", "MANDELBROT", "C_PROGRAM"})
  public Workload workload;

  private Engine runner;

  @Setup
  public void setUp() {
    runner = Engine.coroner(workload, true, "compiled");
    workload.check(runner.run(), "compiled");
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = {"-Xss8m"})
  public long capture() {
    return runner.run();
  }

  @Benchmark
  @Fork(value = 2, jvmArgsAppend = {"-Xss8m", "-Dcoroner.compiler.sites=false"})
  public long captureCompiledOut() {
    return runner.run();
  }
}
