//! The Rust half of the panic-catching boundary (ABI.md, "Panics and aborts").
//!
//! Every export runs inside [`__export_call`], which catches a panic with `catch_unwind` (so destructors
//! run and the shadow stack is restored by Rust itself), reports its message to the host through the
//! `wasmbridge.panic` import and returns a zero value the host ignores. Under `panic=abort` nothing can be
//! caught, so the panic hook reports the message before the abort traps the instance.
//!
//! A Java exception thrown by an import unwinds Rust as a panic of its own payload type
//! ([`JavaException`]): destructors run, and the host gets its original exception back.

use crate::abi::{IntoHost, Slice, Wire};
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

#[link(wasm_import_module = "wasmbridge")]
unsafe extern "C" {
    /// A panic ended the current call (or, under `panic=abort`, is about to abort the instance).
    #[link_name = "panic"]
    fn host_panic(message: i64);
    /// After an import call: 1 when the Java import threw (`panic=unwind` builds only).
    #[link_name = "import_failed"]
    fn host_import_failed() -> i32;
    /// The current call unwound because of a Java exception; the host rethrows it.
    #[link_name = "java_exception_unwound"]
    fn host_java_exception_unwound();
}

/// The panic payload that carries a Java exception through Rust frames; the exception itself stays in
/// the host.
pub struct JavaException;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A zero of each Wasm value type, returned when a call ends in a panic (the host discards it).
pub trait Zero {
    /// The zero value.
    const ZERO: Self;
}

impl Zero for i32 {
    const ZERO: i32 = 0;
}
impl Zero for i64 {
    const ZERO: i64 = 0;
}
impl Zero for f32 {
    const ZERO: f32 = 0.0;
}
impl Zero for f64 {
    const ZERO: f64 = 0.0;
}
impl Zero for () {
    const ZERO: () = ();
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| panic::set_hook(Box::new(hook)));
}

fn hook(info: &PanicHookInfo<'_>) {
    let payload = info.payload_as_str().unwrap_or("Box<dyn Any>");
    let message = match info.location() {
        Some(location) => format!("panicked at {location}: {payload}"),
        None => format!("panicked: {payload}"),
    };
    if cfg!(panic = "abort") {
        report(&message);
    } else {
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
    }
}

fn report(message: &str) {
    // SAFETY: the host reads the message during the call and does not keep the pointer.
    unsafe { host_panic(Slice::of(message.as_bytes()).pack()) }
}

/// Runs an export's body at the boundary. Used by [`crate::export!`]; not for direct use.
#[doc(hidden)]
pub fn __export_call<R>(body: impl FnOnce() -> R) -> <R as Wire>::Abi
where
    R: IntoHost,
    <R as Wire>::Abi: Zero,
{
    install_hook();
    match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result.into_host(),
        Err(payload) => {
            if payload.is::<JavaException>() {
                // SAFETY: a plain signal to the host.
                unsafe { host_java_exception_unwound() };
            } else {
                let message = LAST_PANIC
                    .with(|last| last.borrow_mut().take())
                    .unwrap_or_else(|| "panicked: (no message)".to_owned());
                report(&message);
            }
            drop(payload);
            <<R as Wire>::Abi as Zero>::ZERO
        }
    }
}

/// Checks, after an import call, whether the Java import threw; if so, unwinds the Rust frames up to the
/// export that was called from Java. Used by [`crate::import!`]; not for direct use.
#[doc(hidden)]
pub fn __after_import() {
    // Under panic=abort nothing could unwind: the host aborts the instance instead (ABI.md).
    // SAFETY: a plain query to the host.
    if cfg!(panic = "unwind") && unsafe { host_import_failed() } != 0 {
        panic::resume_unwind(Box::new(JavaException));
    }
}
