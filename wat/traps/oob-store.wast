;; Stores past the end of memory. A failed store writes nothing: the dump's
;; memory shows only what the earlier, successful store wrote.
(module
  (memory 1 2)
  (func (export "store") (param i32 i64)
    (i64.store (i32.const 8) (i64.const 0x1122334455667788))
    (i64.store (local.get 0) (local.get 1)))
  (func (export "f32.store offset") (param i32 f32)
    (f32.store offset=4 (local.get 0) (local.get 1))))

(assert_trap (invoke "store" (i32.const 65530) (i64.const -2)) "out of bounds memory access")
(assert_trap (invoke "f32.store offset" (i32.const 65532) (f32.const -0.5)) "out of bounds memory access")
