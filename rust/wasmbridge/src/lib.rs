//! The Rust side of Wasmbridge.
//!
//! Add this crate to a `cdylib` crate built for `wasm32-unknown-unknown`, then write exports with
//! [`export!`] and imports with [`import!`] using plain Rust types. The macros generate the
//! `extern "C-unwind"` shims that follow the wire conventions in `docs/ABI.md`; this crate also
//! provides the allocator the Java side uses (`wasmbridge_malloc` / `wasmbridge_free`).
//!
//! ```ignore
//! wasmbridge::export! {
//!     fn greet(name: &str) -> String {
//!         format!("Hello, {name}!")
//!     }
//! }
//!
//! wasmbridge::import! {
//!     module "host";
//!     fn log(message: &str);
//! }
//! ```

mod abi;
mod alloc;
mod macros;
mod panic;

pub use abi::{FromHost, IntoHost, LendToHost, Slice, TakeFromHost, Wire};
pub use panic::{JavaException, Zero};
#[doc(hidden)]
pub use panic::{__after_import, __export_call};

/// The version of `docs/ABI.md` this crate implements.
pub const ABI_VERSION: u32 = 1;

/// The ABI version as a custom section, read by the Java annotation processor at build time.
#[used]
#[link_section = "wasmbridge.abi"]
static ABI_SECTION: [u8; 1] = *b"1";

#[cfg(test)]
mod tests {
    #[test]
    fn abi_section_matches_version() {
        assert_eq!(super::ABI_SECTION, *super::ABI_VERSION.to_string().as_bytes());
    }

    #[test]
    fn abi_doc_declares_this_version() {
        let doc = include_str!("../../../docs/ABI.md");
        let expected = format!("ABI version: **{}**", super::ABI_VERSION);
        assert!(doc.contains(&expected), "docs/ABI.md does not say `{expected}`");
    }
}
