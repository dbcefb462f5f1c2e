//! The README's demo: a Rust function with a `&str` argument and a `String` result, and one that panics.

wasmbridge::export! {
    fn greet(name: &str) -> String {
        format!("Hello, {name}! (from Rust)")
    }

    fn word_count(text: &str) -> i32 {
        text.split_whitespace().count() as i32
    }

    fn checked_divide(a: i32, b: i32) -> i32 {
        if b == 0 {
            panic!("cannot divide {a} by zero");
        }
        a / b
    }
}
