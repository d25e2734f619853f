;; i32 division and remainder by zero, signed and unsigned.
(module
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "rem_u") (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1))))

(assert_return (invoke "div_s" (i32.const -7) (i32.const 2)) (i32.const -3))
(assert_trap (invoke "div_s" (i32.const -7) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div_u" (i32.const 7) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "rem_s" (i32.const 0x80000000) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "rem_u" (i32.const 0xffffffff) (i32.const 0)) "integer divide by zero")
