;; Bulk memory instructions out of bounds: memory.fill, memory.copy,
;; memory.init, and memory.init of a dropped segment.
(module
  (memory 1)
  (data $seg "passive segment")
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $seg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop then init")
    (memory.init $seg (i32.const 100) (i32.const 0) (i32.const 15))
    (data.drop $seg)
    (memory.init $seg (i32.const 200) (i32.const 0) (i32.const 1))))

(assert_trap (invoke "fill" (i32.const 65000) (i32.const 0xAB) (i32.const 1000)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 0) (i32.const 65535) (i32.const 2)) "out of bounds memory access")
(assert_trap (invoke "init" (i32.const 10) (i32.const 8) (i32.const 8)) "out of bounds memory access")
(assert_trap (invoke "drop then init") "out of bounds memory access")
