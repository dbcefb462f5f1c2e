//! Compile-fail tests of the support crate's macros: each `tests/ui/*.rs` misuses one, and must fail with
//! exactly the compiler output in its `.stderr` file. Run with `scripts/rust-ui-tests.sh`; after a
//! deliberate change of a message, `scripts/rust-ui-tests.sh --update` rewrites the `.stderr` files (read
//! the diff: it is what users see).

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
