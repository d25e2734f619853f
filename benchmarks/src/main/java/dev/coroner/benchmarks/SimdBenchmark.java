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
 * Coroner's interpreter and its compiled engine on the fixed-width SIMD workload ({@link
 * Workload#SIMD}), with the same settings as {@link InterpreterBenchmark} (capture off; the
 * compiled engine translates in the set-up). There is no Chicory column: Chicory 1.7.5's interpreter
 * does not run SIMD instructions (its SIMD support is a separate module that is not among this
 * project's dependencies); {@code ChicorySimdTest} pins that, so the row gets its comparison when
 * it does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss8m"})
public class SimdBenchmark {
  /** interpreter or compiled. */
  @Param({"interpreter", "compiled"})
  public String engine;

  private Engine runner;

  @Setup
  public void setUp() {
    runner = Engine.coroner(Workload.SIMD, false, engine);
    Workload.SIMD.check(runner.run(), engine);
  }

  @Benchmark
  public long run() {
    return runner.run();
  }
}
