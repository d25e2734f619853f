;; Data spread over a two-page memory: runs that cross 4 KiB chunk boundaries,
;; all-zero chunks between them, and the very last byte. The dump's data
;; section has one trimmed segment per non-zero 4 KiB chunk.
(module
  (memory 2)
  (data (i32.const 0) "\01")
  (data (i32.const 4093) "crosses a chunk boundary")
  (data (i32.const 8292) "middle of the third chunk")
  (data (i32.const 65536) "start of page two")
  (data (i32.const 131071) "\ff")
  (func (export "poke and trap")
    (i32.store (i32.const 20000) (i32.const 0x01020304))
    (unreachable)))

(assert_trap (invoke "poke and trap") "unreachable")
