//! Nothing: the crate exists for its compile-fail tests (`tests/ui.rs`, `tests/ui/*.rs`).
