;; A live instance exports its memory; a second module imports it, and its
;; start function writes into it and traps. The dump holds both instances and
;; the shared memory once.
(module $lib
  (memory (export "memory") 1)
  (global (export "base") i32 (i32.const 256))
  (data (i32.const 0) "lib"))
(register "lib" $lib)

(assert_trap
  (module $app
    (import "lib" "memory" (memory 1))
    (import "lib" "base" (global $base i32))
    (func $init
      (i32.store (global.get $base) (i32.const 0x41505021))
      (i32.store (i32.const 70000) (i32.const 1)))
    (start $init))
  "out of bounds memory access")
