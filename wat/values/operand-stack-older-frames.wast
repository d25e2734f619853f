;; The caller has values on its stack below the call's arguments; the dump
;; shows them in the caller's frame, and the arguments as the callee's
;; parameters.
(module
  (func $callee (param i32 i32) (result i32)
    (i32.const 77)
    (unreachable))
  (func (export "caller") (result i32)
    (i32.const 10)
    (i32.const 20)
    (call $callee (i32.const 30) (i32.const 40))
    (i32.add)
    (i32.add)))

(assert_trap (invoke "caller") "unreachable")
