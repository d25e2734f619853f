;; Globals initialised by extended constant expressions (i32.add, i32.mul,
;; i64.sub over constants and an imported global): the dump records each
;; global's value, computed at instantiation (666 + 16 * 4 = 730).
(module
  (global $base (import "spectest" "global_i32") i32)
  (global $end i32 (i32.add (global.get $base) (i32.mul (i32.const 16) (i32.const 4))))
  (global $minus-one i64 (i64.sub (i64.const 0) (i64.const 1)))
  (func (export "check") (result i32)
    (i32.div_u (global.get $end) (i32.sub (global.get $end) (i32.const 730)))))

(assert_trap (invoke "check") "integer divide by zero")
