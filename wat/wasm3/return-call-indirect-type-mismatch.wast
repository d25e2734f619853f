;; return_call_indirect through a table slot of the wrong type. The check
;; fails before the frame is replaced, so the dump shows $dispatch itself at
;; its return_call_indirect, with the argument and the slot on its stack, and
;; "apply" below it.
(module
  (type $i2i (func (param i32) (result i32)))
  (type $ii2i (func (param i32 i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $double $add)
  (func $double (type $i2i) (i32.mul (local.get 0) (i32.const 2)))
  (func $add (type $ii2i) (i32.add (local.get 0) (local.get 1)))
  (func $dispatch (param $x i32) (param $slot i32) (result i32)
    (return_call_indirect (type $i2i) (local.get $x) (local.get $slot)))
  (func (export "apply") (param i32 i32) (result i32)
    (i32.add (i32.const 1) (call $dispatch (local.get 0) (local.get 1)))))

(assert_return (invoke "apply" (i32.const 21) (i32.const 0)) (i32.const 43))
(assert_trap (invoke "apply" (i32.const 21) (i32.const 1)) "indirect call type mismatch")
