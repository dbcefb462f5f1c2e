//! The Rust side of Wasmbridge.
//!
//! Add this crate to a `cdylib` crate built for `wasm32-unknown-unknown`, then declare what Java sees with
//! plain Rust types. The macros generate the `extern "C-unwind"` shims that follow the wire conventions in
//! `docs/ABI.md`, and record every declaration in the module's `wasmbridge.signatures` custom section,
//! which the Java annotation processor checks the Java interfaces against. This crate also provides the
//! allocator the Java side uses (`wasmbridge_malloc` / `wasmbridge_free`).
//!
//! Functions Java calls, with [`export!`]. They stay ordinary Rust functions, which Rust code and unit
//! tests call directly; the Wasm exports are shims the macro adds beside them:
//!
//! ```ignore
//! wasmbridge::export! {
//!     pub fn greet(name: &str) -> String {
//!         format!("Hello, {name}!")
//!     }
//!     fn sum(values: &[i32]) -> i64 {
//!         values.iter().map(|&v| v as i64).sum()
//!     }
//!     /// `Err` becomes a Java exception carrying the error's `Display` text.
//!     fn parse(text: &str) -> Result<i64, std::num::ParseIntError> {
//!         text.parse()
//!     }
//!     /// `usize` and `isize` are 32 bits on wasm32: Java's `@Unsigned int` and `int`.
//!     fn find(text: &str, needle: &str) -> Option<usize> {
//!         text.find(needle)
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
//! Enums whose variants carry fields, as Java sealed interfaces of records, with [`data_enum!`]:
//!
//! ```ignore
//! wasmbridge::data_enum! {
//!     #[derive(Clone, Debug, PartialEq)]
//!     pub enum Shape { Circle { r: f64 }, Label(String, Option<Pixel>), Empty }
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
//! Java callbacks and objects Rust keeps and calls from later calls, with [`StoredCallback`] and
//! [`java_interface!`] (dropping them releases the Java object):
//!
//! ```ignore
//! wasmbridge::java_interface! {
//!     pub trait Logger {
//!         fn log(&self, level: i32, message: String);
//!     }
//! }
//!
//! thread_local! {
//!     static LOGGER: std::cell::RefCell<Option<Logger>> = const { std::cell::RefCell::new(None) };
//! }
//!
//! wasmbridge::export! {
//!     fn set_logger(logger: Logger) {
//!         LOGGER.with(|l| *l.borrow_mut() = Some(logger));
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
//!
//! A type of another crate is a class too, without a hand-written newtype: the methods run with `self` of
//! that type, and Java sees the class by the name after `as`:
//!
//! ```ignore
//! wasmbridge::class! {
//!     impl regex::Regex as Regex {
//!         fn new(pattern: &str) -> Result<Self, regex::Error> { regex::Regex::new(pattern) }
//!         fn as_str(&self) -> &str { self.as_str() }
//!     }
//! }
//! ```
//!
//! A type that cannot cross, or a shape the macros cannot export (a generic function, a `drop` method, a
//! class that borrows), is a compile error that says in one line what is wrong and what to write instead;
//! `rust/ui-tests` in the repository checks each message.
//!
//! Objects also cross in lists and options (`Vec<Counter>`, `Vec<&Counter>`, `Option<Counter>`), and Rust
//! gives (`Counter`) or lends (`&Counter`, `&mut Counter`) them to imports and callbacks. Rust iterators
//! Java pulls items from lazily, with [`Iter`]:
//!
//! ```ignore
//! wasmbridge::export! {
//!     fn counters(n: i64) -> Vec<Counter> { (0..n).map(|start| Counter { count: start }).collect() }
//!     fn countdown(from: u32) -> wasmbridge::Iter<u32> { wasmbridge::Iter::new((0..=from).rev()) }
//! }
//! ```

//! Async Rust: an `async fn` export is a Java `CompletableFuture`, and a Java `CompletableFuture` an import
//! returns is a [`JavaFuture`] Rust awaits (a failed one gives a [`JavaError`]). The crate's own executor
//! runs the futures, one per instance, when Java drives it:
//!
//! ```ignore
//! wasmbridge::import! {
//!     module "host";
//!     fn fetch(key: &str) -> wasmbridge::JavaFuture<String>;
//! }
//!
//! wasmbridge::export! {
//!     async fn fetch_len(key: String) -> Result<u32, wasmbridge::JavaError> {
//!         Ok(fetch(&key).await?.len() as u32)
//!     }
//! }
//! ```

//! # What is API
//!
//! The items documented here are the API: the seven declaration macros, [`Callback`],
//! [`StoredCallback`], [`AbortingCallback`], [`CallbackGone`], [`Iter`], [`JavaFuture`],
//! [`JavaError`], [`JavaException`], [`Enumeration`] and [`ABI_VERSION`]. What the macros expand to (the conversion traits, the slice
//! layout, the boundary functions, the class handle table, the compile-time signature text) is in the
//! hidden module `__private`, and the macros' own helper macros are at the crate root under names that
//! start with `__` (Rust puts every `#[macro_export]` macro there). Neither is API: code outside this
//! crate must not name them, and they change without notice. The wire they implement is the contract,
//! and it is specified in `docs/ABI.md`.
//!
//! Inside the crate, modules depend on each other in one direction only, from the bottom up:
//! `wasi` (what `wasm32-wasip1` needs besides std); `text` (compile-time names and signature lines) and
//! `alloc` (the host's allocator); `value` (the value encoding) and `slice` (bytes in linear memory); `host`
//! (the support imports); `abi` (how each type crosses); `class` (handles and views); `objects` (objects in
//! `Vec` and `Option`, passed to imports); `panic` (the boundary every export runs in); `callback`; `iter`
//! (iterators); `task` (async exports and Java futures); the macros; and `data_enum`, the macro for enums
//! with data.

//! # Targets
//!
//! The crate works the same on `wasm32-unknown-unknown` and on `wasm32-wasip1` (WASI: std reaches clocks,
//! randomness, standard output and error, files, environment variables and arguments through the
//! `wasi_snapshot_preview1` imports, which the Java bindings provide), in every panic flavour, with the same
//! ABI. What WASI needs besides is in the crate too (the hidden module `wasi`), so a crate needs nothing of
//! its own for it.

// For the `__cpp_exception` tag of the `wasi` module: `global_asm!` on wasm is behind this unstable feature,
// which the -Zbuild-std builds (RUSTC_BOOTSTRAP=1) allow. Native builds, clippy and rustdoc do not see it.
#![cfg_attr(all(target_os = "wasi", panic = "unwind"), feature(asm_experimental_arch))]
// The hook that reports a failed allocation to the host (see `panic`): where the compiler accepts it
// (build.rs asks), which every Wasm build with `-Zbuild-std` does; a plain stable build compiles without
// it.
#![cfg_attr(wasmbridge_alloc_error_hook, feature(alloc_error_hook))]

mod abi;
mod alloc;
mod callback;
mod class;
mod data_enum;
mod held;
mod host;
mod iter;
mod macros;
mod objects;
mod panic;
mod slice;
mod task;
mod text;
mod value;
mod wasi;

pub use callback::Callback;
pub use held::{AbortingCallback, CallbackGone, StoredCallback};
pub use iter::Iter;
pub use panic::JavaException;
pub use task::{JavaError, JavaFuture};
pub use value::Enumeration;

/// What the macros expand to: not API (see the crate documentation, "What is API").
///
/// Everything a macro expansion names is here, so that the API at the crate root stays the few items
/// users write. Names here change without notice; the wire they implement is specified in `docs/ABI.md`.
#[doc(hidden)]
pub mod __private {
    pub use crate::abi::{
        encoded_from_host, encoded_into_host, encoded_lend, encoded_take_from_host, FromHost, IntoHost,
        LendToHost, Lent, OptionWire, TakeFromHost, VecElement, WasmValue, Wire, Zero,
    };
    pub use crate::callback::{CallbackArg, CallbackArgs};
    pub use crate::class::{
        borrow as class_borrow, borrow_mut as class_borrow_mut, drop_handle, into_handle, option_into_handle,
        take as class_take, Class, Poisons, SharedBorrowIsSafe, SharedBorrowMayPoison, UnwindProbe, View,
    };
    pub use crate::held::{interface_method, Held};
    pub use crate::iter::IterItem;
    pub use crate::objects::{
        borrow_all, borrow_all_mut, borrowed_result, encode_handle, give_all, no_such_direction,
        option_borrow, option_borrow_mut, option_take, pass_given, pass_lent, take_all, PassToHost, Passed,
    };
    pub use crate::panic::{after_import, export_call};
    pub use crate::slice::{Numeric, Slice};
    pub use crate::task::{spawn_export, AsyncResult, TaskOutput};
    pub use crate::text::{check_export_name, Describe, Line, Text, TypeName};
    pub use crate::value::{decode_exact, encode_to_vec, Decode, Encode, Enumeration, Reader};
    // The helper macros, by the names the expansions use.
    pub use crate::{
        __async_export_shim as async_export_shim, __class_declaration as class_declaration,
        __class_emit as class_emit, __class_items as class_items, __class_method as class_method,
        __class_method_error as class_method_error, __class_objects as class_objects,
        __class_params as class_params, __class_poisons as class_poisons, __class_type as class_type,
        __data_enum_emit as data_enum_emit, __data_enum_tuple as data_enum_tuple,
        __data_enum_variant_line as data_enum_variant_line, __data_enum_variants as data_enum_variants,
        __encoded_containers as encoded_containers, __encoded_wire as encoded_wire,
        __export_shim as export_shim, __fn_line as fn_line, __foreign_arg as foreign_arg,
        __foreign_emit as foreign_emit, __foreign_items as foreign_items, __foreign_method as foreign_method,
        __foreign_params as foreign_params, __foreign_result as foreign_result, __import_fns as import_fns,
        __java_line as java_line, __java_methods as java_methods, __result_type as result_type,
        __signature as signature, __wire_result as wire_result, export,
    };

    /// The identity function, which lets a macro repeat a value once per optional type.
    pub fn identity<T>(value: T) -> T {
        value
    }
}

/// The version of `docs/ABI.md` this crate implements.
pub const ABI_VERSION: u32 = 3;

/// The ABI version as a custom section, read by the Java annotation processor at build time.
#[used]
#[unsafe(link_section = "wasmbridge.abi")]
static ABI_SECTION: [u8; 1] = *b"3";

#[cfg(test)]
mod tests {
    #[test]
    fn abi_section_matches_version() {
        assert_eq!(super::ABI_SECTION, *super::ABI_VERSION.to_string().as_bytes());
    }

    /// The modules in dependency order: each may use only the ones before it (no cycles).
    const LAYERS: [(&str, &str); 16] = [
        ("wasi", include_str!("wasi.rs")),
        ("text", include_str!("text.rs")),
        ("alloc", include_str!("alloc.rs")),
        ("value", include_str!("value.rs")),
        ("slice", include_str!("slice.rs")),
        ("host", include_str!("host.rs")),
        ("abi", include_str!("abi.rs")),
        ("class", include_str!("class.rs")),
        ("objects", include_str!("objects.rs")),
        ("panic", include_str!("panic.rs")),
        ("callback", include_str!("callback.rs")),
        ("held", include_str!("held.rs")),
        ("iter", include_str!("iter.rs")),
        ("task", include_str!("task.rs")),
        ("macros", include_str!("macros.rs")),
        ("data_enum", include_str!("data_enum.rs")),
    ];

    /// The crate modules a module's code (not its comments or tests) names: `crate::m` and
    /// `crate::{m, n}`.
    fn uses(source: &str) -> Vec<String> {
        let code = source.split("\n#[cfg(test)]\nmod tests").next().unwrap_or(source);
        let mut used = Vec::new();
        for line in code.lines().filter(|line| !line.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let rest = &line[at + "crate::".len()..];
                // `crate::{a, b::C}` names a and b; `crate::a::{B, C}` names a.
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                    None => vec![rest],
                };
                for name in names {
                    let name: String =
                        name.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() && name != "__private" && !used.contains(&name) {
                        used.push(name);
                    }
                }
            }
        }
        used
    }

    #[test]
    fn modules_depend_on_lower_layers_only() {
        let names: Vec<&str> = LAYERS.iter().map(|(name, _)| *name).collect();
        assert!(uses(LAYERS[10].1).contains(&"panic".to_owned()), "the scan finds callback's use of panic");
        for (index, (module, source)) in LAYERS.iter().enumerate() {
            for used in uses(source) {
                let position = names.iter().position(|name| *name == used);
                assert!(
                    position.is_some_and(|p| p < index),
                    "module {module} uses crate::{used}, which is not below it in {names:?}: move the item \
                     down a layer instead of adding a cycle"
                );
            }
        }
    }

    #[test]
    fn abi_doc_declares_this_version() {
        let doc = include_str!("../../../docs/ABI.md");
        let expected = format!("ABI version: **{}**", super::ABI_VERSION);
        assert!(doc.contains(&expected), "docs/ABI.md does not say `{expected}`");
    }
}
