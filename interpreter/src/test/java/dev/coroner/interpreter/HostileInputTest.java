package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input is normal input: the parser only ever throws its own typed exceptions. */
class HostileInputTest {
  private static final List<String> SEEDS = List.of(
      Bench.WAT,
      "(module (import \"a\" \"b\" (func (param i32))) (table 2 10 funcref) (memory 1 2)"
          + " (global (mut i64) (i64.const 3)) (elem (i32.const 0) 0) (data (i32.const 1) \"xy\")"
          + " (func (result i32) (block (result i32) (i32.const 1) (br_table 0 0 (i32.const 0))))"
          + " (func (param externref) (result i32) (ref.is_null (local.get 0)))"
          + " (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 0)"
          + "  (table.init 0 (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 0)) (export \"x\" (func 1)))");

  private static void parseOnlyTyped(byte[] bytes) {
    try {
      WasmModule.parse(bytes);
    } catch (MalformedException | InvalidException expected) {
      // fine
    } catch (Throwable t) {
      fail("parser crashed on " + Arrays.toString(bytes), t);
    }
  }

  @Test
  void randomMutationsNeverCrashTheParser() {
    Random random = new Random(42);
    for (String seed : SEEDS) {
      byte[] original = Wat.bytes(seed);
      for (int i = 0; i < 3000; i++) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
          int at = 8 + random.nextInt(b.length - 8);
          switch (random.nextInt(4)) {
            case 0:
              b[at] = (byte) random.nextInt(256);
              break;
            case 1:
              b[at] = (byte) (b[at] ^ (1 << random.nextInt(8)));
              break;
            case 2:
              b = Arrays.copyOf(b, at);
              break;
            default:
              b[at] = (byte) 0xFF;
              break;
          }
          if (b.length <= 8) {
            break;
          }
        }
        parseOnlyTyped(b);
      }
    }
  }

  @Test
  void hugeCountsAreRejectedBeforeAllocating() {
    // Type section claiming 2^32-1 types in a 6-byte section.
    byte[] types = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 6, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x0F, 0x60};
    MalformedException e = assertThrows(MalformedException.class, () -> WasmModule.parse(types));
    assertTrue(e.getMessage().startsWith("unexpected end"), e.getMessage());
    // A function declaring 2^32-1 locals.
    byte[] locals = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 1,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x7F};
    MalformedException l = assertThrows(MalformedException.class, () -> WasmModule.parse(locals));
    assertEquals("too many locals", l.specMessage());
  }

  @Test
  void simdIsRejectedAsMalformedWithAClearMessage() {
    byte[] bytes = Wat.bytes("(module (func (result v128) (v128.const i32x4 1 2 3 4)))");
    MalformedException e = assertThrows(MalformedException.class, () -> WasmModule.parse(bytes));
    assertTrue(e.getMessage().contains("SIMD"), e.getMessage());
  }
}
