;; Recursion without a base case. Every frame holds its depth as a parameter
;; and the pending `1` of the addition on its operand stack.
(module
  (func $down (export "down") (param $depth i32) (result i32)
    (i32.add (i32.const 1) (call $down (i32.add (local.get $depth) (i32.const 1))))))

(assert_exhaustion (invoke "down" (i32.const 0)) "call stack exhausted")
