//! The compute-bound kernels of the engine comparison (`ComputeBenchmark`), as plain Rust functions.
//!
//! `lib.rs` exports them to Java through `wasmbridge::export!`, and the native crate
//! `benchmarks/rust/compute-native` compiles this same file for the host (`#[path]`), so the Wasm engines
//! and the native baseline (`NativeComputeBenchmark`) run the same source. This file must therefore use
//! nothing but `core`/`std`: no `wasmbridge`, no other module of this crate.

/// FNV-1a (64-bit) over `data`, `rounds` times: a compute-bound loop for engine comparisons.
///
/// The hash carries over from one round to the next, and after each round it is xor-ed with the round
/// index. A negative `rounds` counts as 0, which returns the FNV offset basis.
pub fn fnv_hash_rounds(data: &[u8], rounds: i32) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for round in 0..rounds.max(0) {
        for &byte in data {
            hash ^= byte as u64;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash ^= round as u64;
    }
    hash as i64
}

/// The wrapping sum of comma-separated integers; -1 if one does not parse.
///
/// Fields are trimmed and empty ones are skipped.
pub fn parse_numbers(csv: &str) -> i64 {
    fn sum(csv: &str) -> Result<i64, std::num::ParseIntError> {
        let mut total = 0i64;
        for field in csv.split(',') {
            let field = field.trim();
            if !field.is_empty() {
                total = total.wrapping_add(field.parse::<i64>()?);
            }
        }
        Ok(total)
    }
    sum(csv).unwrap_or(-1)
}
