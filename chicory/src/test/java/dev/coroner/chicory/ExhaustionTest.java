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
