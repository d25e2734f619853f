;; One module (the same bytes) instantiated twice, each instance with its own
;; memory and global. A third module calls both; each trap must name the
;; instance it happened in, not "the last instance of that module".
(module
  (memory 1)
  (global $div (mut i32) (i32.const 0))
  (func (export "set") (param i32)
    (global.set $div (local.get 0))
    (i32.store (i32.const 0) (local.get 0)))
  (func (export "divide") (param i32) (result i32)
    (i32.div_u (local.get 0) (global.get $div))))
(register "first")
(invoke "set" (i32.const 0))

(module
  (memory 1)
  (global $div (mut i32) (i32.const 0))
  (func (export "set") (param i32)
    (global.set $div (local.get 0))
    (i32.store (i32.const 0) (local.get 0)))
  (func (export "divide") (param i32) (result i32)
    (i32.div_u (local.get 0) (global.get $div))))
(register "second")
(invoke "set" (i32.const 7))

(module $caller
  (import "first" "divide" (func $first (param i32) (result i32)))
  (import "second" "divide" (func $second (param i32) (result i32)))
  (func (export "second then first") (result i32)
    (i32.add (call $second (i32.const 70)) (call $first (i32.const 1))))
  (func (export "first only") (result i32)
    (call $first (i32.const 2))))

;; The trap is in the first instance (index 0), called after the second returned 10.
(assert_trap (invoke $caller "second then first") "integer divide by zero")
;; Same function, same instance, through the other export.
(assert_trap (invoke $caller "first only") "integer divide by zero")
