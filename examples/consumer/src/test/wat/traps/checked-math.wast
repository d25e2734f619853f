;; Two traps of one instance: a division by zero, then a signed overflow.
(module $Math
  (global $calls (mut i32) (i32.const 0))
  (func (export "div") (param $a i32) (param $b i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.div_s (local.get $a) (local.get $b))))

(assert_return (invoke "div" (i32.const 7) (i32.const 2)) (i32.const 3))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const -2147483648) (i32.const -1)) "integer overflow")
