;; call_indirect with an index past the end of the table.
(module
  (type $v (func (param i64)))
  (table 2 funcref)
  (elem (i32.const 0) $f $f)
  (func $f (param i64))
  (func (export "call") (param i32)
    (call_indirect (type $v) (i64.const -1) (local.get 0))))

(assert_trap (invoke "call" (i32.const 2)) "undefined element")
(assert_trap (invoke "call" (i32.const -1)) "undefined element")
