;; A 64-bit memory of 65537 pages (4 GiB + 64 KiB). A store at 4 GiB fits; a
;; load whose effective address (operand + offset=8) is 0x1_0001_0004 does
;; not. The memory is sparse: only the written page exists, in the
;; interpreter and in the dump (one segment at i64.const 0x1_0000_0000).
(module
  (memory i64 65537)
  (func (export "store") (param $at i64)
    (i64.store (local.get $at) (i64.const 0x0102030405060708)))
  (func (export "load") (param $at i64) (result i64)
    (i64.load offset=8 (local.get $at))))

(invoke "store" (i64.const 0x1_0000_0000))
(assert_trap (invoke "load" (i64.const 0x1_0000_fffc)) "out of bounds memory access")
