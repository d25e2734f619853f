;; v128 parameters, locals and operand-stack values in three frames, next to scalar ones.
;; The format has no value tag for v128: each v128 local and operand is written 0x01
;; (missing) while the scalars around it keep their exact values, and the v128 global is
;; written as v128.const with its 16 bytes.
(module
  (global $acc (mut v128) (v128.const i32x4 1 2 3 4))
  (global $count (mut i32) (i32.const 0))

  ;; Youngest frame: traps with [i32, v128, i32, i32] on its operand stack.
  (func $leaf (param $v v128) (param $n i32) (result i32)
    (local $w v128)
    (local $k i64)
    (local.set $w (i32x4.mul (local.get $v) (v128.const i32x4 2 2 2 2)))
    (global.set $acc (i32x4.add (global.get $acc) (local.get $w)))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (local.set $k (i64.const 7))
    (i32x4.extract_lane 1 (local.get $w))
    (local.get $w)
    (i32.div_s (local.get $n) (i32.const 0))
    (drop)
    (drop))

  ;; Middle frame: a v128 and an i32 stay on its operand stack under the call.
  (func $middle (param $a v128) (result i32)
    (local $x f64)
    (local $keep i32)
    (local.set $x (f64.const 2.5))
    (v128.const f32x4 1.5 -2.5 0x1p-3 -0)
    (i32.const 10)
    (call $leaf (local.get $a) (i32.const 3))
    (i32.add)
    (local.set $keep)
    (drop)
    (local.get $keep))

  ;; Oldest frame: a v128 operand under the call, and a v128 local.
  (func (export "run") (param $p i32) (result i32)
    (local $s v128)
    (local.set $s (i16x8.splat (local.get $p)))
    (v128.const i64x2 -1 0x0123456789abcdef)
    (call $middle (i32x4.splat (local.get $p)))
    (local.set $p)
    (drop)
    (local.get $p)))

(assert_trap (invoke "run" (i32.const 5)) "integer divide by zero")
