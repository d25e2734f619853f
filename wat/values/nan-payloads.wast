;; NaN payloads must survive capture bit for bit: in parameters, in locals,
;; on the operand stack, and across calls.
(module
  (func $inner (param $x f32) (param $y f64)
    (local $z f32)
    (local.set $z (f32.const -nan:0x7fffff))
    (local.get $x) (local.get $y) (local.get $z)
    unreachable)
  (func (export "run") (param $p f32) (param $q f64)
    (f64.const nan:0x4000000000001)
    (call $inner (local.get $p) (local.get $q))
    (drop)))

(assert_trap (invoke "run" (f32.const nan:0x1) (f64.const -nan:0xfedcba9876543)) "unreachable")
