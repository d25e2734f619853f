;; Globals of every capturable type: imported (spectest) and own, mutable and
;; immutable, changed before the trap. The dump writes all of them immutable
;; with their current values; reference globals as ref.null.
(module
  (import "spectest" "global_i32" (global $si32 i32))
  (import "spectest" "global_f64" (global $sf64 f64))
  (global $i32 (mut i32) (i32.const 1))
  (global $i64 (mut i64) (i64.const 2))
  (global $f32 (mut f32) (f32.const 3.5))
  (global $f64 f64 (f64.const -4.25))
  (global $fnan (mut f32) (f32.const 0))
  (global $fref (mut funcref) (ref.null func))
  (global $eref externref (ref.null extern))
  (elem declare func $set)
  (func $set (export "set and trap")
    (global.set $i32 (i32.const -1))
    (global.set $i64 (i64.const 0x123456789abcdef0))
    (global.set $f32 (f32.const -0.0))
    (global.set $fnan (f32.const -nan:0x12345))
    (global.set $fref (ref.func $set))
    (unreachable)))

(assert_trap (invoke "set and trap") "unreachable")
