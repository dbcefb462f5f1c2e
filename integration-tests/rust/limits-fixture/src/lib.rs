//! Test fixture for the sandbox limits (docs/GUIDE.md, "Running untrusted modules"): memory that grows
//! without bound, memory kept until a reset, host <-> Wasm calls nested without bound, and the checked
//! workloads of the soak test. Built as exnref, legacy and abort flavours from this one source.

use std::cell::RefCell;
use std::hint::black_box;

thread_local! {
    /// Blocks kept across calls, until a reset.
    static KEPT: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

wasmbridge::export! {
    /// Allocates `bytes` bytes, writes every one, and returns how many it allocated; frees them on return.
    fn allocate(bytes: u32) -> u32 {
        black_box(vec![1u8; bytes as usize]).len() as u32
    }

    /// Keeps a block of `bytes` bytes until the instance is reset; returns the bytes kept so far.
    fn keep(bytes: u32) -> u64 {
        KEPT.with(|kept| {
            let mut kept = kept.borrow_mut();
            kept.push(black_box(vec![1u8; bytes as usize]));
            kept.iter().map(|block| block.len() as u64).sum()
        })
    }

    /// A memory leak without end: keeps blocks of `chunk` bytes, each written, until an allocation fails.
    fn leak_forever(chunk: u32) -> u32 {
        let mut leaked = Vec::new();
        loop {
            leaked.push(black_box(vec![1u8; chunk as usize]));
        }
    }

    /// A vector that doubles without end: the allocation that fails asks for the most memory.
    fn grow_vector_forever() -> u32 {
        let mut values: Vec<u64> = Vec::new();
        loop {
            values.push(black_box(values.len() as u64));
        }
    }

    /// `depth` calls nested through Java: Java -> `nest(depth)` -> `host_nest(depth - 1)` -> Java ->
    /// `nest(depth - 1)` ... down to 0; returns `depth` when every level returned.
    fn nest(depth: u32) -> u32 {
        if depth == 0 { 0 } else { host_nest(depth - 1) + 1 }
    }

    /// FNV-1a over `data`, starting from `seed` instead of the offset basis (the soak test checks it in
    /// Java).
    fn mix(data: &[u8], seed: u64) -> u64 {
        data.iter().fold(seed, |hash, &byte| (hash ^ byte as u64).wrapping_mul(0x0100_0000_01b3))
    }

    /// [`mix`], or a panic naming `seed` when `panic` is true.
    fn mix_or_panic(data: &[u8], seed: u64, panic: bool) -> u64 {
        let hash = mix(data, seed);
        if panic {
            panic!("asked to panic for seed {seed}");
        }
        hash
    }

    /// The words of `text` in reverse order, joined by one space.
    fn reverse_words(text: &str) -> String {
        text.split_whitespace().rev().collect::<Vec<_>>().join(" ")
    }

    /// `value` passed through the Java import `host_check`, plus one; a Java exception there unwinds Rust.
    fn via_host(value: i64) -> i64 {
        let _kept = black_box(vec![0u8; 64]);
        host_check(value) + 1
    }

    /// Wasm's `unreachable`: aborts the instance.
    fn trap() -> i32 {
        unreachable_instruction()
    }
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

wasmbridge::import! {
    module "host";
    fn host_nest(depth: u32) -> u32;
    fn host_check(value: i64) -> i64;
}
