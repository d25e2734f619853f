;; A SIMD lane load (v128.load32_lane) whose 4 bytes at 65532 + 4 lie past the one-page
;; memory. The dump shows the address operand exactly and the v128 operand (the vector whose
;; lane 2 was to be replaced) as 0x01 (missing); the memory holds the data stored before.
;; The exports take and return i32 only, so that V8 can call them from JavaScript.
(module
  (memory 1)
  (data (i32.const 16) "lanes")
  (func (export "store") (param $addr i32)
    (v128.store (local.get $addr) (v128.const i32x4 0x11111111 0x22222222 0x33333333 0x44444444)))
  (func (export "load_lane") (param $addr i32) (result i32)
    (local $v v128)
    (local.set $v (v128.const i32x4 10 20 30 40))
    (i32x4.extract_lane 2
      (v128.load32_lane offset=4 2 (local.get $addr) (local.get $v)))))

(invoke "store" (i32.const 32))
(assert_return (invoke "load_lane" (i32.const 28)) (i32.const 0x11111111))
(assert_trap (invoke "load_lane" (i32.const 65532)) "out of bounds memory access")
