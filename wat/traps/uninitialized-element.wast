;; call_indirect on a table slot that holds a null reference.
(module
  (type $v (func))
  (table 4 funcref)
  (elem (i32.const 1) $f)
  (func $f)
  (func (export "call") (param i32) (call_indirect (type $v) (local.get 0))))

(assert_return (invoke "call" (i32.const 1)))
(assert_trap (invoke "call" (i32.const 3)) "uninitialized element")
