;; Mutual tail recursion that traps: $even and $odd tail-call each other
;; 100000 times (a plain call chain would exhaust the stack long before), and
;; $even traps when it reaches zero. Each tail call replaced the frame before
;; it, so the dump has two frames: $even with n = 0 and steps = 100000, and
;; "parity" at its call.
(module
  (func $even (param $n i32) (param $steps i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (unreachable)))
    (return_call $odd
      (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $steps) (i32.const 1))))
  (func $odd (param $n i32) (param $steps i32) (result i32)
    (if (i32.eqz (local.get $n)) (then (return (local.get $steps))))
    (return_call $even
      (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $steps) (i32.const 1))))
  (func (export "parity") (param $n i32) (result i32)
    (call $even (local.get $n) (i32.const 0))))

(assert_return (invoke "parity" (i32.const 5)) (i32.const 5))
(assert_trap (invoke "parity" (i32.const 100000)) "unreachable")
