;; i64 division and remainder by zero, signed and unsigned; the divisor is computed,
;; so the zero comes off the operand stack, not from a local.
(module
  (func (export "div_s") (param i64 i64) (result i64)
    (i64.div_s (local.get 0) (i64.sub (local.get 1) (local.get 1))))
  (func (export "div_u") (param i64) (result i64)
    (i64.div_u (local.get 0) (i64.const 0)))
  (func (export "rem_s") (param i64) (result i64)
    (i64.rem_s (local.get 0) (i64.const 0)))
  (func (export "rem_u") (param i64) (result i64)
    (i64.rem_u (local.get 0) (i64.const 0))))

(assert_trap (invoke "div_s" (i64.const 9223372036854775807) (i64.const 5)) "integer divide by zero")
(assert_trap (invoke "div_u" (i64.const -1)) "integer divide by zero")
(assert_trap (invoke "rem_s" (i64.const -9223372036854775808)) "integer divide by zero")
(assert_trap (invoke "rem_u" (i64.const 1)) "integer divide by zero")
