//! The Rust functions this project calls from Java.
//!
//! Every `fn` inside `wasmbridge::export!` becomes a Wasm export, and stays an ordinary Rust function that
//! Rust tests can call (the `tests` module below). Java declares it as a `@WasmExport` method of `RustLib`
//! (src/main/java/.../RustLib.java), named in camel case: `word_count` is `wordCount`. Besides the numbers
//! (`i8`..`i64`, `u8`..`u64` and `usize` as `@Unsigned` Java types, `isize`, `f32`, `f64`),
//! `bool`, `&str`/`String` and `&[u8]`/`Vec<u8>`, these cross too: numeric slices and `Vec`s, `Option`,
//! `Vec` of other types (Java `List`), structs (`wasmbridge::record!`), enums (`wasmbridge::enumeration!`),
//! Rust objects with methods (`wasmbridge::class!`), Java callbacks (`wasmbridge::Callback`) and
//! `Result<T, E: Display>` (a Java exception). The README has the table; docs/ABI.md the details.
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_exported_functions_are_rust_functions() {
        assert_eq!(super::greet("Ferris"), "Hello, Ferris! (from Rust)");
        assert_eq!(super::word_count("one two  three"), 3);
        assert_eq!(super::checked_divide(7, 2), 3);
    }
}
