;; A single-module fixture: the module below, run once per @trap directive.
;; @trap (invoke "divide" (i32.const 7) (i32.const 0)) "integer divide by zero"
;; @trap (invoke "remainder" (i64.const -7) (i64.const 0)) "integer divide by zero"
(module
  (func (export "divide") (param $n i32) (param $d i32) (result i32)
    (i32.div_s (local.get $n) (local.get $d)))
  (func (export "remainder") (param $n i64) (param $d i64) (result i64)
    (i64.rem_s (local.get $n) (local.get $d))))
