//! The work the real-crates benchmark measures, written once: the Wasm module (`lib.rs`) exports these
//! functions through `wasmbridge::export!`, and the native baseline (`benchmarks/rust/real-crates-native`)
//! compiles this very file for the host.
//!
//! Each function is what a user of the crate would write, nothing tuned: `serde_json::Value` as the
//! document model, and a `regex::Regex` compiled once per pattern and kept in a thread-local cache, so a
//! call measures parsing and matching, not compiling the pattern (the Java side caches its `Pattern` too).

use std::cell::RefCell;
use std::collections::HashMap;

use regex::Regex;
use serde_json::Value;

/// How many compiled patterns the cache keeps before it starts over.
const CACHE_LIMIT: usize = 16;

thread_local! {
    static PATTERNS: RefCell<HashMap<String, Regex>> = RefCell::new(HashMap::new());
}

/// Parses `text` into a `serde_json::Value` and serializes it again, compact.
pub fn json_roundtrip(text: &str) -> Result<String, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_string(&value).map_err(|e| e.to_string())
}

/// Parses `text` and returns the sum of every number in it, at any depth (as `f64`).
pub fn json_sum_numbers(text: &str) -> Result<f64, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(sum(&value))
}

fn sum(value: &Value) -> f64 {
    match value {
        Value::Number(n) => n.as_f64().unwrap_or(0.0),
        Value::Array(items) => items.iter().map(sum).sum(),
        Value::Object(fields) => fields.values().map(sum).sum(),
        Value::Null | Value::Bool(_) | Value::String(_) => 0.0,
    }
}

/// The number of non-overlapping matches of `pattern` in `text` (`Regex::find_iter`).
pub fn regex_count(pattern: &str, text: &str) -> Result<u32, String> {
    with_regex(pattern, |regex| regex.find_iter(text).count() as u32)
}

/// Whether `pattern` matches anywhere in `text`.
pub fn regex_is_match(pattern: &str, text: &str) -> Result<bool, String> {
    with_regex(pattern, |regex| regex.is_match(text))
}

/// Runs `f` on the compiled `pattern`, compiling it on first use; a bad pattern is an `Err`.
fn with_regex<T>(pattern: &str, f: impl FnOnce(&Regex) -> T) -> Result<T, String> {
    PATTERNS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if !cache.contains_key(pattern) {
            let regex = Regex::new(pattern).map_err(|e| e.to_string())?;
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(pattern.to_owned(), regex);
        }
        Ok(f(&cache[pattern]))
    })
}
