;; Frames entered through call_indirect: the older frames' code offsets point
;; at their call_indirect instructions.
(module
  (type $t (func (param i32) (result i32)))
  (table funcref (elem $step $step $last))
  (func $step (type $t)
    (i32.add (i32.const 1)
      (call_indirect (type $t) (i32.add (local.get 0) (i32.const 1)) (local.get 0))))
  (func $last (type $t)
    (i32.load (i32.const 0)))
  (memory 0)
  (func (export "run") (result i32)
    (call_indirect (type $t) (i32.const 0) (i32.const 0))))

(assert_trap (invoke "run") "out of bounds memory access")
