//! Real third-party crates behind wasmbridge exports, for `RealCrateBenchmark`: `serde_json` and `regex`,
//! the versions Debian packages (librust-serde-json-dev, librust-regex-dev). The work itself is in
//! `work.rs`, which the native baseline compiles too.

mod work;

wasmbridge::export! {
    /// Parses `text` as JSON (`serde_json::Value`) and serializes it again, compact.
    fn json_roundtrip(text: &str) -> Result<String, String> { work::json_roundtrip(text) }

    /// Parses `text` as JSON and sums every number in it.
    fn json_sum_numbers(text: &str) -> Result<f64, String> { work::json_sum_numbers(text) }

    /// How many non-overlapping matches of `pattern` are in `text` (the compiled pattern is cached).
    fn regex_count(pattern: &str, text: &str) -> Result<u32, String> { work::regex_count(pattern, text) }

    /// Whether `pattern` matches somewhere in `text` (the compiled pattern is cached).
    fn regex_is_match(pattern: &str, text: &str) -> Result<bool, String> { work::regex_is_match(pattern, text) }
}
