;; Every number type as a parameter, as a declared local and on the operand stack.
(module
  (func (export "trap") (param $a i32) (param $b i64) (param $c f32) (param $d f64)
    (local $e i32) (local $f i64) (local $g f32) (local $h f64)
    (local.set $e (i32.const -1))
    (local.set $f (i64.const 0x7fffffffffffffff))
    (local.set $g (f32.const -0.0))
    (local.set $h (f64.const 0x1.921fb54442d18p+1))
    ;; stack at the trap, bottom to top: i32, i64, f32, f64, then the divide operands
    (local.get $a) (local.get $b) (local.get $c) (local.get $d)
    (drop (i32.div_u (i32.const 1) (i32.const 0)))
    (drop) (drop) (drop) (drop)))

(assert_trap
  (invoke "trap" (i32.const -123456) (i64.const -9876543210) (f32.const 1.5) (f64.const -2.25))
  "integer divide by zero")
