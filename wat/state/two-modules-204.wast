;; The example of WebAssembly/tool-conventions issue #204: B.g calls A.f,
;; which traps. Both modules have a memory. The dump must name A's instance
;; for A's frame and B's instance for B's frame.
(module $A
  (memory 1)
  (data (i32.const 16) "module A memory")
  (func $f (export "f") (param $x i32) (result i32)
    (i32.store (i32.const 0) (local.get $x))
    (unreachable)))
(register "A" $A)

(module $B
  (import "A" "f" (func $af (param i32) (result i32)))
  (memory 1)
  (data (i32.const 32) "module B memory")
  (func $g (export "g") (param $y i32) (result i32)
    (i32.add (i32.const 1) (call $af (i32.mul (local.get $y) (i32.const 2))))))

(assert_trap (invoke $B "g" (i32.const 21)) "unreachable")
