//! The Rust side of Wasmbridge.
//!
//! Add this crate to a `cdylib` crate built for `wasm32-unknown-unknown`, then declare what Java sees with
//! plain Rust types. The macros generate the `extern "C-unwind"` shims that follow the wire conventions in
//! `docs/ABI.md`, and record every declaration in the module's `wasmbridge.signatures` custom section,
//! which the Java annotation processor checks the Java interfaces against. This crate also provides the
//! allocator the Java side uses (`wasmbridge_malloc` / `wasmbridge_free`).
//!
//! Functions Java calls, with [`export!`]:
//!
//! ```ignore
//! wasmbridge::export! {
//!     fn greet(name: &str) -> String {
//!         format!("Hello, {name}!")
//!     }
//!     fn sum(values: &[i32]) -> i64 {
//!         values.iter().map(|&v| v as i64).sum()
//!     }
//!     /// `Err` becomes a Java exception carrying the error's `Display` text.
//!     fn parse(text: &str) -> Result<i64, std::num::ParseIntError> {
//!         text.parse()
//!     }
//! }
//! ```
//!
//! Functions Java provides, with [`import!`]:
//!
//! ```ignore
//! wasmbridge::import! {
//!     module "host";
//!     fn log(message: &str);
//!     fn words(text: Option<String>) -> Vec<String>;
//! }
//! ```
//!
//! Enums and structs that cross by value, with [`enumeration!`] and [`record!`]:
//!
//! ```ignore
//! wasmbridge::enumeration! {
//!     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
//!     pub enum Color { Red = 0, Green = 1, Blue = 7 }
//! }
//!
//! wasmbridge::record! {
//!     #[derive(Clone, Debug, PartialEq)]
//!     pub struct Pixel { pub x: u32, pub y: u32, pub color: Color, pub label: Option<String> }
//! }
//! ```
//!
//! Java objects Rust calls back during an export call, with [`Callback`]:
//!
//! ```ignore
//! wasmbridge::export! {
//!     fn apply_twice(f: wasmbridge::Callback<(i32,), i32>, x: i32) -> i32 {
//!         f.call((f.call((x,)),))
//!     }
//! }
//! ```
//!
//! Rust objects Java holds by handle and calls methods on, with [`class!`]:
//!
//! ```ignore
//! pub struct Counter { count: i64 }
//!
//! wasmbridge::class! {
//!     impl Counter {
//!         fn new(start: i64) -> Self { Counter { count: start } }
//!         fn increment(&mut self, by: i64) -> i64 { self.count += by; self.count }
//!         fn get(&self) -> i64 { self.count }
//!         fn into_total(self) -> i64 { self.count }
//!     }
//! }
//! ```

mod abi;
mod alloc;
mod callback;
mod class;
mod host;
mod macros;
mod panic;
mod text;
mod value;

pub use abi::{
    FromHost, IntoHost, LendToHost, Lent, Numeric, OptionWire, Slice, TakeFromHost, VecElement, Wire,
};
#[doc(hidden)]
pub use abi::{encoded_from_host, encoded_into_host, encoded_lend, encoded_take_from_host};
pub use callback::{Callback, CallbackArgs};
pub use class::Class;
pub use panic::{JavaException, Zero};
#[doc(hidden)]
pub use panic::{__after_import, __export_call};
pub use text::{Describe, Line, Text, TypeName};
pub use value::{decode_exact, encode_to_vec, Decode, Encode, Enumeration, Reader};

/// What `class!` expands to calls; not for direct use.
#[doc(hidden)]
pub mod __class {
    pub use crate::class::{borrow, borrow_mut, drop_handle, into_handle, option_into_handle, take};
}

/// The identity function, which lets a macro repeat a value once per optional type. Not for direct use.
#[doc(hidden)]
pub fn __identity<T>(value: T) -> T {
    value
}

/// The version of `docs/ABI.md` this crate implements.
pub const ABI_VERSION: u32 = 2;

/// The ABI version as a custom section, read by the Java annotation processor at build time.
#[used]
#[unsafe(link_section = "wasmbridge.abi")]
static ABI_SECTION: [u8; 1] = *b"2";

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
