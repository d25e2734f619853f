;; An instance with two memories, data in both, trapping in the second. The
;; dump lists the instance's memories in index order; the data segments of
;; memory 1 have the header 02 01 (format doc, section 3.6).
(module
  (memory $heap 1)
  (memory $scratch 1 2)
  (data (memory $heap) (i32.const 16) "heap data")
  (data (memory $scratch) (i32.const 32) "scratch data")
  (func (export "load scratch") (param $at i32) (result i32)
    (i32.store $heap (i32.const 0) (i32.const 0x11223344))
    (i32.store $scratch (i32.const 0) (i32.const 0x55667788))
    (i32.load $scratch (local.get $at))))

(assert_return (invoke "load scratch" (i32.const 0)) (i32.const 0x55667788))
(assert_trap (invoke "load scratch" (i32.const 65534)) "out of bounds memory access")
