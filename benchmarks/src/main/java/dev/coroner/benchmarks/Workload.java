package dev.coroner.benchmarks;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark programs: an exported function, its argument, and the result both engines must
 * return. Text modules are compiled with wabt (Chicory's pure-Java build) at set-up; the C program
 * ships as {@code workload.wasm}, built from {@code src/main/c/workload.c}.
 */
public enum Workload {
  /** Recursive Fibonacci: calls. */
  FIB("fib.wat", "fib", 25, 75025L),
  /** A tight integer loop (xorshift), one million iterations. */
  LOOP("loop.wat", "loop", 1_000_000, 32782923569L),
  /** Sieve of Eratosthenes over one million bytes of linear memory. */
  SIEVE("sieve.wat", "sieve", 1_000_000, 78498L),
  /** Mandelbrot on a 64 x 64 grid in f64. */
  MANDELBROT("mandelbrot.wat", "mandelbrot", 64, 102880L),
  /** A C program compiled with clang --target=wasm32: SHA-256 and quicksort. */
  C_PROGRAM("workload.wasm", "run", 1, 3730045545L),
  /**
   * Fixed-width SIMD: 100 passes of integer lane arithmetic, shuffles, shifts, max and f32x4
   * sums over 4 KiB (expected value from V8 and wabt's spectest-interp).
   */
  SIMD("simd.wat", "simd", 100, 427142559L);

  private final String resource;
  private final String export;
  private final long argument;
  private final long expected;

  Workload(String resource, String export, long argument, long expected) {
    this.resource = resource;
    this.export = export;
    this.argument = argument;
    this.expected = expected;
  }

  public String export() {
    return export;
  }

  public long argument() {
    return argument;
  }

  /** The expected result, as the unsigned value of its bits (i32 results zero-extended). */
  public long expected() {
    return expected;
  }

  /** The module's binary. */
  public byte[] wasm() {
    byte[] bytes = resource();
    return resource.endsWith(".wat")
        ? Wat2Wasm.parse(new String(bytes, StandardCharsets.UTF_8))
        : bytes;
  }

  private byte[] resource() {
    try (InputStream in = Workload.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing benchmark resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Checks that {@code result} (raw bits) is what this workload must return. */
  public long check(long result, String engine) {
    long normalized = export.equals("loop") ? result : result & 0xFFFFFFFFL;
    if (normalized != expected) {
      throw new IllegalStateException(
          engine + " returned " + normalized + " for " + this + ", expected " + expected);
    }
    return result;
  }
}
