;; Hand-written modules for the fuel tests (integration-tests/src/test/java/dev/wasmbridge/it/fuel): code
;; that never ends by itself, in the shapes Rust does not emit on purpose. Bound by HostileModule.
;; Rebuild: wat2wasm --enable-tail-call hostile.wat -o hostile.wasm (wabt: Debian's wabt, or npm's wabt)
(module
  (import "host" "tick" (func $tick (param i32) (result i32)))

  ;; A loop that only branches back with br_if, forever. Chicory's interpreter checks for interruption
  ;; only at unconditional branches: a timeout cannot stop this loop there, fuel can.
  (func (export "loop_forever") (param $x i32) (result i32)
    (loop $again
      local.get $x
      i32.const 1
      i32.add
      local.set $x
      i32.const 1
      br_if $again)
    local.get $x)

  ;; Calls the Java import host.tick in a tight loop, forever.
  (func (export "call_host_forever") (result i32)
    (local $n i32)
    (loop $again
      local.get $n
      call $tick
      local.set $n
      i32.const 1
      br_if $again)
    local.get $n)

  ;; Recursion without a base case: the stack overflows, unless the fuel runs out first.
  (func $down (export "recurse_forever") (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    call $down
    i32.const 1
    i32.add)

  ;; A tail call to itself: a loop without a loop instruction, and without a stack to overflow.
  (func $again (export "tail_call_forever") (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    return_call $again)

  ;; Adds 1 n times, in a loop: fuel grows linearly with n.
  (func (export "count") (param $n i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $again
        local.get $n
        i32.eqz
        br_if $done
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        local.get $sum
        i32.const 1
        i32.add
        local.set $sum
        br $again))
    local.get $sum))
