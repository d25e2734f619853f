;; A trap at the end of a return_call chain. "run" calls $a, which tail-calls
;; $b, which tail-calls $c; $c divides by zero. $a and $b tail-called away, so
;; the dump holds only $c and, below it, "run" at its call of $a (format doc,
;; section 3.8: a function that tail-called away is not in the dump).
(module
  (func $c (param $n i32) (result i32)
    (local $scaled i32)
    (local.set $scaled (i32.mul (local.get $n) (i32.const 10)))
    (i32.div_u (local.get $scaled) (i32.sub (local.get $n) (i32.const 7))))
  (func $b (param $n i32) (result i32)
    (return_call $c (i32.add (local.get $n) (i32.const 2))))
  (func $a (param $n i32) (result i32)
    (return_call $b (i32.add (local.get $n) (i32.const 1))))
  (func (export "run") (param $n i32) (result i32)
    (i32.add (i32.const 100) (call $a (local.get $n)))))

(assert_return (invoke "run" (i32.const 5)) (i32.const 180))
(assert_trap (invoke "run" (i32.const 4)) "integer divide by zero")
