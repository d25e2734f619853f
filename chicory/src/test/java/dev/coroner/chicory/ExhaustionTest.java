package dev.coroner.chicory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.CoreDumpDecoder;
import dev.coroner.coredump.CoreDumpEncoder;
import dev.coroner.coredump.Frame;
import dev.coroner.coredump.Value;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stack exhaustion is the JVM's {@link StackOverflowError}, thrown wherever the Java stack runs
 * out; the first frames that catch it cannot even call a method. Whatever the stack size and
 * however far the JIT has got, the dump must hold every frame, oldest to youngest, consistently.
 */
class ExhaustionTest {

  private static final String RECURSION =
      "(module (func $down (export \"down\") (param i32) (result i32)"
          + "  (i32.add (i32.const 1) (call $down (i32.add (local.get 0) (i32.const 1))))))";

  /** Body offset of the call: 00 | 41 01 | 20 00 | 41 01 | 6a | 10 00. */
  private static final int CALL_OFFSET = 8;

  private static CoreDump exhaust(long stackBytes) throws Exception {
    ChicoryCoredumps coredumps = ChicoryCoredumps.create("exhaust");
    Instance instance = coredumps.instantiate(
        Instance.builder(coredumps.parse(Wat.compile(RECURSION))));
    FutureTask<CoreDump> task = new FutureTask<>(() -> {
      try {
        instance.export("down").apply(0);
        throw new AssertionError("did not exhaust the stack");
      } catch (ChicoryException e) {
        assertEquals("call stack exhausted", e.getMessage());
        return coredumps.coreDumpOf(e).orElseThrow();
      }
    });
    Thread t = new Thread(null, task, "exhaust", stackBytes);
    t.start();
    return task.get(60, TimeUnit.SECONDS);
  }

  private static final String COUNTING =
      "(module (global $depth (export \"depth\") (mut i32) (i32.const 0))"
          + " (func $down (export \"down\") (result i32)"
          + "  (global.set $depth (i32.add (global.get $depth) (i32.const 1)))"
          + "  (i32.add (i32.const 1) (call $down))))";

  /** How deep the recursion got before the Java stack ran out (a 1 MiB thread stack). */
  private static int depth(boolean withCoredumps) throws Exception {
    byte[] wasm = Wat.compile(COUNTING);
    Instance instance;
    if (withCoredumps) {
      ChicoryCoredumps coredumps = ChicoryCoredumps.create("depth");
      instance = coredumps.instantiate(Instance.builder(coredumps.parse(wasm)));
    } else {
      instance = Instance.builder(com.dylibso.chicory.wasm.Parser.parse(wasm)).build();
    }
    FutureTask<Integer> task = new FutureTask<>(() -> {
      try {
        instance.export("down").apply();
      } catch (ChicoryException e) {
        return (int) instance.exports().global("depth").getValue();
      }
      throw new AssertionError("did not exhaust the stack");
    });
    Thread t = new Thread(null, task, "depth", 1 << 20);
    t.start();
    return task.get(60, TimeUnit.SECONDS);
  }

  /**
   * The machine's {@code eval} is one more Java frame per Wasm call, so the Java stack holds fewer
   * Wasm frames. Both figures move with the JIT's progress (Chicory's own by 2x), so the bound is
   * loose: it catches a change that costs several times more stack, and the figures are printed.
   */
  @Test
  void theMachineCostsLittleCallDepth() throws Exception {
    int plain = 0;
    int observed = 0;
    StringBuilder runs = new StringBuilder();
    for (int run = 0; run < 6; run++) {
      int a = depth(false);
      int b = depth(true);
      runs.append(run == 0 ? "" : ", ").append(a).append('/').append(b);
      plain = Math.max(plain, a);
      observed = Math.max(observed, b);
    }
    System.out.println("[exhaustion] Wasm call depth in a 1 MiB Java stack, plain/observed per "
        + "run (it grows as the JIT compiles Chicory): " + runs);
    assertTrue(observed >= plain * 3 / 10, plain + " vs " + observed);
  }

  @Test
  void everyFrameIsThereAtAnyStackSize() throws Exception {
    for (long kib : new long[] {256, 512, 1024, 2048}) {
      for (int run = 0; run < 3; run++) {
        CoreDump dump = exhaust(kib * 1024);
        String where = kib + " KiB, run " + run;
        List<Frame> frames = dump.threads().get(0).frames();
        int n = frames.size();
        assertTrue(n > 50, where + ": only " + n + " frames");
        for (int k = 1; k < n; k++) {
          Frame f = frames.get(k);
          assertEquals(new Frame(0, 0, CALL_OFFSET, List.of(Value.i32(n - 1 - k)),
              List.of(Value.i32(1))), f, where + ": frame #" + k + " of " + n);
        }
        Frame youngest = frames.get(0);
        assertEquals(0, youngest.functionIndex(), where);
        assertEquals(List.of(Value.i32(n - 1)), youngest.locals(), where);
        assertEquals(dump, CoreDumpDecoder.decode(CoreDumpEncoder.encode(dump)), where);
      }
    }
  }
}
