;; A single-module fixture without directives: its start function must trap.
(module
  (memory 1)
  (global $state (mut i32) (i32.const 0))
  (func $start
    (local $p i32)
    (local.set $p (i32.const 65535))
    (global.set $state (i32.const 1))
    (i32.store16 (local.get $p) (i32.const 0xBEEF)))
  (start $start))
