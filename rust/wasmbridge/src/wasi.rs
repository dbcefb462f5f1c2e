//! What a module built for `wasm32-wasip1` needs besides what std does: the exception tag of `panic=unwind`
//! and one run of the C library's constructors. On every other target this module is empty.
//!
//! # The C library's constructors
//!
//! On `wasm32-wasip1` Rust links wasi-libc, whose constructors must run before its functions are used:
//! Debian's wasi-libc (2022) finds the directories the host grants (WASI preopens), which `std::fs` opens
//! paths through, in a constructor. A program (`_start`) or a reactor (`_initialize`) runs the constructors
//! once, but a `cdylib` has neither, so wasm-ld wraps every export in a function that runs the
//! constructors before the call and the destructors after it: the preopens would be registered again (and
//! their memory kept) on every call. wasm-ld leaves the exports alone when the code calls
//! `__wasm_call_ctors` itself, so [`start`] does, once per instance, on its first export call (before the
//! export's body). The host calls nothing for it; the preopens it grants at instantiation are found then.
//! The destructors (C `atexit` functions and C stdio, neither of which Rust uses) run when Rust calls
//! `std::process::exit`.

/// Runs the C library's constructors, on the first call only. On targets other than `wasm32-wasip1`, does
/// nothing.
pub fn start() {
    #[cfg(target_os = "wasi")]
    {
        unsafe extern "C" {
            /// The function wasm-ld makes of every constructor of the linked code.
            fn __wasm_call_ctors();
        }
        static START: std::sync::Once = std::sync::Once::new();
        // SAFETY: wasm-ld defines the function; it runs once, before any export's body (see above).
        START.call_once(|| unsafe { __wasm_call_ctors() });
    }
}

// Wasm exception handling (`panic=unwind`) throws and catches with the tag `__cpp_exception`, which the
// linked code must define once. Rust's std defines it on wasm32-unknown-unknown only (library/unwind/src/
// wasm.rs): on WASI it leaves it to the C toolchain's libunwind, which rustc's wasm32-wasip1 does not link
// (`-Clink-self-contained=no` with Debian's wasi-libc), so linking would fail with `undefined symbol:
// __cpp_exception`. This is std's definition for wasm32 (an i32 payload, the exception's address). It is
// weak, so a C or C++ library of the crate that brings a libunwind of its own still links (its tag wins).
#[cfg(all(target_os = "wasi", panic = "unwind"))]
core::arch::global_asm!(".weak __cpp_exception", ".tagtype __cpp_exception i32", "__cpp_exception:");
