;; Instantiating this module traps in its start function, after writing to memory.
(module
  (memory 1)
  (func $start
    (i32.store (i32.const 8) (i32.const 0x2a))
    unreachable)
  (start $start))
