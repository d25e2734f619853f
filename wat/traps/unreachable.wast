;; `unreachable` reached with a value already on the operand stack.
(module
  (func $boom (export "boom") (param $x i32) (result i32)
    (local $y i64)
    (local.set $y (i64.const 7))
    (i32.add (local.get $x) (unreachable))))

;; Dump: one frame; locals [i32 41, i64 7]; stack [i32 41].
(assert_trap (invoke "boom" (i32.const 41)) "unreachable")
