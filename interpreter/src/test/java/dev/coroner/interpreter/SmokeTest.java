package dev.coroner.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void fibComputes() {
    WasmModule m = Wat.module("(module (func $fib (export \"fib\") (param i32) (result i32)"
        + " local.get 0 i32.const 2 i32.lt_s if (result i32) local.get 0 else"
        + " local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib"
        + " i32.add end))");
    Store s = new Store();
    Instance i = s.instantiate(m);
    assertArrayEquals(new long[] {55}, i.invoke("fib", 10));
  }

  @Test
  void loopAndMemory() {
    WasmModule m = Wat.module("(module (memory 1) (func (export \"sum\") (param $n i32) (result i64)"
        + " (local $i i32) (local $acc i64)"
        + " (block $done (loop $l (br_if $done (i32.ge_u (local.get $i) (local.get $n)))"
        + "  (i64.store (i32.mul (local.get $i) (i32.const 8)) (i64.extend_i32_u (local.get $i)))"
        + "  (local.set $acc (i64.add (local.get $acc) (i64.load (i32.mul (local.get $i) (i32.const 8)))))"
        + "  (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l)))"
        + " (local.get $acc)))");
    Instance i = new Store().instantiate(m);
    assertEquals(4950L, i.invoke("sum", 100)[0]);
  }

  @Test
  void divideByZeroTraps() {
    WasmModule m = Wat.module("(module (func (export \"d\") (param i32 i32) (result i32)"
        + " local.get 0 local.get 1 i32.div_s))");
    Instance i = new Store().instantiate(m);
    TrapException t = assertThrows(TrapException.class, () -> i.invoke("d", 1, 0));
    assertEquals("integer divide by zero", t.specMessage());
  }
}
