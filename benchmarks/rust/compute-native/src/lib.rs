//! The native baseline of `ComputeBenchmark`: the benchmark module's compute kernels, compiled for the host
//! from the very same source file, with a C ABI for Java's FFM API (`NativeComputeBenchmark`).
//!
//! Each function takes the input as a pointer and a length in bytes, as Java passes a native
//! `MemorySegment`, and returns the kernel's `i64` result.

#[path = "../../big-module/src/compute.rs"]
mod compute;

use std::slice;

/// `compute::fnv_hash_rounds` over the `len` bytes at `data`.
///
/// # Safety
///
/// `data` must point to `len` readable bytes (it may dangle if `len` is 0), unchanged during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn compute_fnv_hash_rounds(data: *const u8, len: usize, rounds: i32) -> i64 {
    compute::fnv_hash_rounds(unsafe { bytes(data, len) }, rounds)
}

/// `compute::parse_numbers` over the `len` bytes at `csv`, which should be UTF-8 (Java passes the
/// string's UTF-8 encoding). Bytes that are not UTF-8 give -1, the same result as a field that does not
/// parse, so the function never panics.
///
/// # Safety
///
/// `csv` must point to `len` readable bytes (it may dangle if `len` is 0), unchanged during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn compute_parse_numbers(csv: *const u8, len: usize) -> i64 {
    match std::str::from_utf8(unsafe { bytes(csv, len) }) {
        Ok(text) => compute::parse_numbers(text),
        Err(_) => -1,
    }
}

/// The `len` bytes at `data`, or no bytes if `len` is 0 (where `data` may be null).
unsafe fn bytes<'a>(data: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        &[]
    } else {
        unsafe { slice::from_raw_parts(data, len) }
    }
}
