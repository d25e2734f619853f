;; Reference-typed parameters, locals and stack entries. The coredump format
;; has no tag for references, so each is written as "missing" (0x01), while
;; the number values around them keep their values.
(module
  (table 1 funcref)
  (elem declare func $f)
  (func $f)
  (func (export "trap") (param $e externref) (param $n i32) (result i32)
    (local $fr funcref) (local $x externref)
    (local.set $fr (ref.func $f))
    (local.set $x (local.get $e))
    (local.get $fr) (local.get $n) (local.get $e)
    (drop) (drop) (drop)
    (ref.func $f)
    (i32.const 7)
    (call_indirect (local.get $n))
    (drop) (drop)
    (local.get $n)))

(assert_trap (invoke "trap" (ref.extern 5) (i32.const 0)) "uninitialized element")
