;; Two instances with two memories each, sharing one: $A's memory 1 is $B's
;; memory 0 (imported). The dump captures the shared memory once; $A lists
;; memories [0, 1], $B lists [1, 2].
(module $A
  (memory $own 1)
  (memory $shared (export "shared") 1)
  (data (memory $own) (i32.const 0) "private to A")
  (data (memory $shared) (i32.const 0) "shared by A and B")
  (func (export "poke") (param $at i32)
    (i32.store8 $shared (local.get $at) (i32.const 0x41))))
(register "A" $A)

(module $B
  (import "A" "shared" (memory $theirs 1))
  (import "A" "poke" (func $poke (param i32)))
  (memory $mine 1)
  (data (memory $mine) (i32.const 8) "private to B")
  (func (export "run") (param $at i32) (result i32)
    (call $poke (i32.const 100))
    (i32.store $mine (i32.const 200) (i32.load $theirs (i32.const 0)))
    (i32.load $mine (local.get $at))))

(assert_trap (invoke $B "run" (i32.const 65535)) "out of bounds memory access")
