;; One module with a name (its name section names the module "Named") and one
;; without: coremodules lists "Named" and "<anonymous-module-1>".
(module $Named
  (func $alpha (export "alpha") (param i32) (result i32)
    (i32.div_u (i32.const 1) (local.get 0))))
(register "Named" $Named)
(module
  (import "Named" "alpha" (func (param i32) (result i32)))
  (func (export "beta") (result i32)
    (call 0 (i32.const 0))))

(assert_trap (invoke "beta") "integer divide by zero")
