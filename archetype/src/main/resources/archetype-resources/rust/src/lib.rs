//! The Rust functions this project calls from Java.
//!
//! Every `fn` inside `wasmbridge::export!` becomes a Wasm export. Java declares it as a `@WasmExport`
//! method of `RustLib` (src/main/java/.../RustLib.java), named in camel case: `word_count` is
//! `wordCount`. Supported types: `i32`, `i64`, `f32`, `f64`, `bool`, `&str`/`String`, `&[u8]`/`Vec<u8>`
//! and `()` (docs/ABI.md has the full table).
//!
//! After changing this file, rebuild the `.wasm` with `mvn -Prust verify` (see the README).

wasmbridge::export! {
    /// A greeting: a `&str` in, a `String` out.
    fn greet(name: &str) -> String {
        format!("Hello, {name}! (from Rust)")
    }

    /// The number of whitespace-separated words in `text`.
    fn word_count(text: &str) -> i32 {
        text.split_whitespace().count() as i32
    }

    /// `a / b`. Panics when `b` is zero: Java gets a `RustPanicException` carrying this message, and the
    /// module keeps working.
    fn checked_divide(a: i32, b: i32) -> i32 {
        if b == 0 {
            panic!("cannot divide {a} by zero");
        }
        a / b
    }
}
