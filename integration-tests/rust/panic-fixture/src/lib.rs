//! Test fixture for the call boundary: panics, traps, aborts, runaway calls, Java exceptions in imports
//! and re-entrant calls. Built as exnref, legacy and abort flavours from this one source.

use std::cell::{Cell, RefCell};
use std::hint::black_box;

thread_local! {
    static DROPS: Cell<i32> = const { Cell::new(0) };
    static STATE: RefCell<Vec<i32>> = const { RefCell::new(Vec::new()) };
}

/// Counts its own destruction, so the host can see that unwinding ran destructors.
struct DropCounter;

impl Drop for DropCounter {
    fn drop(&mut self) {
        DROPS.with(|d| d.set(d.get() + 1));
    }
}

wasmbridge::export! {
    fn divide(a: i32, b: i32) -> i32 { a / b }

    fn element(index: i32) -> i32 {
        let values = black_box(vec![10, 20, 30]);
        values[index as usize]
    }

    fn panic_with(message: &str) -> i32 {
        let _guard = DropCounter;
        panic!("{message}")
    }

    /// Panics with a payload that is not a string.
    fn panic_with_number() -> i32 {
        std::panic::panic_any(42_i32)
    }

    /// Holds three live values with destructors when it panics, one of them on the heap.
    fn panic_after_allocating(size: i32) -> i32 {
        let _a = DropCounter;
        let buffer = black_box(vec![7u8; size.max(0) as usize]);
        let _b = Box::new(DropCounter);
        let _c = DropCounter;
        if black_box(true) {
            panic!("gave up after allocating {} bytes", buffer.len());
        }
        buffer.len() as i32
    }

    fn drops() -> i32 { DROPS.with(|d| d.get()) }

    /// Rust state kept across calls (and across caught panics).
    fn push_state(value: i32) -> i32 {
        STATE.with(|s| { s.borrow_mut().push(value); s.borrow().len() as i32 })
    }

    fn state_sum() -> i64 { STATE.with(|s| s.borrow().iter().map(|&v| v as i64).sum()) }

    /// Borrows the state mutably while calling Java; a panic or exception must release the borrow.
    fn push_via_host(value: i32) -> i32 {
        STATE.with(|s| {
            let mut state = s.borrow_mut();
            let from_host = host_transform(value);
            state.push(from_host);
            state.len() as i32
        })
    }

    fn trap_unreachable() -> i32 { unreachable_instruction() }

    fn trap_divide(a: i32, b: i32) -> i32 {
        // Tell the optimiser b is never zero so it emits a bare i32.div_s, which traps on zero.
        unsafe { std::hint::assert_unchecked(b != 0) };
        black_box(a) / b
    }

    fn trap_out_of_bounds() -> i32 {
        unsafe { std::ptr::read_volatile(black_box(0xFFFF_FFF0usize) as *const i32) }
    }

    /// Asks for more memory than the engine will give (just under `isize::MAX`, past Chicory's limit of
    /// 32767 pages): `memory.grow` fails, the allocator returns null and Rust aborts.
    fn exhaust_memory() -> i32 {
        let big: Vec<u8> = Vec::with_capacity(black_box(isize::MAX as usize - 4096));
        big.capacity() as i32
    }

    /// Recursion that uses the Wasm call stack until the engine runs out of it.
    fn recurse(depth: i32) -> i32 {
        fn down(n: i32) -> i32 {
            if black_box(n) == 0 { 0 } else { 1 + down(n - 1) + black_box(0) }
        }
        down(depth)
    }

    /// Runs `iterations` steps, or forever when negative. Chicory 1.7.5's interpreter checks for
    /// interruption only on calls from the host and on unconditional branches (`br`), not on `br_if`, so
    /// the loop is shaped to end in an unconditional back-edge, as most real loops with joins do.
    fn spin(iterations: i64) -> i64 {
        let mut x = 0i64;
        let mut i = 0i64;
        loop {
            x = step(x, i);
            i += 1;
            if iterations >= 0 && i >= iterations {
                return x;
            }
            if black_box(false) {
                x = step(x, -i);
            }
        }
    }

    /// Calls the Java import, holding a value with a destructor.
    fn call_host(value: i32) -> i32 {
        let _guard = DropCounter;
        host_transform(value) + 1
    }

    fn call_host_greeting(name: &str) -> String {
        let _guard = DropCounter;
        host_greeting(name) + "!"
    }

    /// Java -> Rust -> Java (host_reenter) -> Rust (divide) and back.
    fn reenter(a: i32, b: i32) -> i32 { host_reenter(a, b) * 10 }

    fn add(a: i32, b: i32) -> i32 { a.wrapping_add(b) }
}

/// Wasm's `unreachable` instruction. The crate is built for Wasm only; the stand-in on other targets
/// lets `cargo clippy --workspace` check it on the host.
#[inline(always)]
fn unreachable_instruction() -> ! {
    #[cfg(target_arch = "wasm32")]
    std::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    std::process::abort();
}

#[inline(never)]
fn step(x: i64, i: i64) -> i64 {
    black_box(x.wrapping_mul(31).wrapping_add(i))
}

wasmbridge::import! {
    module "host";
    fn host_transform(value: i32) -> i32;
    fn host_greeting(name: &str) -> String;
    fn host_reenter(a: i32, b: i32) -> i32;
}
