;; A memory and a mutable global exported by one module and imported by two
;; others: the dump holds each once, and every instance refers to it.
(module $owner
  (memory (export "mem") 1 4)
  (global (export "counter") (mut i64) (i64.const 100))
  (global (export "limit") i32 (i32.const 3)))
(register "owner" $owner)

(module $writer
  (import "owner" "mem" (memory 1 4))
  (import "owner" "counter" (global $counter (mut i64)))
  (global $own f32 (f32.const 2.5))
  (func (export "write") (param i32)
    (i32.store8 (local.get 0) (i32.const 0x57))
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))))
(register "writer" $writer)

(module $checker
  (import "owner" "mem" (memory 1 4))
  (import "owner" "limit" (global $limit i32))
  (import "owner" "counter" (global $counter (mut i64)))
  (import "writer" "write" (func $write (param i32)))
  (func (export "check") (param i32)
    (call $write (local.get 0))
    (call $write (i32.add (local.get 0) (i32.const 1)))
    (if (i64.gt_u (global.get $counter) (i64.const 101))
      (then (unreachable)))))

(assert_trap (invoke $checker "check" (i32.const 4096)) "unreachable")
