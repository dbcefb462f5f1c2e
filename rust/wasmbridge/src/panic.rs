//! The Rust half of the panic-catching boundary (ABI.md, "Panics and aborts").
//!
//! Every export runs inside [`export_call`], which catches a panic with `catch_unwind` (so destructors
//! run and the shadow stack is restored by Rust itself), poisons the objects the call was holding (see the
//! `class` module), reports the panic's message to the host through the `wasmbridge.panic` import and
//! returns a zero value the host ignores. Under `panic=abort` nothing can be caught, so the panic hook
//! reports the message before the abort traps the instance.
//!
//! The hook cooperates with others: it chains to the hook that was installed before it (unless that is
//! Rust's default hook: nowhere to write on `wasm32-unknown-unknown`, a copy on WASI's stderr), and when a
//! user's hook replaced it, the message is taken from the panic's payload instead (without its location),
//! and the hook is installed again over the user's one, which it then chains to.
//!
//! A Java exception thrown by an import unwinds Rust as a panic of its own payload type
//! ([`JavaException`]): destructors run, and the host gets its original exception back.
//!
//! A failed allocation is not a panic: Rust aborts (under every panic strategy). Where the compiler allows
//! an allocation-error hook (the cfg `wasmbridge_alloc_error_hook`, set by build.rs), the support crate
//! installs one with the panic hook, which reports the size of the allocation to the host
//! (`wasmbridge.out_of_memory`) just before the abort traps, so the host can tell a module that ran out of
//! memory (its limit, docs/GUIDE.md "Running untrusted modules") from any other trap.

use crate::abi::{IntoHost, Wire, Zero};
use crate::{class, host, wasi};
use std::any::Any;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

/// The panic payload that carries a Java exception through Rust frames; the exception itself stays in
/// the host.
pub struct JavaException;

/// A panic hook, as `std::panic::take_hook` returns it.
type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// What the hook saw of the last panic on this thread.
struct Seen {
    /// `panicked at <location>: <payload>`, as reported to the host.
    message: String,
    /// The payload's text (or `Box<dyn Any>`), to tell whether the caught panic is the one seen.
    payload: String,
}

thread_local! {
    static LAST_PANIC: RefCell<Option<Seen>> = const { RefCell::new(None) };
}

/// What a payload that is not a string reads as.
const NOT_A_STRING: &str = "Box<dyn Any>";

/// The panic hook is global to the process: unit tests that change it, or that depend on the support
/// crate's hook being the one installed, run one at a time.
#[cfg(test)]
pub(crate) static HOOKS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        install_over(panic::take_hook());
        #[cfg(wasmbridge_alloc_error_hook)]
        std::alloc::set_alloc_error_hook(out_of_memory);
    });
}

/// The allocation-error hook: tells the host the size of the allocation that failed. Rust aborts after it
/// returns. It allocates nothing: memory is what just ran out.
// Installed only where the compiler accepts the hook (see the module's documentation); the unit tests call it.
#[cfg_attr(not(wasmbridge_alloc_error_hook), allow(dead_code))]
fn out_of_memory(layout: std::alloc::Layout) {
    host::out_of_memory(layout.size());
}

/// Installs the support crate's hook, chaining to `previous` unless it is Rust's default hook.
fn install_over(previous: Hook) {
    let previous = if is_default_hook(&previous) { None } else { Some(previous) };
    panic::set_hook(Box::new(move |info| {
        hook(info);
        if let Some(previous) = &previous {
            previous(info);
        }
    }));
}

/// Whether `hook` (just taken with `take_hook`, which leaves the default hook installed) is Rust's default
/// hook. Taking the hook again gives a box of the default one; the two are the same hook when both the
/// address and the vtable agree (the default hook is a zero-sized function item, and the box of it is
/// made at one place in std). A user's hook never passes: its type, so its vtable, is another.
fn is_default_hook(hook: &Hook) -> bool {
    let default = panic::take_hook();
    // Comparing the vtable is the point here: see above.
    #[allow(ambiguous_wide_pointer_comparisons)]
    std::ptr::eq(&**hook, &*default)
}

fn hook(info: &PanicHookInfo<'_>) {
    let payload = info.payload_as_str().unwrap_or(NOT_A_STRING);
    let message = match info.location() {
        Some(location) => format!("panicked at {location}: {payload}"),
        None => format!("panicked: {payload}"),
    };
    if cfg!(panic = "abort") {
        report(&message);
    } else {
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(Seen { message, payload: payload.to_owned() }));
    }
}

fn report(message: &str) {
    host::panic(message);
}

/// The message of a caught panic: the one the hook recorded, or, when the hook did not see this panic (a
/// user's hook replaced it), one made from the payload, after installing the hook again over the user's.
fn caught_message(payload: &(dyn Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or(NOT_A_STRING);
    match LAST_PANIC.with(|last| last.borrow_mut().take()) {
        Some(seen) if seen.payload == text => seen.message,
        _ => {
            install_over(panic::take_hook());
            format!("panicked: {text}")
        }
    }
}

/// Runs an export's body at the boundary. What [`crate::export!`] and [`crate::class!`] expand to
/// (through `__private`); not for direct use.
///
/// On `wasm32-wasip1`, the first call runs the C library's constructors first (see the `wasi` module).
///
/// The result is converted for the host inside the boundary too (an `Err`'s `Display` may panic). When
/// the call ends, normally or by a caught panic, the class objects it borrowed are released and those it
/// moved out of their slots are freed; when it unwound in the body, the objects it held are poisoned
/// (see the `class` module).
///
/// Catching the panic asserts unwind safety for the body (`AssertUnwindSafe`), and poisoning is what makes
/// that assertion hold for what the host can reach: every object the body held, and could have left
/// half-updated, refuses use from then on. Statics and thread-locals are not covered; the host's `RESET`
/// panic policy is.
pub fn export_call<R>(body: impl FnOnce() -> R) -> <R as Wire>::Abi
where
    R: IntoHost,
    <R as Wire>::Abi: Zero,
{
    wasi::start();
    install_hook();
    let mark = class::held_mark();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| body().into_host()));
    class::end_call(mark, outcome.is_err());
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            if payload.is::<JavaException>() {
                host::java_exception_unwound();
            } else {
                report(&caught_message(&*payload));
            }
            drop(payload);
            <<R as Wire>::Abi as Zero>::ZERO
        }
    }
}

/// Runs one step of an async task (a poll, or a drop) inside the boundary of the export call that drives
/// it: a panic is caught and becomes `Err(Some(message))`, the message a sync export would report; a Java
/// exception unwinding the step becomes `Err(None)` (the host keeps the exception). The task module turns
/// either into the task's outcome, so one task's panic does not end the call that drives the others.
pub(crate) fn catch_task<R>(step: impl FnOnce() -> R) -> Result<R, Option<String>> {
    install_hook();
    panic::catch_unwind(AssertUnwindSafe(step)).map_err(|payload| {
        if payload.is::<JavaException>() {
            None
        } else {
            Some(caught_message(&*payload))
        }
    })
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

#[cfg(test)]
mod tests {
    use super::{export_call, install_hook, is_default_hook, out_of_memory, HOOKS};
    use crate::host;
    use std::panic;

    #[test]
    fn the_default_hook_is_recognized_and_a_users_is_not() {
        let _serial = HOOKS.lock().unwrap_or_else(|e| e.into_inner());
        // The support crate's hook goes in once per process: installed before saving, so restoring the
        // saved hook keeps it for the tests that run later (else the first of these tests to run restores
        // Rust's default hook after the once has passed, and the crate's hook is gone).
        install_hook();
        let saved = panic::take_hook();
        let default = panic::take_hook();
        assert!(is_default_hook(&default), "the default hook");
        let user: super::Hook = Box::new(|_| {});
        assert!(!is_default_hook(&user), "a zero-sized user hook");
        let captured = String::from("state");
        let user: super::Hook = Box::new(move |_| {
            let _ = captured.len();
        });
        assert!(!is_default_hook(&user), "a user hook with state");
        panic::set_hook(saved);
    }

    #[test]
    fn a_panic_is_reported_with_its_location_and_a_replacing_hook_is_chained_to() {
        let _serial = HOOKS.lock().unwrap_or_else(|e| e.into_inner());
        // The support crate's hook goes in once per process: installed before saving, so restoring the
        // saved hook keeps it for the tests that run later (else the first of these tests to run restores
        // Rust's default hook after the once has passed, and the crate's hook is gone).
        install_hook();
        let saved = panic::take_hook();
        host::recorded();
        // A user's hook that replaces the support crate's.
        thread_local! {
            // Per thread: other tests may panic on theirs while this hook is installed.
            static USER_RUNS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
        }
        panic::set_hook(Box::new(|_| USER_RUNS.with(|runs| runs.set(runs.get() + 1))));

        let _: i32 = export_call(|| -> i32 { panic!("first") });
        assert_eq!(host::recorded(), ["panic: panicked: first"], "the payload, without a location");
        let _: i32 = export_call(|| -> i32 { panic!("second") });
        let recorded = host::recorded();
        assert!(
            recorded.len() == 1
                && recorded[0].starts_with("panic: panicked at ")
                && recorded[0].ends_with(": second"),
            "the hook is back, with the location: {recorded:?}"
        );
        assert_eq!(USER_RUNS.with(|runs| runs.get()), 2, "the user's hook ran both times");
        panic::set_hook(saved);
    }

    #[test]
    fn an_allocation_failure_reports_its_size() {
        host::recorded();
        out_of_memory(std::alloc::Layout::from_size_align(104_857_600, 8).unwrap());
        assert_eq!(host::recorded(), ["out_of_memory: 104857600"]);
    }
}
