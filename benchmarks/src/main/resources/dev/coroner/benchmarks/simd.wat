;; SIMD-heavy workload: n passes over 4 KiB of i32 data in 16-byte vectors, mixing integer
;; lane arithmetic, a byte shuffle, shifts, lane-wise max and an f32x4 conversion and sum.
;; Returns an i32 folded from the accumulators' lanes.
(module
  (memory 1)
  (func (export "simd") (param $n i32) (result i32)
    (local $i i32) (local $p i32) (local $k i32)
    (local $v v128) (local $w v128) (local $acc v128) (local $mx v128) (local $f v128)
    ;; data: word i = i * 0x9E3779B1 + 12345
    (block $filled
      (loop $fill
        (br_if $filled (i32.ge_u (local.get $i) (i32.const 1024)))
        (i32.store (i32.shl (local.get $i) (i32.const 2))
          (i32.add (i32.mul (local.get $i) (i32.const 0x9E3779B1)) (i32.const 12345)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (local.set $acc (v128.const i32x4 1 2 3 4))
    (block $done
      (loop $pass
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $p (i32.const 0))
        (block $end
          (loop $vec
            (br_if $end (i32.ge_u (local.get $p) (i32.const 4096)))
            (local.set $v (v128.load (local.get $p)))
            (local.set $w (i8x16.shuffle 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12
              (local.get $v) (local.get $v)))
            (local.set $acc (i32x4.add (local.get $acc) (i32x4.mul (local.get $v) (local.get $w))))
            (local.set $acc (v128.xor (local.get $acc) (i32x4.shr_u (local.get $acc) (i32.const 7))))
            (local.set $mx (i16x8.max_s (local.get $mx) (v128.and (local.get $v) (local.get $w))))
            (local.set $f (f32x4.add (local.get $f)
              (f32x4.convert_i32x4_s (i32x4.shr_u (local.get $w) (i32.const 20)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $vec)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $pass)))
    (i32.add
      (i32.add
        (i32.xor (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))
        (i32.xor (i32x4.extract_lane 1 (local.get $acc)) (i32x4.extract_lane 2 (local.get $acc))))
      (i32.add
        (i16x8.extract_lane_s 5 (local.get $mx))
        (i32.trunc_sat_f32_s (f32x4.extract_lane 2 (local.get $f)))))))
