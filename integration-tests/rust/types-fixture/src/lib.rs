//! Test fixture: every type of ABI v1 in both directions, and imports the host implements.

use std::cell::Cell;

wasmbridge::export! {
    fn add(a: i32, b: i32) -> i32 { a.wrapping_add(b) }
    fn mul_long(a: i64, b: i64) -> i64 { a.wrapping_mul(b) }
    fn half(x: f32) -> f32 { x / 2.0 }
    fn hypotenuse(x: f64, y: f64) -> f64 { (x * x + y * y).sqrt() }
    fn negate(b: bool) -> bool { !b }
    fn is_positive(x: i32) -> bool { x > 0 }
    fn nothing() {}

    /// The raw bits of an f32 or f64 survive both ways (NaN payloads included).
    fn f32_identity(x: f32) -> f32 { x }
    fn f64_identity(x: f64) -> f64 { x }

    fn greet(name: &str) -> String { format!("Hello, {name}!") }
    fn echo(text: &str) -> String { text.to_owned() }
    fn echo_owned(text: String) -> String { text }
    fn str_len(text: &str) -> i32 { text.len() as i32 }
    fn char_count(text: &str) -> i32 { text.chars().count() as i32 }
    fn reverse(text: &str) -> String { text.chars().rev().collect() }
    fn concat(a: &str, b: &str) -> String { format!("{a}{b}") }
    fn repeat(text: &str, times: i32) -> String { text.repeat(times.max(0) as usize) }
    fn empty_string() -> String { String::new() }

    fn byte_sum(bytes: &[u8]) -> i64 { bytes.iter().map(|&b| b as i64).sum() }
    fn bytes_reversed(bytes: &[u8]) -> Vec<u8> { bytes.iter().rev().copied().collect() }
    fn bytes_owned(bytes: Vec<u8>) -> Vec<u8> { bytes }
    fn bytes_of_len(len: i32) -> Vec<u8> { (0..len.max(0)).map(|i| i as u8).collect() }

    /// Calls every import, so the host sees each type crossing in the import direction.
    fn call_host_add(a: i32, b: i32) -> i32 { host_add(a, b) }
    fn call_host_log(message: &str) { log(message) }
    fn call_host_greeting(name: &str) -> String { host_greeting(name) + " (via Rust)" }
    fn call_host_bytes(bytes: &[u8]) -> Vec<u8> { host_transform(bytes) }
    fn call_host_scalars(a: i64, b: f32, c: f64, d: bool) -> f64 { host_scalars(a, b, c, d) }

    /// A counter in Rust state, to see that an instance keeps its state between calls.
    fn counter_next() -> i32 { COUNTER.with(|c| { c.set(c.get() + 1); c.get() }) }
}

thread_local! {
    static COUNTER: Cell<i32> = const { Cell::new(0) };
}

wasmbridge::import! {
    module "host";
    fn host_add(a: i32, b: i32) -> i32;
    fn log(message: &str);
    fn host_greeting(name: &str) -> String;
    fn host_transform(bytes: &[u8]) -> Vec<u8>;
    fn host_scalars(a: i64, b: f32, c: f64, d: bool) -> f64;
}
