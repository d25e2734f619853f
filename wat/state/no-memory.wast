;; A module with no memory and no globals: the memory, global and data
;; sections are written, empty.
(module
  (func (export "trap") (param f64) (result i32)
    (i32.trunc_f64_s (local.get 0))))

(assert_trap (invoke "trap" (f64.const 1e300)) "integer overflow")
