;; A start function that traps: instantiation fails, and the dump shows the
;; half-initialised instance (data and globals as the start function left them).
(assert_trap
  (module
    (memory 1)
    (data (i32.const 0) "before start")
    (global $g (mut i32) (i32.const 5))
    (func $start
      (global.set $g (i32.const 9))
      (i32.store (i32.const 64) (i32.const 0xDEADBEEF))
      (unreachable))
    (start $start))
  "unreachable")
