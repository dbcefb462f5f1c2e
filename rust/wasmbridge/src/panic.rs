//! The Rust half of the panic-catching boundary (ABI.md, "Panics and aborts").
//!
//! Every export runs inside [`export_call`], which catches a panic with `catch_unwind` (so destructors
//! run and the shadow stack is restored by Rust itself), reports its message to the host through the
//! `wasmbridge.panic` import and returns a zero value the host ignores. Under `panic=abort` nothing can be
//! caught, so the panic hook reports the message before the abort traps the instance.
//!
//! A Java exception thrown by an import unwinds Rust as a panic of its own payload type
//! ([`JavaException`]): destructors run, and the host gets its original exception back.

use crate::abi::{IntoHost, Wire, Zero};
use crate::{class, host};
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

/// The panic payload that carries a Java exception through Rust frames; the exception itself stays in
/// the host.
pub struct JavaException;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
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
    host::panic(message);
}

/// Runs an export's body at the boundary. What [`crate::export!`] and [`crate::class!`] expand to
/// (through `__private`); not for direct use.
///
/// The result is converted for the host inside the boundary too (an `Err`'s `Display` may panic). When
/// the call ends, normally or by a caught panic, the class objects it borrowed are released and those it
/// moved out of their slots are freed (see the `class` module).
pub fn export_call<R>(body: impl FnOnce() -> R) -> <R as Wire>::Abi
where
    R: IntoHost,
    <R as Wire>::Abi: Zero,
{
    install_hook();
    let mark = class::held_mark();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| body().into_host()));
    class::settle_held(mark);
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            if payload.is::<JavaException>() {
                host::java_exception_unwound();
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
/// export that was called from Java. What [`crate::import!`] expands to (through `__private`), and what
/// [`crate::Callback::call`] does after its import call; not for direct use.
pub fn after_import() {
    // Under panic=abort nothing could unwind: the host aborts the instance instead (ABI.md).
    if cfg!(panic = "unwind") && host::import_failed() {
        panic::resume_unwind(Box::new(JavaException));
    }
}
