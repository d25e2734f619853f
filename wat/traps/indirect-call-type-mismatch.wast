;; call_indirect whose table entry has another type than the one expected.
(module
  (type $i2i (func (param i32) (result i32)))
  (type $v2i (func (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $double $answer)
  (func $double (type $i2i) (i32.mul (local.get 0) (i32.const 2)))
  (func $answer (type $v2i) (i32.const 42))
  (func (export "call") (param $arg i32) (param $slot i32) (result i32)
    (i32.add (i32.const 1000)
      (call_indirect (type $i2i) (local.get $arg) (local.get $slot)))))

(assert_return (invoke "call" (i32.const 5) (i32.const 0)) (i32.const 1010))
(assert_trap (invoke "call" (i32.const 5) (i32.const 1)) "indirect call type mismatch")
