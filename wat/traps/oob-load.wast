;; Loads past the end of a one-page memory, with and without a static offset.
(module
  (memory 1)
  (data (i32.const 65532) "\01\02\03\04")
  (func (export "i32.load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "i64.load8_u offset") (param i32) (result i64) (i64.load8_u offset=16 (local.get 0)))
  (func (export "f64.load") (param i32) (result f64) (f64.load (local.get 0))))

(assert_return (invoke "i32.load" (i32.const 65532)) (i32.const 0x04030201))
(assert_trap (invoke "i32.load" (i32.const 65533)) "out of bounds memory access")
(assert_trap (invoke "i64.load8_u offset" (i32.const 65520)) "out of bounds memory access")
(assert_trap (invoke "f64.load" (i32.const -1)) "out of bounds memory access")
