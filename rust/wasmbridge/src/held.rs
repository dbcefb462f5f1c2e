//! Java objects Rust holds (ABI.md, "Held Java objects"): stored callbacks ([`StoredCallback`],
//! [`AbortingCallback`]) and Java objects of an interface declared with `java_interface!`.
//!
//! Each is a handle into the host's table of the instance, which Rust owns one reference of: dropping the
//! Rust value releases it (`wasmbridge.release`). Rust calls the object's methods through
//! `wasmbridge.call_object(handle, method, args)`; the host answers the slice `0` when Java revoked the
//! object (or it is otherwise gone), which Rust turns into [`CallbackGone`].

use crate::abi::{FromHost, Wire};
use crate::callback::CallbackArgs;
use crate::host;
use crate::panic;
use crate::slice::Slice;
use crate::text::{Describe, Line, TypeName};
use crate::value::{decode_exact_as, Decode};
use std::fmt;
use std::marker::PhantomData;

#[cfg(target_family = "wasm")]
mod imports {
    use crate::slice::Slice;

    #[link(wasm_import_module = "wasmbridge")]
    unsafe extern "C" {
        #[link_name = "release"]
        fn host_release(handle: i32);
    }

    #[link(wasm_import_module = "wasmbridge")]
    unsafe extern "C-unwind" {
        #[link_name = "call_object"]
        fn host_call_object(handle: i32, method: u32, args: i64) -> i64;
    }

    pub fn release(handle: i32) {
        // SAFETY: a plain signal to the host.
        unsafe { host_release(handle) }
    }

    pub fn call_object(handle: i32, method: u32, args: &[u8]) -> i64 {
        // SAFETY: the host reads the arguments during the call and does not keep the pointer; the result
        // is a slice it allocated for Rust, `0` when the object is gone (or zeros when the method threw).
        unsafe { host_call_object(handle, method, Slice::of(args).pack()) }
    }
}

#[cfg(not(target_family = "wasm"))]
mod imports {
    use std::cell::RefCell;

    thread_local! {
        static RECORDED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
        /// Handles the stand-in of `call_object` answers as gone.
        pub static GONE: RefCell<Vec<i32>> = const { RefCell::new(Vec::new()) };
    }

    fn record(call: String) {
        RECORDED.with(|r| r.borrow_mut().push(call));
    }

    /// The calls of the stand-ins on this thread since the last call of this function.
    #[cfg(test)]
    pub fn recorded() -> Vec<String> {
        RECORDED.with(|r| std::mem::take(&mut *r.borrow_mut()))
    }

    pub fn release(handle: i32) {
        record(format!("release {handle}"));
    }

    /// Records the call and returns the empty slice (the result of a `()` method), or `0` for a handle in
    /// [`GONE`].
    pub fn call_object(handle: i32, method: u32, args: &[u8]) -> i64 {
        record(format!("call_object {handle}.{method}: {args:?}"));
        if GONE.with(|g| g.borrow().contains(&handle)) {
            0
        } else {
            crate::slice::Slice::EMPTY.pack()
        }
    }
}

/// The error of calling a Java object that Java revoked (`WasmBindings.revoke`): the object is gone, and
/// the Rust value that held it is only good for dropping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallbackGone;

impl fmt::Display for CallbackGone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the Java object was revoked: Rust can no longer call it")
    }
}

impl std::error::Error for CallbackGone {}

/// One reference to a Java object the host holds for Rust; dropping it releases the reference. Not for
/// direct use: `StoredCallback` and the types of `java_interface!` wrap it.
pub struct Held {
    handle: i32,
}

impl Held {
    /// Takes over the reference the host gave with `handle` (an export parameter).
    ///
    /// # Safety
    /// `handle` must be a handle the host gave Rust for this value, released once only (by the drop).
    pub unsafe fn from_handle(handle: i32) -> Held {
        Held { handle }
    }

    /// The handle, as the host knows it.
    pub fn handle(&self) -> i32 {
        self.handle
    }

    /// Calls method `method` with `args` and decodes its result; `what` names the method in messages.
    ///
    /// A Java exception thrown by the method unwinds from here, as one thrown by an import does.
    pub fn invoke<A: CallbackArgs, R: Decode>(
        &self,
        method: u32,
        args: A,
        what: &str,
    ) -> Result<R, CallbackGone> {
        let mut encoded = Vec::new();
        let mut views = Vec::new();
        args.pass_args(&mut encoded, &mut views);
        let wire = imports::call_object(self.handle, method, &encoded);
        drop(encoded);
        // A Java exception in the method unwinds from here, before the result is decoded.
        panic::after_import();
        if wire == 0 {
            return Err(CallbackGone);
        }
        // SAFETY: the host allocated the result with wasmbridge_malloc(len, 1) for Rust to own (ABI.md).
        let bytes = unsafe { Slice::unpack(wire).into_vec() };
        // The method has returned: the views end (owning the bytes first, so a panic here frees them).
        drop(views);
        Ok(decode_exact_as(&bytes, what))
    }

    /// Like [`Held::invoke`], but panics when the object is gone (the methods of `java_interface!` types).
    pub fn invoke_or_panic<A: CallbackArgs, R: Decode>(&self, method: u32, args: A, what: &str) -> R {
        match self.invoke(method, args, what) {
            Ok(result) => result,
            Err(gone) => panic!("{what}: {gone}"),
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        imports::release(self.handle);
    }
}

impl fmt::Debug for Held {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Held({:#x})", self.handle)
    }
}

/// A Java callback Rust keeps: a `@WasmCallback` object on the Java side, like [`crate::Callback`], but
/// owned by Rust beyond the export call that passed it (ABI.md, "Held Java objects").
///
/// Store it anywhere (a `static`, a struct, a `class!` object) and call it from any later export call on
/// the same instance. Dropping it releases the Java object; a reset or an abort of the instance releases
/// every one. The same Java object passed twice while Rust holds it is the same object on the Java side
/// (one handle, counted twice).
///
/// [`StoredCallback::call`] returns [`CallbackGone`] when Java revoked the object (`WasmBindings.revoke`).
/// A Java exception thrown by the callback unwinds the Rust frames like one thrown by an import; for state
/// that cannot be proven unwind-safe, [`StoredCallback::aborting`] makes an [`AbortingCallback`], whose
/// calls abort the instance instead. The signatures section spells the type `StoredFn(A, B) -> R`.
///
/// ```ignore
/// use std::cell::RefCell;
/// use wasmbridge::StoredCallback;
///
/// thread_local! {
///     static LISTENERS: RefCell<Vec<StoredCallback<(String,), ()>>> = const { RefCell::new(Vec::new()) };
/// }
///
/// wasmbridge::export! {
///     fn add_listener(listener: StoredCallback<(String,), ()>) {
///         LISTENERS.with(|l| l.borrow_mut().push(listener));
///     }
///     fn fire(event: String) -> u32 {
///         LISTENERS.with(|l| l.borrow().iter().filter(|f| f.call((event.clone(),)).is_ok()).count() as u32)
///     }
/// }
/// ```
pub struct StoredCallback<A, R> {
    held: Held,
    _types: PhantomData<fn() -> (A, R)>,
}

impl<A: CallbackArgs, R: Describe> Describe for StoredCallback<A, R> {
    const NAME: TypeName = TypeName::of("StoredFn(").push_text(&A::NAMES).push(") -> ").push_text(&R::NAME);
}

impl<A, R> Wire for StoredCallback<A, R> {
    type Abi = i32;
}

impl<'a, A, R> FromHost<'a> for StoredCallback<A, R> {
    unsafe fn from_host(handle: i32) -> Self {
        // SAFETY: the host gave Rust this reference for the parameter (ABI.md).
        StoredCallback { held: unsafe { Held::from_handle(handle) }, _types: PhantomData }
    }
}

impl<A, R> fmt::Debug for StoredCallback<A, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StoredCallback({:#x})", self.held.handle)
    }
}

impl<A: CallbackArgs, R: Decode + Describe> StoredCallback<A, R> {
    /// Calls the Java object with `args` and returns its result, or [`CallbackGone`] when Java revoked it.
    ///
    /// A Java exception thrown by the callback unwinds from here (as [`crate::JavaException`]); a result
    /// the host encoded wrongly panics with a message naming the callback's type.
    pub fn call(&self, args: A) -> Result<R, CallbackGone> {
        let what = TypeName::of("result of callback ").push_text(&<Self as Describe>::NAME);
        self.held.invoke(0, args, what.as_str())
    }

    /// This callback as an [`AbortingCallback`]: a panic or a Java exception in its calls aborts the
    /// instance instead of unwinding.
    pub fn aborting(self) -> AbortingCallback<A, R> {
        AbortingCallback { inner: self }
    }
}

impl<A, R> StoredCallback<A, R> {
    /// The handle the host knows the Java object by: equal for the same Java object while Rust holds it.
    pub fn handle(&self) -> i32 {
        self.held.handle
    }
}

/// A stored callback whose calls abort the instance on a panic or a Java exception, instead of unwinding
/// the Rust frames (like wasm-bindgen's `Closure::new_aborting`): for state that cannot be proven
/// unwind-safe. Made with [`StoredCallback::aborting`], or taken as an export parameter directly (spelled
/// like a [`StoredCallback`] on the wire and in the signatures section).
pub struct AbortingCallback<A, R> {
    inner: StoredCallback<A, R>,
}

impl<A: CallbackArgs, R: Describe> Describe for AbortingCallback<A, R> {
    const NAME: TypeName = <StoredCallback<A, R> as Describe>::NAME;
}

impl<A, R> Wire for AbortingCallback<A, R> {
    type Abi = i32;
}

impl<'a, A, R> FromHost<'a> for AbortingCallback<A, R> {
    unsafe fn from_host(handle: i32) -> Self {
        // SAFETY: as for StoredCallback.
        AbortingCallback { inner: unsafe { StoredCallback::from_host(handle) } }
    }
}

impl<A, R> fmt::Debug for AbortingCallback<A, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AbortingCallback({:#x})", self.inner.held.handle)
    }
}

impl<A: CallbackArgs, R: Decode + Describe> AbortingCallback<A, R> {
    /// Calls the Java object like [`StoredCallback::call`]; a panic or a Java exception during the call
    /// aborts the instance (the host reports the abort; no Rust frame unwinds).
    pub fn call(&self, args: A) -> Result<R, CallbackGone> {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.inner.call(args))) {
            Ok(result) => result,
            Err(payload) => {
                if payload.is::<panic::JavaException>() {
                    host::panic("a Java exception was thrown by an aborting callback: the instance aborts");
                }
                std::process::abort()
            }
        }
    }

    /// The handle the host knows the Java object by.
    pub fn handle(&self) -> i32 {
        self.inner.handle()
    }
}

/// Appends a method to an `interface` line: ` fn name(` after the `{`, `; fn name(` after another method.
/// Not for direct use.
pub const fn interface_method(line: Line, name: &str) -> Line {
    let bytes = line.as_bytes();
    let first = !bytes.is_empty() && bytes[bytes.len() - 1] == b'{';
    line.push(if first { " fn " } else { "; fn " }).push(name).push("(")
}

/// Declares a Java interface Rust can call: a Rust type that holds a Java object of the matching
/// `@WasmInterface` interface (ABI.md, "Held Java objects"; docs/GUIDE.md, "Rust holds Java").
///
/// Each method takes `&self` and arguments Rust can pass to a callback (scalars, `String`, `Vec`, `Option`,
/// records, enums, class objects), and returns a type a callback can return (or nothing). The methods are
/// numbered in declaration order: the Java interface declares the same methods (names in camel case) in the
/// same order. The type is an export parameter like any other (an `i32` handle on the wire, spelled by its
/// name in the signatures section, with an `interface` line of its own); Rust can store it anywhere and call
/// it from any later export call on the instance. Dropping it releases the Java object; the same Java object
/// passed twice while held has the same [`handle`](Held::handle).
///
/// A Java exception thrown by a method unwinds the Rust frames like one thrown by an import; a method called
/// after Java revoked the object (`WasmBindings.revoke`) panics (use a [`StoredCallback`] to get an error
/// instead).
///
/// ```ignore
/// wasmbridge::java_interface! {
///     /// A logger Java passes in.
///     pub trait Logger {
///         fn log(&self, level: i32, message: String);
///         fn name(&self) -> String;
///     }
/// }
/// ```
#[macro_export]
macro_rules! java_interface {
    ($(#[$meta:meta])* $vis:vis trait $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        $vis struct $name {
            held: $crate::__private::Held,
        }

        impl $name {
            /// The handle the host knows the Java object by: equal for the same Java object while Rust
            /// holds it.
            #[allow(dead_code)]
            pub fn handle(&self) -> i32 {
                self.held.handle()
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({:#x})", stringify!($name), self.held.handle())
            }
        }

        impl $crate::__private::Describe for $name {
            const NAME: $crate::__private::TypeName = $crate::__private::TypeName::of(stringify!($name));
        }

        impl $crate::__private::Wire for $name {
            type Abi = i32;
        }

        impl<'a> $crate::__private::FromHost<'a> for $name {
            unsafe fn from_host(handle: i32) -> Self {
                // SAFETY: the host gave Rust this reference for the parameter (ABI.md).
                $name { held: unsafe { $crate::__private::Held::from_handle(handle) } }
            }
        }

        $crate::__private::java_methods!($name; 0u32; $($body)*);

        $crate::__private::signature!(
            $crate::__private::java_line!(
                $crate::__private::Line::declaration("interface", stringify!($name)).push(" {");
                $($body)*
            ).push(" }\n")
        );
    };
}

/// The methods of a `java_interface!`, numbered from `$index`. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __java_methods {
    ($name:ident; $index:expr;) => {};
    ($name:ident; $index:expr; $(#[$m:meta])* fn $method:ident(&self $(, $arg:ident : $ty:ty)* $(,)?) $(-> $ret:ty)?; $($rest:tt)*) => {
        impl $name {
            $(#[$m])*
            #[allow(dead_code)]
            pub fn $method(&self $(, $arg: $ty)*) -> $crate::__private::result_type!($($ret)?) {
                self.held.invoke_or_panic(
                    $index,
                    ($($arg,)*),
                    concat!("result of Java method ", stringify!($name), "::", stringify!($method)),
                )
            }
        }
        $crate::__private::java_methods!($name; $index + 1; $($rest)*);
    };
}

/// The methods of a `java_interface!` appended to its signature line. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __java_line {
    ($line:expr;) => { $line };
    ($line:expr; $(#[$m:meta])* fn $method:ident(&self $(, $arg:ident : $ty:ty)* $(,)?) $(-> $ret:ty)?; $($rest:tt)*) => {
        $crate::__private::java_line!(
            $crate::__private::interface_method($line, stringify!($method))
                $(.param(stringify!($arg), &<$ty as $crate::__private::Describe>::NAME))*
                .push(") -> ")
                .push_text(&<$crate::__private::result_type!($($ret)?) as $crate::__private::Describe>::NAME);
            $($rest)*
        )
    };
}

#[cfg(test)]
pub(crate) use imports::{recorded, GONE};

#[cfg(test)]
mod tests {
    use super::{recorded, CallbackGone, StoredCallback, GONE};
    use crate::abi::FromHost;
    use crate::text::Describe;

    fn name<T: Describe>() -> String {
        T::NAME.as_str().to_owned()
    }

    crate::java_interface! {
        /// A test interface.
        trait Logger {
            fn log(&self, level: i32, message: String);
            fn name(&self) -> String;
        }
    }

    #[test]
    fn an_interface_line_lists_its_methods_in_order() {
        const LINE: crate::__private::Line = crate::__private::java_line!(
            crate::__private::Line::declaration("interface", "Logger").push(" {");
            fn log(&self, level: i32, message: String);
            fn name(&self) -> String;
        )
        .push(" }\n");
        assert_eq!(
            LINE.as_str(),
            "interface Logger { fn log(level: i32, message: String) -> (); fn name() -> String }\n"
        );
        assert_eq!(name::<Logger>(), "Logger");
    }

    #[test]
    fn interface_methods_are_numbered_in_declaration_order() {
        recorded();
        // SAFETY: a handle is just a number here.
        let logger: Logger = unsafe { FromHost::from_host(5) };
        logger.log(2, "x".to_owned());
        let gone = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            GONE.with(|g| g.borrow_mut().push(5));
            let _: String = logger.name();
        }));
        GONE.with(|g| g.borrow_mut().clear());
        assert!(gone.is_err(), "a revoked interface object panics");
        drop(logger);
        assert_eq!(
            recorded(),
            ["call_object 5.0: [2, 0, 0, 0, 1, 0, 0, 0, 120]", "call_object 5.1: []", "release 5"]
        );
    }

    #[test]
    fn stored_callback_names() {
        assert_eq!(name::<StoredCallback<(String, u32), bool>>(), "StoredFn(String, u32) -> bool");
        assert_eq!(name::<StoredCallback<(), ()>>(), "StoredFn() -> ()");
        assert_eq!(name::<super::AbortingCallback<(i32,), i64>>(), "StoredFn(i32) -> i64");
    }

    #[test]
    fn a_call_encodes_the_arguments_for_method_zero_and_a_drop_releases() {
        recorded();
        // SAFETY: a handle is just a number here.
        let f: StoredCallback<(String, u32), ()> = unsafe { FromHost::from_host(0x0010_0003) };
        assert_eq!(f.call(("hé".to_owned(), 2)), Ok(()));
        drop(f);
        assert_eq!(
            recorded(),
            ["call_object 1048579.0: [3, 0, 0, 0, 104, 195, 169, 2, 0, 0, 0]", "release 1048579"]
        );
    }

    #[test]
    fn a_revoked_object_gives_an_error_and_is_still_released() {
        recorded();
        GONE.with(|g| g.borrow_mut().push(9));
        // SAFETY: a handle is just a number here.
        let f: StoredCallback<(), i32> = unsafe { FromHost::from_host(9) };
        assert_eq!(f.call(()), Err(CallbackGone));
        drop(f);
        GONE.with(|g| g.borrow_mut().clear());
        assert_eq!(recorded(), ["call_object 9.0: []", "release 9"]);
        assert_eq!(CallbackGone.to_string(), "the Java object was revoked: Rust can no longer call it");
    }
}
