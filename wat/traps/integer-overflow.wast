;; "integer overflow": signed division of the minimum by -1, and float-to-int
;; truncation of a value out of range.
(module
  (func (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "i32.trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "i64.trunc_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0))))

(assert_trap (invoke "i32.div_s" (i32.const 0x80000000) (i32.const -1)) "integer overflow")
(assert_trap (invoke "i64.div_s" (i64.const 0x8000000000000000) (i64.const -1)) "integer overflow")
(assert_trap (invoke "i32.trunc_f32_s" (f32.const 3e9)) "integer overflow")
(assert_trap (invoke "i64.trunc_f64_u" (f64.const -1.5)) "integer overflow")
