//! `export!` and `import!`: plain Rust signatures in, ABI-conforming shims out.

/// Exports Rust functions to the host with plain Rust types.
///
/// Each `fn` becomes a Wasm export of the same name whose parameters and result follow `docs/ABI.md`
/// (`&str`, `String`, `&[u8]`, `Vec<u8>`, `i32`, `i64`, `f32`, `f64`, `bool`, `()`). The body runs inside
/// the panic-catching boundary: a panic becomes a Java `RustPanicException` with its message, after
/// Rust's destructors ran (ABI.md, "Panics and aborts").
#[macro_export]
macro_rules! export {
    ($(
        $(#[$meta:meta])*
        fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) $(-> $ret:ty)? $body:block
    )*) => {$(
        $(#[$meta])*
        #[unsafe(no_mangle)]
        pub extern "C-unwind" fn $name(
            $($arg: <$ty as $crate::Wire>::Abi),*
        ) -> $crate::__wire_result!($($ret)?) {
            $crate::__export_call(move || {
                // SAFETY: the host follows ABI.md and keeps borrowed arguments alive for this call.
                $(let $arg: $ty = unsafe { <$ty as $crate::FromHost>::from_host($arg) };)*
                let result $(: $ret)? = (move || $body)();
                result
            })
        }
    )*};
}

/// Declares functions the host provides, callable from Rust with plain Rust types.
///
/// `module "name";` names the Wasm import module (it defaults to `env`); each `fn` is imported under
/// its own name and wrapped in a safe function of the same name.
#[macro_export]
macro_rules! import {
    (module $module:literal; $($rest:tt)*) => {
        $crate::__import_fns!($module; $($rest)*);
    };
    ($($rest:tt)*) => {
        $crate::__import_fns!("env"; $($rest)*);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __import_fns {
    ($module:literal; $(
        $(#[$meta:meta])*
        $vis:vis fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) $(-> $ret:ty)?;
    )*) => {$(
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) $(-> $ret)? {
            #[link(wasm_import_module = $module)]
            unsafe extern "C-unwind" {
                #[link_name = stringify!($name)]
                fn host($($arg: <$ty as $crate::Wire>::Abi),*) -> $crate::__wire_import_result!($($ret)?);
            }
            // SAFETY: the host implements the import per ABI.md; lent arguments outlive the call.
            let wire = unsafe { host($($crate::LendToHost::lend(&$arg)),*) };
            // A Java exception in the import unwinds from here, before the result is decoded.
            $crate::__after_import();
            // SAFETY: the host returned a value per ABI.md.
            unsafe { <$crate::__import_result_type!($($ret)?) as $crate::TakeFromHost>::take_from_host(wire) }
        }
    )*};
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wire_result {
    () => { () };
    ($ret:ty) => { <$ret as $crate::Wire>::Abi };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wire_import_result {
    () => { () };
    ($ret:ty) => { <$ret as $crate::Wire>::Abi };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __import_result_type {
    () => { () };
    ($ret:ty) => { $ret };
}
