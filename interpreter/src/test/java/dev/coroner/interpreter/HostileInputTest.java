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
  /** A module with calls, loops, memory traffic and floats: a seed rich in instructions. */
  private static final String RICH = "(module (memory 1)"
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

  private static final List<String> SEEDS = List.of(
      RICH,
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
  void unknownSimdSubopcodeIsMalformedWithItsNumberAndOffset() {
    byte[] bytes = Wat.bytes("(module (func (result v128) (v128.const i32x4 1 2 3 4)))");
    // v128.const is 0xFD 0x0C; 0x9A is a subopcode no SIMD instruction has.
    int at = indexOf(bytes, (byte) 0xFD, (byte) 0x0C);
    bytes[at + 1] = (byte) 0x9A;
    bytes[at + 2] = 0x01;
    MalformedException e = assertThrows(MalformedException.class, () -> WasmModule.parse(bytes));
    assertTrue(e.getMessage().startsWith("illegal opcode 0xfd 154"), e.getMessage());
    assertTrue(e.getMessage().contains("0x" + Integer.toHexString(at)), e.getMessage());
  }

  private static int indexOf(byte[] b, byte x, byte y) {
    for (int i = 0; i + 1 < b.length; i++) {
      if (b[i] == x && b[i + 1] == y) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
