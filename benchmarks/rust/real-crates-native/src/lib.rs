//! The native baseline of `RealCrateBenchmark`: the Wasm module's exports, compiled for the host from the
//! very same source file (`work.rs`), with a C ABI for Java's FFM API (`NativeRealCrateBenchmark`).
//!
//! Strings come in as a pointer and a length in bytes (UTF-8, as Java encodes them) and go out into a
//! buffer the caller allocated. Errors (input that is not UTF-8, bad JSON, a bad pattern, a buffer too
//! small) are negative results; none of these functions panics across the boundary.

#[path = "../../real-crates/src/work.rs"]
mod work;

use std::ptr;
use std::slice;

/// `work::json_roundtrip` of the `len` bytes at `text`, written to the `capacity` bytes at `out`: the
/// number of bytes written, -1 if the input is not UTF-8 or not JSON, -2 if `out` is too small.
///
/// # Safety
///
/// `text` must point to `len` readable bytes and `out` to `capacity` writable bytes (either may dangle
/// if its length is 0), not overlapping, unchanged by others during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn real_json_roundtrip(
    text: *const u8,
    len: usize,
    out: *mut u8,
    capacity: usize,
) -> i64 {
    let Some(text) = (unsafe { utf8(text, len) }) else { return -1 };
    match work::json_roundtrip(text) {
        Ok(json) if json.len() <= capacity => {
            unsafe { ptr::copy_nonoverlapping(json.as_ptr(), out, json.len()) };
            json.len() as i64
        }
        Ok(_) => -2,
        Err(_) => -1,
    }
}

/// `work::json_sum_numbers` of the `len` bytes at `text`, stored at `sum`: 0, or -1 if the input is not
/// UTF-8 or not JSON.
///
/// # Safety
///
/// `text` must point to `len` readable bytes (it may dangle if `len` is 0), `sum` to a writable `f64`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn real_json_sum_numbers(text: *const u8, len: usize, sum: *mut f64) -> i32 {
    let Some(text) = (unsafe { utf8(text, len) }) else { return -1 };
    match work::json_sum_numbers(text) {
        Ok(total) => {
            unsafe { sum.write(total) };
            0
        }
        Err(_) => -1,
    }
}

/// `work::regex_count`: the number of matches, or -1 if an input is not UTF-8 or the pattern is bad.
///
/// # Safety
///
/// `pattern` and `text` must point to `pattern_len` and `text_len` readable bytes (either may dangle if
/// its length is 0), unchanged during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn real_regex_count(
    pattern: *const u8,
    pattern_len: usize,
    text: *const u8,
    text_len: usize,
) -> i64 {
    match unsafe { (utf8(pattern, pattern_len), utf8(text, text_len)) } {
        (Some(pattern), Some(text)) => work::regex_count(pattern, text).map_or(-1, i64::from),
        _ => -1,
    }
}

/// `work::regex_is_match`: 1 or 0, or -1 if an input is not UTF-8 or the pattern is bad.
///
/// # Safety
///
/// As `real_regex_count`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn real_regex_is_match(
    pattern: *const u8,
    pattern_len: usize,
    text: *const u8,
    text_len: usize,
) -> i32 {
    match unsafe { (utf8(pattern, pattern_len), utf8(text, text_len)) } {
        (Some(pattern), Some(text)) => work::regex_is_match(pattern, text).map_or(-1, i32::from),
        _ => -1,
    }
}

/// The `len` bytes at `data` as UTF-8 text, or `None` if they are not UTF-8 (no bytes if `len` is 0,
/// where `data` may be null).
unsafe fn utf8<'a>(data: *const u8, len: usize) -> Option<&'a str> {
    let bytes = if len == 0 { &[][..] } else { unsafe { slice::from_raw_parts(data, len) } };
    std::str::from_utf8(bytes).ok()
}
