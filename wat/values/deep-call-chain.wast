;; Six frames, each with its own arguments and a value left on its operand
;; stack below the call. Older frames must point at their `call`, and their
;; stacks must not include the arguments (those are the callee's parameters).
(module $chain
  (func $a (export "a") (param i32) (result i32)
    (i32.add (i32.const 100) (call $b (local.get 0) (i64.const 2))))
  (func $b (param i32 i64) (result i32)
    (i32.add (i32.const 200) (call $c (local.get 0) (f32.const 3))))
  (func $c (param i32 f32) (result i32)
    (i32.add (i32.const 300) (call $d (local.get 0) (f64.const 4))))
  (func $d (param i32 f64) (result i32)
    (i32.add (i32.const 400) (call $e (i32.add (local.get 0) (i32.const 1)))))
  (func $e (param i32) (result i32)
    (local i64)
    (local.set 1 (i64.const -5))
    (i32.add (i32.const 500) (call $f (local.get 0) (local.get 0))))
  (func $f (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (i32.sub (local.get 1) (i32.const 2)))))

(assert_return (invoke "a" (i32.const 5)) (i32.const 1501))
(assert_trap (invoke "a" (i32.const 1)) "integer divide by zero")
