;; Multi-value: a function returning two values, a block with parameters and
;; two results; the trap happens with all of them on the stack.
(module
  (func $pair (param i32) (result i32 i64)
    (local.get 0) (i64.extend_i32_s (local.get 0)))
  (func (export "run") (param i32) (result i32)
    (call $pair (local.get 0))
    (block (param i32 i64) (result i32 i64 i32)
      (i32.const 3)
      (i32.const 0)
      (i32.rem_u))
    (drop) (drop)))

(assert_trap (invoke "run" (i32.const -8)) "integer divide by zero")
