;; "invalid conversion to integer": truncating NaN. The NaNs carry payloads,
;; which the dump must keep bit for bit.
(module
  (func (export "i32.trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "i64.trunc_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0))))

(assert_trap (invoke "i32.trunc_f32_s" (f32.const nan:0x200001)) "invalid conversion to integer")
(assert_trap (invoke "i64.trunc_f64_u" (f64.const -nan:0x8000000000123)) "invalid conversion to integer")
