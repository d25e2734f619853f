package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coroner.coredump.CoreDump;
import dev.coroner.coredump.Memory;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * WebAssembly 3.0 behaviour the 3.0 spec suite cannot show through wabt 1.0.35 (64-bit tables
 * have no text form there) or does not look at (how a 64-bit memory is stored, the call depth of
 * tail calls, which features a 2.0 parse refuses).
 */
class Wasm3FeaturesTest {

  /**
   * A module with a 64-bit funcref table (flags 0x05: maximum, 64-bit; 2 to 10 elements) holding
   * function 0 (returns 7) at i64 offset 0; exports {@code call} (call_indirect with an i64
   * index), {@code size} (table.size, i64) and {@code grow} (table.grow with an i64 delta).
   */
  private static final String TABLE64 = "0061736d01000000"
      + "011304" + "60017e017f" + "6000017f" + "6000017e" + "60017e017e"
      + "030504" + "01000203"
      + "04050170050" + "20a"
      + "071603" + "0463616c6c0001" + "0473697a650002" + "0467726f770003"
      + "09070100" + "42000b" + "0100"
      + "0a1e04" + "0400" + "41070b" + "0700" + "2000110100" + "0b" + "0500" + "fc10000b"
      + "0900" + "d0702000fc0f000b";

  @Test
  void aTable64IsIndexedByI64WithoutWrapping() {
    Instance i = new Store().instantiate(WasmModule.parse(HexFormat.of().parseHex(TABLE64)));
    assertArrayEquals(new long[] {7}, i.invoke("call", 0));
    assertEquals("uninitialized element",
        assertThrows(TrapException.class, () -> i.invoke("call", 1)).specMessage());
    // 2^32 must not wrap to element 0.
    assertEquals("undefined element",
        assertThrows(TrapException.class, () -> i.invoke("call", 1L << 32)).specMessage());
    assertArrayEquals(new long[] {2}, i.invoke("size"));
    assertArrayEquals(new long[] {2}, i.invoke("grow", 3));
    assertArrayEquals(new long[] {5}, i.invoke("size"));
    assertArrayEquals(new long[] {-1}, i.invoke("grow", 1L << 40));
    assertTrue(i.table(0).limits().is64());
  }

  @Test
  void aMemory64IsSparseAndItsDumpSkipsUnwrittenPages() {
    WasmModule m = WasmModule.parse(Wat.bytes3("(module (memory (export \"m\") i64 0x10000)"
        + " (func (export \"st\") (param i64 i64) (i64.store (local.get 0) (local.get 1)))"
        + " (func (export \"ld\") (param i64) (result i64) (i64.load (local.get 0)))"
        + " (func (export \"grow\") (param i64) (result i64) (memory.grow (local.get 0)))"
        + " (func (export \"trap\") unreachable))"));
    Store s = new Store(StoreConfig.defaults().withCapture("t"));
    Instance i = s.instantiate(m);
    MemoryInstance mem = i.memory("m");
    assertEquals(0, mem.writtenPages());
    i.invoke("st", 0xFFFF_FFF8L, 42);
    assertArrayEquals(new long[] {42}, i.invoke("ld", 0xFFFF_FFF8L));
    assertEquals(1, mem.writtenPages());
    assertEquals("out of bounds memory access",
        assertThrows(TrapException.class, () -> i.invoke("ld", 0xFFFF_FFFCL)).specMessage());
    assertArrayEquals(new long[] {0}, i.invoke("ld", 0x1234_5678L), "unwritten reads zero");
    assertEquals(1, mem.writtenPages(), "a load allocates nothing");
    assertArrayEquals(new long[] {0x10000}, i.invoke("grow", 0x10000));
    assertEquals(0x20000, mem.pageCount());
    assertEquals(1, mem.writtenPages(), "growth allocates nothing");
    CoreDump dump = assertThrows(TrapException.class, () -> i.invoke("trap")).coreDump().get();
    Memory captured = dump.memories().get(0);
    assertTrue(captured.memory64());
    assertEquals(0x20000, captured.minPages());
    assertEquals(0xFFFF_0000L, captured.contents().skipZeros(0));
    assertEquals(42, captured.contents().get(0xFFFF_FFF8L));
  }

  @Test
  void tailCallsDoNotGrowTheCallStack() {
    WasmModule m = WasmModule.parse(Wat.bytes3("(module"
        + " (func $count (export \"count\") (param $n i32) (param $acc i32) (result i32)"
        + "  (if (result i32) (i32.eqz (local.get $n)) (then (local.get $acc))"
        + "   (else (return_call $count (i32.sub (local.get $n) (i32.const 1))"
        + "    (i32.add (local.get $acc) (i32.const 2)))))))"));
    Instance i = new Store(StoreConfig.defaults().withMaxCallDepth(10)).instantiate(m);
    assertArrayEquals(new long[] {200_000}, i.invoke("count", 100_000, 0));
  }

  @Test
  void multipleMemoriesAreSeparate() {
    WasmModule m = WasmModule.parse(Wat.bytes3("(module (memory $a 1) (memory $b 2 3)"
        + " (data (memory $b) (i32.const 5) \"\\2a\")"
        + " (func (export \"run\") (result i32)"
        + "  (memory.copy $a $b (i32.const 0) (i32.const 5) (i32.const 1))"
        + "  (i32.add (i32.load8_u $a (i32.const 0))"
        + "   (i32.add (memory.size $b) (memory.grow $b (i32.const 1))))))"));
    Instance i = new Store().instantiate(m);
    assertArrayEquals(new long[] {42 + 2 + 2}, i.invoke("run"));
    assertEquals(3, i.memory(1).pages());
    assertEquals(1, i.memory(0).pages());
  }

  @Test
  void extendedConstantExpressionsInitialiseGlobals() {
    WasmModule m = WasmModule.parse(Wat.bytes3("(module"
        + " (global (export \"g\") i64 (i64.mul (i64.sub (i64.const 10) (i64.const 3))"
        + "  (i64.const 6))))"));
    assertEquals(42, new Store().instantiate(m).global("g").get());
  }

  @Test
  void aWasm20ParseRefusesEachFeature() {
    byte[] twoMemories = Wat.bytes3("(module (memory 1) (memory 1))");
    assertEquals("multiple memories", assertThrows(InvalidException.class,
        () -> WasmModule.parse(twoMemories, Features.WASM_2_0)).specMessage());
    byte[] tail = Wat.bytes3("(module (func $f return_call $f))");
    assertThrows(MalformedException.class, () -> WasmModule.parse(tail, Features.WASM_2_0));
    byte[] memory64 = Wat.bytes3("(module (memory i64 1))");
    assertThrows(MalformedException.class, () -> WasmModule.parse(memory64, Features.WASM_2_0));
    byte[] extended = Wat.bytes3("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))");
    assertEquals("constant expression required", assertThrows(InvalidException.class,
        () -> WasmModule.parse(extended, Features.WASM_2_0)).specMessage());
    WasmModule.parse(twoMemories);
    WasmModule.parse(tail);
    WasmModule.parse(memory64);
    WasmModule.parse(extended);
  }
}
