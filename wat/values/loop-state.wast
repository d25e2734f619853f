;; A trap in the fourth iteration of a loop nested in blocks: the dump shows
;; the loop counter and the accumulator as they were then.
(module
  (memory 1)
  (data (i32.const 0) "\0a\00\00\00\14\00\00\00\1e\00\00\00")
  (func (export "sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (i32.add (local.get $acc)
            (i32.div_u (i32.const 600) (i32.load (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)))

(assert_return (invoke "sum" (i32.const 3)) (i32.const 110))
(assert_trap (invoke "sum" (i32.const 5)) "integer divide by zero")
