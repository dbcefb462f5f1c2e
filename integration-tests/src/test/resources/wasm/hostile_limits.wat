;; Hand-written module for the sandbox-limit tests (integration-tests/src/test/java/dev/wasmbridge/it/limits):
;; what Rust does not write, linear memory and a table grown in a loop until the engine refuses. Bound by
;; HostileWat. Rebuild: wat2wasm --debug-names hostile_limits.wat -o hostile_limits.wasm (wabt)
(module
  (memory (export "memory") 1)
  (table $table 1 funcref)

  ;; memory.grow by `pages` until it returns -1; returns the size reached, in pages
  (func (export "grow_memory_forever") (param $pages i32) (result i32)
    (block $refused
      (loop $grow
        (br_if $refused (i32.eq (memory.grow (local.get $pages)) (i32.const -1)))
        ;; write the last byte of the new memory, so the pages are really there
        (i32.store8 (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 1)) (i32.const 1))
        (br $grow)))
    (memory.size))

  ;; table.grow by `count` null elements until it returns -1; returns the size reached
  (func (export "grow_table_forever") (param $count i32) (result i32)
    (block $refused
      (loop $grow
        (br_if $refused (i32.eq (table.grow $table (ref.null func) (local.get $count)) (i32.const -1)))
        (br $grow)))
    (table.size $table))

  ;; the current sizes, in pages and elements
  (func (export "memory_pages") (result i32) (memory.size))
  (func (export "table_size") (result i32) (table.size $table)))
