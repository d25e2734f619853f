package dev.coroner.harness.v8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coroner.fixtures.Command;
import dev.coroner.fixtures.Wast;
import dev.coroner.symbols.Symbolizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hook for program fixtures: a WASI command module runs through {@code node:wasi}, its own
 * output kept out of the script's, and V8's frames (or its exit code) come back like a script's.
 */
class V8ProgramJobTest {

  /** Writes a line that looks like the script's last one; with one argument exits 3, else traps. */
  private static final String PROGRAM =
      "(module\n"
          + "  (import \"wasi_snapshot_preview1\" \"fd_write\"\n"
          + "    (func $fd_write (param i32 i32 i32 i32) (result i32)))\n"
          + "  (import \"wasi_snapshot_preview1\" \"args_sizes_get\"\n"
          + "    (func $args (param i32 i32) (result i32)))\n"
          + "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))\n"
          + "  (memory (export \"memory\") 1)\n"
          + "  (data (i32.const 16) \"{\\\"done\\\": true}\\n\")\n"
          + "  (func $crash (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))\n"
          + "  (func (export \"_start\")\n"
          + "    (i32.store (i32.const 0) (i32.const 16))\n"
          + "    (i32.store (i32.const 4) (i32.const 15))\n"
          + "    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))\n"
          + "    (drop (call $args (i32.const 32) (i32.const 36)))\n"
          + "    (if (i32.eq (i32.load (i32.const 32)) (i32.const 1))\n"
          + "      (then (call $exit (i32.const 3))))\n"
          + "    (drop (call $crash (i32.const 0)))))\n";

  private static V8CrossCheck check;
  private static byte[] wasm;

  @BeforeAll
  static void needsNode() throws Exception {
    V8CrossCheck.Availability available = V8CrossCheck.find();
    assumeTrue(available.check().isPresent() || V8CrossCheck.Availability.required(),
        "V8 cross-check skipped: " + available.reason());
    check = available.check().orElseThrow(() -> new AssertionError(
        V8Messages.UNAVAILABLE + " the V8 cross-check must run under CI=true: "
            + available.reason()));
    var script = Wast.convert("program.wast", PROGRAM);
    wasm = ((Command.ModuleCommand) script.commands().get(0)).module().bytes();
  }

  private static V8Job.Program program(String key, byte[] stdin) {
    return new V8Job.Program("programs/p.wasm", key, wasm, List.of("p"), Map.of(), Map.of(),
        stdin);
  }

  private static V8Job.Program program(String key, List<String> args) {
    return new V8Job.Program("programs/p.wasm", key, wasm, args, Map.of("A", "1"), Map.of(),
        new byte[0]);
  }

  @Test
  void aProgramExitsOrTrapsAndItsOwnOutputStaysOutOfTheReport() throws Exception {
    List<V8Result> results =
        check.run(List.of(program("exits", List.of("p")), program("traps", List.of("p", "x"))));
    assertEquals(2, results.size(), results.toString());
    V8Result.Exited exited = assertInstanceOf(V8Result.Exited.class, results.get(0));
    assertEquals(3, exited.code());
    V8Result.Trapped t = assertInstanceOf(V8Result.Trapped.class, results.get(1));
    assertEquals("traps", t.keyValue());
    Symbolizer s = Symbolizer.of(wasm);
    assertEquals(2, t.frames().size(), t.toString());
    assertEquals(new V8Frame(0, 3, s.moduleOffset(3, 5).getAsLong()), t.frames().get(0),
        "i32.div_s of $crash (body 00 | 41 01 | 20 00 | 6d)");
    V8Frame caller = t.frames().get(1);
    assertEquals(4, caller.function());
    assertEquals(0x10, wasm[(int) caller.moduleOffset()], "the caller is at its call");
  }
}
