package dev.coroner.interpreter;

import com.dylibso.chicory.runtime.ExportFunction;

/**
 * A rough comparison with Chicory's interpreter (not a test; run its main with the test class
 * path; {@code -Druns=N} sets the number of timed runs). Workloads: recursive fib, a tight integer
 * loop, a memory loop, a float loop and a C program ({@code /bench/prog.c}). Prints the median time
 * of several runs per workload and the geometric mean of the speedup.
 */
public final class Bench {
  static final String WAT = "(module (memory 1)"
      + " (func $fib (export \"fib\") (param i32) (result i32)"
      + "  (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))"
      + "   (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))"
      + "    (call $fib (i32.sub (local.get 0) (i32.const 2)))))))"
      + " (func (export \"loop\") (param $n i32) (result i32) (local $i i32) (local $acc i32)"
      + "  (block $d (loop $l (br_if $d (i32.ge_u (local.get $i) (local.get $n)))"
      + "   (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31))"
      + "    (i32.xor (local.get $i) (i32.const 0x5555))))"
      + "   (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))) (local.get $acc))"
      + " (func (export \"mem\") (param $n i32) (result i32) (local $i i32) (local $j i32)"
      + "  (local $acc i32)"
      + "  (block $d (loop $l (br_if $d (i32.ge_u (local.get $j) (local.get $n)))"
      + "   (local.set $i (i32.const 0))"
      + "   (block $d2 (loop $l2 (br_if $d2 (i32.ge_u (local.get $i) (i32.const 16384)))"
      + "    (i32.store (i32.shl (local.get $i) (i32.const 2))"
      + "     (i32.add (i32.load (i32.shl (local.get $i) (i32.const 2))) (local.get $i)))"
      + "    (local.set $acc (i32.add (local.get $acc)"
      + "     (i32.load8_u (local.get $i))))"
      + "    (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l2)))"
      + "   (local.set $j (i32.add (local.get $j) (i32.const 1))) (br $l))) (local.get $acc))"
      + " (func (export \"float\") (param $n i32) (result f64) (local $i i32) (local $x f64)"
      + "  (local $y f64)"
      + "  (local.set $y (f64.const 1.0))"
      + "  (block $d (loop $l (br_if $d (i32.ge_u (local.get $i) (local.get $n)))"
      + "   (local.set $x (f64.add (f64.mul (local.get $x) (f64.const 0.999))"
      + "    (f64.div (local.get $y) (f64.convert_i32_u (i32.add (local.get $i) (i32.const 1))))))"
      + "   (local.set $y (f64.sqrt (f64.add (local.get $y) (f64.const 1.0))))"
      + "   (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))) (local.get $x)))";

  public static void main(String[] a) {
    byte[] bytes = Wat.bytes(WAT);
    Instance ours = new Store().instantiate(WasmModule.parse(bytes));
    com.dylibso.chicory.runtime.Instance theirs =
        com.dylibso.chicory.runtime.Instance.builder(
            com.dylibso.chicory.wasm.Parser.parse(bytes)).build();
    String[] names = {"fib", "loop", "mem", "float", "c"};
    long[] args = {27, 20_000_000, 300, 5_000_000, 10};
    Instance oursC = null;
    com.dylibso.chicory.runtime.Instance theirsC = null;
    try (java.io.InputStream in = Bench.class.getResourceAsStream("/bench/prog.wasm")) {
      if (in != null) {
        byte[] c = in.readAllBytes();
        oursC = new Store().instantiate(WasmModule.parse(c));
        theirsC = com.dylibso.chicory.runtime.Instance.builder(
            com.dylibso.chicory.wasm.Parser.parse(c)).build();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    double logSum = 0;
    int count = 0;
    for (int k = 0; k < names.length; k++) {
      String n = names[k];
      long arg = args[k];
      boolean c = n.equals("c");
      if (c && oursC == null) {
        continue;
      }
      count++;
      ExportFunction tf = (c ? theirsC : theirs).export(c ? "run" : n);
      FunctionInstance of = (c ? oursC : ours).function(c ? "run" : n);
      double tOurs = median(() -> of.call(arg));
      double tTheirs = median(() -> tf.apply(arg));
      long r1 = of.call(arg)[0];
      long r2 = tf.apply(arg)[0];
      System.out.printf("%-6s ours %8.1f ms  chicory %8.1f ms  speedup %5.2fx  %s%n", n, tOurs,
          tTheirs, tTheirs / tOurs, sameResult(r1, r2) ? "same result" : "DIFFERENT " + r1 + " " + r2);
      logSum += Math.log(tTheirs / tOurs);
    }
    System.out.printf("geometric mean speedup %.2fx%n", Math.exp(logSum / count));
  }

  /** Equal bits, or equal i32 results where one side sign-extends (Chicory) and ours does not. */
  private static boolean sameResult(long a, long b) {
    return a == b || ((int) a == (int) b && ((a >>> 32) == 0 || (b >>> 32) == 0));
  }

  private static double median(Runnable r) {
    int runs = Integer.getInteger("runs", 7);
    double[] t = new double[runs];
    for (int i = 0; i < 2; i++) {
      r.run();
    }
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - s) / 1e6;
    }
    java.util.Arrays.sort(t);
    return t[runs / 2];
  }
}
