;; A 64-bit memory of 8 GiB with a few bytes far apart: at 0, at 4 GiB, at
;; 6 GiB (written by the program) and in the last 8 bytes. Nothing else is
;; allocated; the dump's data section has one small segment per non-zero
;; 4 KiB chunk, each at an i64.const offset.
(module
  (memory i64 0x20000)
  (data (i64.const 0) "first")
  (data (i64.const 0x1_0000_0000) "at 4 GiB")
  (data (i64.const 0x1_ffff_fff8) "last")
  (func (export "mark") (param $at i64)
    (i64.store8 (local.get $at) (i64.const 0x7f)))
  (func (export "trap") (unreachable)))

(invoke "mark" (i64.const 0x1_8000_0000))
(assert_trap (invoke "trap") "unreachable")
