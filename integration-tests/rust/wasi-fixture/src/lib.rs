//! Test fixture for issue 17: Rust that reaches the platform through WASI, built for `wasm32-wasip1`, with
//! real third-party crates as Debian packages them (`rand`, `uuid`, `chrono`, `serde_json`).
//!
//! On `wasm32-unknown-unknown` none of this works: `SystemTime::now()` panics, `rand` and `uuid`'s `v4` do
//! not compile (getrandom has no backend), `println!` writes nowhere, and files, environment variables and
//! arguments do not exist. On `wasm32-wasip1` std calls the `wasi_snapshot_preview1` imports, which the Java
//! bindings provide (Chicory's WASI), with what the bindings' builder grants.
//!
//! The export names are the Java tests' contract, except that the Rust `exit` is `exit_with`: `exit` is the
//! C library's function, which `std::process::exit` calls, and `export!` refuses it.

use rand::seq::SliceRandom;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Counts `increment` calls: a fresh instance (after a reset) starts again from zero.
static CALLS: AtomicI32 = AtomicI32::new(0);

/// What an `io::Error` reaches Java as: its kind, then its message (`NotFound: No such file or directory
/// (os error 44)`).
fn describe(error: std::io::Error) -> String {
    format!("{:?}: {}", error.kind(), error)
}

wasmbridge::export! {
    /// The wall clock (WASI `clock_time_get`), in milliseconds since the Unix epoch.
    fn now_millis() -> i64 {
        let since = SystemTime::now().duration_since(UNIX_EPOCH).expect("the clock is after 1970");
        i64::try_from(since.as_millis()).expect("milliseconds fit an i64")
    }

    /// The wall clock through chrono, as RFC 3339 text. `Utc::now()` is this (chrono's `clock` feature
    /// cannot be built for wasm32 with Debian's crates: see Cargo.toml).
    fn now_rfc3339() -> String {
        chrono::DateTime::<chrono::Utc>::from(SystemTime::now()).to_rfc3339()
    }

    /// A random (version 4) UUID: uuid through getrandom, WASI `random_get`.
    fn uuid_v4() -> String {
        uuid::Uuid::new_v4().hyphenated().to_string()
    }

    /// A random number from rand's thread-local generator, seeded through getrandom.
    fn random_u64() -> u64 {
        rand::random()
    }

    /// The values in a random order.
    fn shuffle(values: Vec<i32>) -> Vec<i32> {
        let mut values = values;
        values.shuffle(&mut rand::thread_rng());
        values
    }

    /// Each line on standard output (WASI `fd_write` to descriptor 1).
    fn print_lines(lines: Vec<String>) {
        for line in lines {
            println!("{line}");
        }
    }

    /// The line on standard error (descriptor 2).
    fn eprint_line(line: &str) {
        eprintln!("{line}");
    }

    /// A line on standard output, then a panic: both reach Java.
    fn print_then_panic(line: &str) {
        println!("{line}");
        panic!("boom: {line}");
    }

    /// A file's text, through the directories the bindings grant (WASI preopens); `Err` says why not.
    fn read_file(path: &str) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(describe)
    }

    /// Writes (creates or truncates) a file; `Err` says why not.
    fn write_file(path: &str, contents: &str) -> Result<(), String> {
        std::fs::write(path, contents).map_err(describe)
    }

    /// An environment variable, if the bindings grant it.
    fn env_var(name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    /// The program arguments the bindings grant (none by default).
    fn args() -> Vec<String> {
        std::env::args().collect()
    }

    /// Ends the instance with an exit code (WASI `proc_exit`). Named `exit_with`, not `exit`: see the crate
    /// documentation.
    fn exit_with(code: i32) {
        std::process::exit(code)
    }

    /// serde_json: the text parsed and printed again, indented; `Err` is serde_json's message.
    fn json_pretty(text: &str) -> Result<String, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
    }

    /// One more call: 1 on the first call of an instance.
    fn increment() -> i32 {
        CALLS.fetch_add(1, Ordering::SeqCst) + 1
    }
}
