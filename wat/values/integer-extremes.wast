;; Extreme integer values, whose signed LEB128 encodings take the most bytes.
(module
  (func (export "trap") (param i32 i32 i64 i64) (result i32)
    (local.get 0) (local.get 1) (local.get 2) (local.get 3)
    (i32.const 64) (i32.const -65)
    (unreachable)))

(assert_trap
  (invoke "trap" (i32.const 0x80000000) (i32.const 0x7fffffff)
                 (i64.const 0x8000000000000000) (i64.const 0x7fffffffffffffff))
  "unreachable")
