;; memory.copy from memory 0 into memory 1: the first copy fits, the second
;; runs past the end of memory 1 and traps before writing anything.
(module
  (memory $a 1)
  (memory $b 2)
  (data (memory $a) (i32.const 0) "source bytes")
  (func (export "copy") (param $dst i32) (param $n i32)
    (memory.copy $b $a (local.get $dst) (i32.const 0) (local.get $n))))

(invoke "copy" (i32.const 100) (i32.const 12))
(assert_trap (invoke "copy" (i32.const 131070) (i32.const 12)) "out of bounds memory access")
