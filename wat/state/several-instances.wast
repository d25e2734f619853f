;; Three modules, each with its own memory and global, calling down a chain
;; (C -> B -> A); A traps. Three frames in three instances.
(module $A
  (memory 1)
  (global $ga (mut i32) (i32.const 0xA))
  (func (export "a") (param i32)
    (i32.store (i32.const 0) (i32.const 0xAAAAAAAA))
    (global.set $ga (local.get 0))
    (unreachable)))
(register "A" $A)
(module $B
  (import "A" "a" (func $a (param i32)))
  (memory 1)
  (global $gb (mut i32) (i32.const 0xB))
  (func (export "b") (param i32)
    (i32.store (i32.const 8) (i32.const 0xBBBBBBBB))
    (call $a (i32.add (local.get 0) (i32.const 1)))))
(register "B" $B)
(module $C
  (import "B" "b" (func $b (param i32)))
  (memory 1)
  (global $gc (mut i32) (i32.const 0xC))
  (func (export "c") (param i32)
    (i32.store (i32.const 16) (i32.const 0xCCCCCCCC))
    (call $b (i32.add (local.get 0) (i32.const 1)))))

(assert_trap (invoke $C "c" (i32.const 1)) "unreachable")
