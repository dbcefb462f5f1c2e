//! The README's demo: a Rust function with a `&str` argument and a `String` result.

wasmbridge::export! {
    fn greet(name: &str) -> String {
        format!("Hello, {name}! (from Rust)")
    }

    fn word_count(text: &str) -> i32 {
        text.split_whitespace().count() as i32
    }
}
