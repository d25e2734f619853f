package dev.coroner.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import dev.coroner.interpreter.Store;
import dev.coroner.interpreter.StoreConfig;
import dev.coroner.interpreter.WasmModule;
import dev.coroner.wasi.ProgramOutcome;
import dev.coroner.wasi.Wasi;
import dev.coroner.wasi.WasiCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * A whole WASI program, run by Coroner's interpreter and its compiled engine with Coroner's WASI
 * binding, and by Chicory 1.7.5's interpreter and its compiler with Chicory's own WASI, in the
 * same JVM fork. One operation instantiates
 * the program (module already parsed) and runs its {@code _start} to the end: {@code
 * programs/wasi-bench/wasi-bench.c}, a CPU-heavy C program (N-queens, a sieve, CRC-32, qsort, a
 * Mandelbrot set) that writes its results with printf. The set-up checks each engine's output
 * against the program's run spec, whose expected output Node cross-checks in every build. {@code
 * -p phase=NAME} runs one phase alone, for a breakdown.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xss8m"})
public class WasiBenchmark {

  /**
   * What each phase prints (the whole program's output is in
   * programs/wasi-bench/wasi-bench.run.json, which Node cross-checks).
   */
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("queens", "queens(10) = 724\n");
    EXPECTED.put("sieve", "primes below 300000 = 25994\n");
    EXPECTED.put("crc", "crc32 = 6880b29e\n");
    EXPECTED.put("qsort", "sorted 5000 keys, check %s\n");
    EXPECTED.put("mandelbrot", "mandelbrot 64x64 inside = 1007\n");
  }

  /**
   * coroner (the interpreter), coroner-compiled (the compiled engine), chicory (its interpreter)
   * or chicory-compiler (its compiler; the module compiled once, in the set-up).
   */
  @Param({"coroner", "coroner-compiled", "chicory", "chicory-compiler"})
  public String engine;

  /**
   * The whole program ({@code all}), or one phase for a breakdown: queens, sieve, crc, qsort,
   * mandelbrot ({@code -p phase=sieve}).
   */
  @Param({"all"})
  public String phase;

  private WasmModule coronerModule;
  private com.dylibso.chicory.wasm.WasmModule chicoryModule;
  private Function<com.dylibso.chicory.runtime.Instance, Machine> chicoryMachine;

  @Setup
  public void setUp() {
    byte[] wasm = program();
    if (engine.startsWith("coroner")) {
      coronerModule = WasmModule.parse(wasm);
    } else {
      chicoryModule = Parser.parse(wasm);
      if (engine.equals("chicory-compiler")) {
        chicoryMachine = MachineFactoryCompiler.compile(chicoryModule);
      }
    }
    if (!phase.equals("all") && !EXPECTED.containsKey(phase)) {
      throw new IllegalArgumentException("unknown phase " + phase + "; one of all, "
          + String.join(", ", EXPECTED.keySet()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run(out);
    String got = out.toString(StandardCharsets.UTF_8);
    if (!got.equals(expected())) {
      throw new IllegalStateException(engine + " printed " + got);
    }
  }

  /** The expected output: the qsort check depends on whether the crc phase ran before it. */
  private String expected() {
    if (!phase.equals("all")) {
      return String.format(EXPECTED.get(phase), "ed6ace55");
    }
    StringBuilder s = new StringBuilder();
    for (String text : EXPECTED.values()) {
      s.append(String.format(text, "91873017"));
    }
    return s.toString();
  }

  @Benchmark
  public int run() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    run(out);
    return out.size();
  }

  private void run(ByteArrayOutputStream out) {
    WasiOptions options = WasiOptions.builder()
        .withArguments(phase.equals("all")
            ? List.of("wasi-bench.wasm") : List.of("wasi-bench.wasm", phase))
        .withStdout(out, false)
        .build();
    if (engine.startsWith("coroner")) {
      Store store = new Store(engine.equals("coroner-compiled")
          ? StoreConfig.defaults().withEngine("compiled") : StoreConfig.defaults());
      try (Wasi wasi = Wasi.create(options)) {
        wasi.register(store);
        ProgramOutcome outcome = WasiCommand.run(store, coronerModule, Set.of(), "wasi-bench");
        if (!outcome.equals(new ProgramOutcome.Exited(0))) {
          throw new IllegalStateException("coroner: " + outcome);
        }
      }
    } else {
      try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
        com.dylibso.chicory.runtime.Instance instance =
            com.dylibso.chicory.runtime.Instance.builder(chicoryModule)
                .withStart(false) // Chicory would otherwise run _start itself, in build()
                .withMachineFactory(chicoryMachine != null ? chicoryMachine
                    : com.dylibso.chicory.runtime.InterpreterMachine::new)
                .withImportValues(
                    ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                .build();
        instance.export("_start").apply();
      }
    }
  }

  static byte[] program() {
    try (InputStream in = WasiBenchmark.class.getResourceAsStream("wasi-bench.wasm")) {
      if (in == null) {
        throw new IllegalStateException("wasi-bench.wasm is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
