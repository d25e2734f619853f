package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.coroner.coredump.CoreDumpEncoder;
import java.util.Arrays;

/**
 * Test helper: runs one export of one module in a store of each engine and tells what happened
 * (results, or trap message and dump bytes), so that tests compare the compiled tier with the
 * interpreter.
 */
final class Differential {
  private Differential() {}

  static byte[] wasm(String wat) {
    return Wat2Wasm.parse(wat);
  }

  static StoreConfig config(String engine) {
    return StoreConfig.defaults().withCapture("differential").withEngine(engine);
  }

  /** The outcome of {@code export(args)} in a fresh store of {@code config}. */
  static Outcome run(StoreConfig config, byte[] wasm, String export, long... args) {
    Store store = new Store(config);
    Instance inst = store.instantiate(WasmModule.parse(wasm), "m");
    try {
      return Outcome.returned(inst.invoke(export, args));
    } catch (TrapException t) {
      return Outcome.trapped(t);
    }
  }

  /** Runs both engines and asserts they agree; returns the compiled tier's outcome. */
  static Outcome agree(byte[] wasm, String export, long... args) {
    Outcome i = run(config(StoreConfig.INTERPRETER), wasm, export, args);
    Outcome c = run(config(CompiledTier.NAME), wasm, export, args);
    assertEquals(i.describe(), c.describe());
    assertArrayEquals(i.dump, c.dump, "dump bytes");
    return c;
  }

  /** Results, or a trap's message and dump. */
  static final class Outcome {
    final long[] results;
    final String trap;
    final byte[] dump;
    final TrapException exception;

    private Outcome(long[] results, String trap, byte[] dump, TrapException exception) {
      this.results = results;
      this.trap = trap;
      this.dump = dump;
      this.exception = exception;
    }

    static Outcome returned(long[] results) {
      return new Outcome(results, null, null, null);
    }

    static Outcome trapped(TrapException t) {
      return new Outcome(null, t.getMessage(),
          t.coreDump().map(CoreDumpEncoder::encode).orElse(null), t);
    }

    String describe() {
      return trap != null ? "trap: " + trap : "results " + Arrays.toString(results);
    }
  }
}
