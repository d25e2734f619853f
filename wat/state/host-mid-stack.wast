;; A host function in the middle of the stack: run -> coroner.call_table
;; (Java) -> $boom, which traps. The host frame is not written; the Wasm
;; frames around it are.
(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "coroner" "call_table" (func $call_table (param i32)))
  (table 2 funcref)
  (elem (i32.const 0) $quiet $boom)
  (func $quiet)
  (func $boom
    (local $five i32)
    (local.set $five (i32.const 5))
    (drop (i32.div_s (local.get $five) (i32.const 0))))
  (func (export "run") (param $slot i32)
    (call $print (local.get $slot))
    (call $call_table (i32.const 0))
    (call $call_table (local.get $slot))))

(assert_trap (invoke "run" (i32.const 1)) "integer divide by zero")
