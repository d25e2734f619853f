;; Table instructions out of bounds: "out of bounds table access".
(module
  (table $t 2 10 funcref)
  (table $e 3 externref)
  (elem $seg func $f $f $f)
  (func $f)
  (func (export "table.get") (param i32) (result funcref) (table.get $t (local.get 0)))
  (func (export "table.set") (param i32 externref) (table.set $e (local.get 0) (local.get 1)))
  (func (export "table.fill") (param i32) (table.fill $t (local.get 0) (ref.func $f) (i32.const 2)))
  (func (export "table.copy") (table.copy $t $t (i32.const 1) (i32.const 0) (i32.const 2)))
  (func (export "table.init") (param i32) (table.init $t $seg (i32.const 0) (local.get 0) (i32.const 2))))

(assert_trap (invoke "table.get" (i32.const 2)) "out of bounds table access")
(assert_trap (invoke "table.set" (i32.const 3) (ref.extern 7)) "out of bounds table access")
(assert_trap (invoke "table.fill" (i32.const 1)) "out of bounds table access")
(assert_trap (invoke "table.copy") "out of bounds table access")
(assert_trap (invoke "table.init" (i32.const 2)) "out of bounds table access")
