//! The support imports from the reserved module `wasmbridge` (ABI.md, "Panics and aborts"), behind safe
//! functions.
//!
//! On Wasm they are real imports, provided by the Java runtime; a module imports only those it uses. In a
//! native build (this crate's unit tests) they are stand-ins that record what they were told, so the
//! boundary code can be tested without a host.

#[cfg(target_family = "wasm")]
mod imports {
    use crate::slice::Slice;

    #[link(wasm_import_module = "wasmbridge")]
    unsafe extern "C" {
        #[link_name = "panic"]
        fn host_panic(message: i64);
        #[link_name = "import_failed"]
        fn host_import_failed() -> i32;
        #[link_name = "java_exception_unwound"]
        fn host_java_exception_unwound();
        #[link_name = "error"]
        fn host_error(type_name: i64, message: i64);
        #[link_name = "poisoned"]
        fn host_poisoned(handle: i32);
        #[link_name = "out_of_memory"]
        fn host_out_of_memory(size: usize);
    }

    #[link(wasm_import_module = "wasmbridge")]
    unsafe extern "C-unwind" {
        #[link_name = "callback"]
        fn host_callback(id: i32, args: i64) -> i64;
    }

    fn lend(text: &str) -> i64 {
        Slice::of(text.as_bytes()).pack()
    }

    pub fn panic(message: &str) {
        // SAFETY: the host reads the message during the call and does not keep the pointer.
        unsafe { host_panic(lend(message)) }
    }

    pub fn import_failed() -> bool {
        // SAFETY: a plain query to the host.
        unsafe { host_import_failed() != 0 }
    }

    pub fn java_exception_unwound() {
        // SAFETY: a plain signal to the host.
        unsafe { host_java_exception_unwound() }
    }

    pub fn error(type_name: &str, message: &str) {
        // SAFETY: the host reads both slices during the call and does not keep the pointers.
        unsafe { host_error(lend(type_name), lend(message)) }
    }

    pub fn poisoned(handle: i32) {
        // SAFETY: a plain signal to the host.
        unsafe { host_poisoned(handle) }
    }

    pub fn out_of_memory(size: usize) {
        // SAFETY: a plain signal to the host; it allocates nothing in the module.
        unsafe { host_out_of_memory(size) }
    }

    pub fn callback(id: i32, args: &[u8]) -> i64 {
        // SAFETY: the host reads the arguments during the call and does not keep the pointer; the result
        // is a slice it allocated for Rust (or zeros when the callback threw).
        unsafe { host_callback(id, Slice::of(args).pack()) }
    }
}

#[cfg(not(target_family = "wasm"))]
mod imports {
    use std::cell::RefCell;

    thread_local! {
        static RECORDED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    fn record(call: String) {
        RECORDED.with(|r| r.borrow_mut().push(call));
    }

    /// The calls of the stand-ins on this thread since the last call of this function.
    #[cfg(test)]
    pub fn recorded() -> Vec<String> {
        RECORDED.with(|r| std::mem::take(&mut *r.borrow_mut()))
    }

    pub fn panic(message: &str) {
        record(format!("panic: {message}"));
    }

    pub fn import_failed() -> bool {
        false
    }

    pub fn java_exception_unwound() {
        record("java_exception_unwound".to_owned());
    }

    pub fn error(type_name: &str, message: &str) {
        record(format!("error: {type_name}: {message}"));
    }

    pub fn poisoned(handle: i32) {
        record(format!("poisoned: {handle:#x}"));
    }

    pub fn out_of_memory(size: usize) {
        record(format!("out_of_memory: {size}"));
    }

    /// Records the call and returns the empty slice (the result of a `()` callback).
    pub fn callback(id: i32, args: &[u8]) -> i64 {
        record(format!("callback {id}: {args:?}"));
        crate::slice::Slice::EMPTY.pack()
    }
}

/// `wasmbridge.callback(id, args)`: calls a Java callback with its encoded arguments; returns the result
/// slice the host allocated.
pub(crate) use imports::callback;
/// `wasmbridge.error(type_name, message)`: an export returned `Err`.
pub(crate) use imports::error;
/// `wasmbridge.import_failed()`: whether the Java import just called threw (`panic=unwind` only).
pub(crate) use imports::import_failed;
/// `wasmbridge.java_exception_unwound()`: the call unwound because of a Java exception.
pub(crate) use imports::java_exception_unwound;
/// `wasmbridge.out_of_memory(size)`: an allocation of `size` bytes failed; the instance aborts next.
pub(crate) use imports::out_of_memory;
/// `wasmbridge.panic(message)`: a panic ended the call (or is about to abort the instance).
pub(crate) use imports::panic;
/// `wasmbridge.poisoned(handle)`: the call that is unwinding held this object; it is poisoned.
pub(crate) use imports::poisoned;
#[cfg(all(test, not(target_family = "wasm")))]
pub(crate) use imports::recorded;
