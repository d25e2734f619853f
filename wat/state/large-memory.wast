;; A memory of 64 pages grown to 70 at run time, with data scattered across
;; it. The dump records the current size (70 pages) as the minimum and keeps
;; the declared maximum (100).
(module
  (memory 64 100)
  (data (i32.const 0) "page 0")
  (data (i32.const 196608) "page 3")
  (data (i32.const 1114112) "page 17")
  (data (i32.const 4194303) "\7f")
  (func (export "grow and trap") (result i32)
    (drop (memory.grow (i32.const 6)))
    (i64.store (i32.const 4194304) (i64.const -1))
    (i32.store (i32.const 4587516) (i32.const 0xCAFEBABE))
    (memory.size)
    (unreachable)))

(assert_trap (invoke "grow and trap") "unreachable")
