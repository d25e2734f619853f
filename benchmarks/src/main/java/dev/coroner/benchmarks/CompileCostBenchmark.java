package dev.coroner.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import dev.coroner.interpreter.CompiledTier;
import dev.coroner.interpreter.WasmModule;
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
 * What compiling costs, apart from running: for each module (the workloads' and the WASI
 * program's), Coroner parsing and validating it ({@code coronerParse}, all the interpreter needs)
 * against parsing it and translating every function to JVM bytecode, classes defined ({@code
 * coronerCompile}); and the same for Chicory 1.7.5 ({@code chicoryParse}, {@code chicoryCompile}
 * with {@code com.dylibso.chicory:compiler}). Compile cost is the difference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xss8m"})
public class CompileCostBenchmark {

  /** A workload's module, or WASI for the WASI program ({@code wasi-bench.wasm}). */
  @Param({"FIB", "LOOP", "SIEVE", "MANDELBROT", "C_PROGRAM", "WASI"})
  public String module;

  private byte[] wasm;

  @Setup
  public void setUp() {
    wasm = module.equals("WASI") ? WasiBenchmark.program() : Workload.valueOf(module).wasm();
  }

  @Benchmark
  public Object coronerParse() {
    return WasmModule.parse(wasm);
  }

  @Benchmark
  public int coronerCompile() {
    return CompiledTier.compiledFunctions(WasmModule.parse(wasm));
  }

  @Benchmark
  public Object chicoryParse() {
    return Parser.parse(wasm);
  }

  @Benchmark
  public Object chicoryCompile() {
    return MachineFactoryCompiler.compile(Parser.parse(wasm));
  }
}
