//! The declaration macros: plain Rust in, ABI-conforming shims and signature lines out.
//!
//! - [`export!`](crate::export!): functions the host calls;
//! - [`import!`](crate::import!): functions the host provides;
//! - [`class!`](crate::class!): an `impl` block whose methods the host calls on objects it holds by handle,
//!   for a type of this crate or, through a generated newtype, of another crate;
//! - [`enumeration!`](crate::enumeration!) and [`record!`](crate::record!): types that cross by value.
//!
//! Each declaration also emits its line of the `wasmbridge.signatures` custom section (ABI.md,
//! "Signatures section") from a `static` in that section, sized at compile time.
//!
//! Every export shim is an item of an anonymous `const _: () = { ... };` block: its Rust name is invisible
//! outside the block, so it cannot collide with the user's items, and its symbol is its Wasm export name
//! (`#[export_name]`), which [`check_export_name`](crate::__private::check_export_name) vets for `export!`.
//! Shims return `impl WasmValue` (see [`WasmValue`](crate::__private::WasmValue)), so that a result type
//! that borrows from a parameter (`&str` from `&self`) needs no lifetime in the shim's signature.
//!
//! Misuse that the macros can recognize (a generic function, a reserved method name, a receiver that
//! cannot be held by handle) stops with a `compile_error!` that says what to write instead; a type that
//! cannot cross fails on the conversion traits, whose `#[diagnostic::on_unimplemented]` messages say the
//! same. `rust/ui-tests` checks both against the compiler's output.

/// Exports Rust functions to the host with plain Rust types.
///
/// Each `fn` stays an ordinary Rust function, as written: its visibility (`pub`, `pub(crate)`), doc
/// comments and attributes are kept, and Rust code (unit tests included) calls it as usual. Beside it the
/// macro emits the Wasm export of the same name, whose parameters and result follow `docs/ABI.md`: scalars
/// (`i8` to `u64`, `isize`, `usize`, `f32`, `f64`, `bool`), `&str`/`String`, numeric slices and `Vec`s
/// (`&[i32]`, `Vec<f64>`, ...), `Option<T>`, `Vec<T>` of other types, records, enums, class objects (`T`,
/// `&T`, `&mut T`), callbacks, `()`, and `Result<T, E>` with `E: Display` as the result. A result may borrow
/// from a parameter (`-> &str`, `-> &[u8]`): it is copied out for Java before the call returns. The
/// function runs inside the panic-catching boundary: a panic becomes a Java `RustPanicException` with its
/// message, after Rust's destructors ran (ABI.md, "Panics and aborts").
///
/// The export's symbol is the function's name, which is the Wasm export name of ABI.md; the shim itself is
/// hidden, so it never collides with a Rust item. A name that would collide with a symbol every wasm32
/// module already has (`free`, `memcpy`, `sin`, `memory`, ...), or that is reserved (`wasmbridge_...`,
/// `__...`), is a compile error: rename the function (Java's `@WasmExport(name = "...")` keeps any Java
/// name). Generic, `unsafe` and `const` functions cannot be exported.
///
/// An `async fn` is exported as a Java method returning `CompletableFuture<T>` (ABI.md, "Async"): the call
/// spawns the future on the support crate's executor (one per instance) and polls it once before it returns;
/// Java drives it afterwards, when a [`JavaFuture`](crate::JavaFuture) it awaits completes. Its parameters
/// must be owned (`String`, not `&str`: the future outlives the call), and its result is a value of the value
/// encoding (`()`, scalars, `String`, `Vec<T>`, `Option<T>`, records, enums) or a `Result` of one, whose
/// `Err` fails the Java future with the exception a sync method would throw.
///
/// ```ignore
/// wasmbridge::export! {
///     async fn fetch_len(key: String) -> Result<u32, wasmbridge::JavaError> {
///         Ok(fetch(&key).await?.len() as u32) // `fetch`: an import returning JavaFuture<String>
///     }
/// }
/// ```
///
/// ```ignore
/// wasmbridge::export! {
///     /// Greets someone; Rust tests call `greet("x")` directly.
///     pub fn greet(name: &str) -> String { format!("Hello, {name}!") }
///     fn parse(text: &str) -> Result<i64, std::num::ParseIntError> { text.parse() }
///     fn first_word(text: &str) -> &str { text.split(' ').next().unwrap_or("") }
///     fn offset_of(text: &str, c: char) -> Option<usize> { text.find(c) }
/// }
/// ```
#[macro_export]
macro_rules! export {
    // The usual case, every function in one step (no recursion, so no recursion limit).
    ($(
        $(#[$meta:meta])*
        $vis:vis fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) $(-> $ret:ty)? $body:block
    )*) => {$(
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) $(-> $ret)? $body

        $crate::__private::export_shim!($name ($($arg: $ty),*) $(-> $ret)?);
    )*};
    // Otherwise one function at a time, to say which one cannot be exported and why.
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) $(-> $ret:ty)? $body:block
        $($rest:tt)*
    ) => {
        $crate::__private::export! { $(#[$meta])* $vis fn $name($($arg: $ty),*) $(-> $ret)? $body }
        $crate::__private::export! { $($rest)* }
    };
    // An `async fn` (ABI.md, "Async"): a Java `CompletableFuture`, driven by the support crate's executor.
    (
        $(#[$meta:meta])*
        $vis:vis async fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) $(-> $ret:ty)? $body:block
        $($rest:tt)*
    ) => {
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) $(-> $ret)? $body

        $crate::__private::async_export_shim!($name ($($arg: $ty),*) $(-> $ret)?);
        $crate::__private::export! { $($rest)* }
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident < $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "export!: `", ::core::stringify!($name), "` has generic parameters, but Java calls one concrete \
             function: export a function for each type it needs (lifetimes: leave them out, `fn f(text: &str) \
             -> &str` is supported)"
        ));
    };
    ($(#[$meta:meta])* $vis:vis $qualifier:ident $(extern $abi:literal)? fn $name:ident $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "export!: `", ::core::stringify!($qualifier), " fn ", ::core::stringify!($name), "` cannot be \
             exported: write a plain `fn` (an export runs to completion on the caller's thread; call `unsafe` \
             or `const` code from its body)"
        ));
    };
    ($(#[$meta:meta])* $vis:vis fn $name:ident $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "export!: cannot read `fn ", ::core::stringify!($name), "`: write `fn name(param: Type, ...) -> \
             Result { body }`, each parameter a plain name (no patterns, no `mut`: rebind in the body), no \
             `where` clause"
        ));
    };
    ($($other:tt)+) => {
        ::core::compile_error!(
            "export!: expected functions, `fn name(param: Type, ...) -> Result { body }`, each optionally with \
             doc comments, attributes and a visibility (`pub`)"
        );
    };
}

/// The Wasm export beside an `export!` function, and its signature line. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __export_shim {
    ($name:ident ($($arg:ident : $ty:ty),*) $(-> $ret:ty)?) => {
        const _: () = {
            $crate::__private::check_export_name(::core::stringify!($name));

            // The symbol is the export name of ABI.md; the Rust name is this block's own.
            #[unsafe(export_name = ::core::stringify!($name))]
            // `impl WasmValue` is one of i32, i64, f32, f64 or (), all FFI-safe (see WasmValue).
            #[allow(improper_ctypes_definitions)]
            extern "C-unwind" fn __wasmbridge_export(
                $($arg: <$ty as $crate::__private::Wire>::Abi),*
            ) -> impl $crate::__private::WasmValue {
                $crate::__private::export_call(move || {
                    // SAFETY: the host follows ABI.md and keeps borrowed arguments alive for this call.
                    $(let $arg: $ty = unsafe { <$ty as $crate::__private::FromHost>::from_host($arg) };)*
                    // `self::`: a parameter named like the function must not shadow it.
                    self::$name($($arg),*)
                })
            }
        };
        $crate::__private::signature! {
            $crate::__private::fn_line!("fn", ::core::stringify!($name); $(::core::stringify!($arg) => $ty),*; $($ret)?)
        }
    };
}

/// The Wasm export beside an `export!` `async fn`: converts the arguments (owned: the future outlives the
/// call), spawns the future on the support crate's executor and returns the task id; and its signature
/// line, whose result is `Future<R>`. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __async_export_shim {
    ($name:ident ($($arg:ident : $ty:ty),*) $(-> $ret:ty)?) => {
        const _: () = {
            $crate::__private::check_export_name(::core::stringify!($name));

            #[unsafe(export_name = ::core::stringify!($name))]
            extern "C-unwind" fn __wasmbridge_export(
                $($arg: <$ty as $crate::__private::Wire>::Abi),*
            ) -> i64 {
                $crate::__private::export_call(move || {
                    // SAFETY: the host follows ABI.md; the arguments are owned values (a borrowed one would
                    // not live as long as the future, which the compiler refuses).
                    $(let $arg: $ty = unsafe { <$ty as $crate::__private::FromHost>::from_host($arg) };)*
                    $crate::__private::spawn_export(self::$name($($arg),*))
                })
            }
        };
        $crate::__private::signature! {
            $crate::__private::fn_line!("fn", ::core::stringify!($name); $(::core::stringify!($arg) => $ty),*;
                $crate::__private::AsyncResult<$crate::__private::result_type!($($ret)?)>)
        }
    };
}

/// Declares functions the host provides, callable from Rust with plain Rust types.
///
/// `module "name";` names the Wasm import module (it defaults to `env`); each `fn` is imported under
/// its own name and wrapped in a safe function of the same name. Parameters are lent to the host for
/// the call (an encoded one, such as `Vec<String>`, through a temporary buffer); results are owned by
/// Rust. An object of a class can be a parameter: `T` gives it to the host (a new object Java owns),
/// `&T` and `&mut T` lend it for the import call only (ABI.md, "Classes"). `Result` is for exports only.
///
/// ```ignore
/// wasmbridge::import! {
///     module "host";
///     fn log(message: &str);
///     fn lookup(keys: Vec<String>) -> Option<Vec<i64>>;
/// }
/// ```
#[macro_export]
macro_rules! import {
    (module $module:literal; $($rest:tt)*) => {
        $crate::__private::import_fns!($module; $($rest)*);
    };
    ($($rest:tt)*) => {
        $crate::__private::import_fns!("env"; $($rest)*);
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
                fn host($($arg: <$ty as $crate::__private::Wire>::Abi),*) -> $crate::__private::wire_result!($($ret)?);
            }
            // Kept alive until the import returns (an encoded argument owns its buffer, a lent object its view).
            $(let $arg = <$ty as $crate::__private::PassToHost>::pass($arg);)*
            // SAFETY: the host implements the import per ABI.md; lent arguments outlive the call.
            let wire = unsafe { host($($arg.abi()),*) };
            // A Java exception in the import unwinds from here, before the result is decoded.
            $crate::__private::after_import();
            // SAFETY: the host returned a value per ABI.md.
            unsafe { <$crate::__private::result_type!($($ret)?) as $crate::__private::TakeFromHost>::take_from_host(wire) }
        }
        $crate::__private::signature! {
            $crate::__private::fn_line!("import", concat!($module, ".", stringify!($name)); $(stringify!($arg) => $ty),*; $($ret)?)
        }
    )*};
}

/// Exposes a Rust type to the host as a class: its values live in Rust, the host holds handles.
///
/// **A type of this crate.** Wrap an inherent `impl` block of a struct or enum declared in the same crate.
/// The methods stay ordinary inherent methods (Rust code calls them as usual), and each is exported as
/// `Type::method` (ABI.md, "Classes"); the type also gets the export `Type::drop`. Receivers may be `&self`,
/// `&mut self`, `self`, `mut self` or none (an associated function, such as a constructor). Methods may
/// carry `pub`, doc comments and attributes; generic methods and `where` clauses are not supported, and
/// every method of the block is exported (keep helpers in another `impl` block). `drop` is a reserved
/// method name (implement `Drop` for clean-up).
///
/// `Self` may be used for a parameter (`Self`, `&Self`, `&mut Self`) and for the result (`Self`,
/// `Option<Self>`, `Result<Self, E>`); other types must name the type itself (`Vec<Counter>`). A result may borrow from `&self` or a parameter (`fn name(&self) -> &str`,
/// `fn bytes(&self) -> &[u8]`): it is copied out for Java before the call ends, so nothing Java holds
/// points into the object.
///
/// **A type of another crate.** Rust allows inherent methods only in the crate that declares a type, so
/// `impl some_crate::Type as Name { ... }` declares the class `Name`: the macro generates
/// `pub struct Name(pub some_crate::Type)` (with `From<some_crate::Type>`, `Deref` and `DerefMut`), and the
/// methods are written as if on `some_crate::Type` itself: `self` is a `&some_crate::Type` (or `&mut`, or
/// the value) and `Self` is `some_crate::Type`, so a body calls the type's own methods directly. Java sees
/// the class `Name` (exports `Name::method`, `Name::drop`), and [`export!`](crate::export!) functions take
/// and return `Name`, `&Name` or `&mut Name`. Inside the block, the class in a `Vec` or an `Option` is written
/// with `Self` too: parameters `Vec<Self>`, `Vec<&Self>`, `Vec<&mut Self>`, `Option<Self>`, `Option<&Self>`,
/// `Option<&mut Self>` (the method gets the crate's values) and results `Vec<Self>`, `Option<Self>`,
/// `Result<Self, E>`; deeper (`Iter<Name>`, `Result<Vec<Name>, E>`, a callback's arguments) it is `Name`, the
/// newtype. The methods are for Java only: each is implemented in a hidden trait of its own, so Rust code,
/// and the other methods of the block, use the type's own API.
///
/// ```ignore
/// wasmbridge::class! {
///     /// A compiled regular expression.
///     impl regex::Regex as Regex {
///         fn new(pattern: &str) -> Result<Self, regex::Error> { regex::Regex::new(pattern) }
///         fn is_match(&self, text: &str) -> bool { self.is_match(text) }
///         fn as_str(&self) -> &str { self.as_str() }
///         fn find_at(&self, text: &str, start: usize) -> Option<usize> { self.find_at(text, start).map(|m| m.start()) }
///     }
/// }
/// ```
///
/// **Lifetimes.** A class cannot have lifetime or type parameters (`impl<'t> Captures<'t>` is refused):
/// Java holds an object for as long as it likes, so the object cannot borrow from another one. Copy what
/// Java needs into an owned type (a `record!`, a `Vec<String>`) and return that.
///
/// The type can then be a parameter or result of [`export!`](crate::export!) functions too: `&T` and `&mut T` borrow
/// the object for the call, `T` moves it out of its handle (the host's object becomes unusable), a `T`
/// or `Option<T>` result is a new object for the host. A borrow that conflicts with one in progress (a
/// re-entrant call from Java), or a move or drop of a borrowed object, panics. The same holds for each
/// object of a `Vec<T>`, `Vec<&T>` or `Vec<&mut T>` parameter and an `Option<T>`, `Option<&T>` or `Option<&mut
/// T>` one, and a `Vec<T>` result gives the host a new object per element. An [`Iter<T>`](crate::Iter) result
/// may yield objects too, each a new object for the host.
///
/// An import's or callback's parameter `T` gives the object to Java (a new object Java owns); `&T` and `&mut
/// T` lend it for the call only, through a *view*: Java's object refuses use once the call returns, cannot be
/// moved into Rust, and a `&T` view cannot be borrowed mutably. If a Java call through a view panics in a way
/// that poisons it, the lending call panics when the import returns (the value may be half-updated).
///
/// **Unwind safety.** When a call panics (or a Java exception unwinds it) while its code holds an object,
/// the object may be half-updated, so it is *poisoned*: Java refuses every later use with
/// `PoisonedObjectException`, and only `close()` (which runs the destructor) is left. Which borrows poison
/// follows Rust's own `UnwindSafe` rules, decided at compile time:
///
/// - `&mut T` (`&mut self`, or a `&mut T` parameter) always poisons: `&mut T` is never `UnwindSafe`.
/// - `&T` poisons when `T` is not `RefUnwindSafe`, i.e. has interior mutability (`Cell`, `RefCell`,
///   `UnsafeCell`, or something holding one, such as `Rc<RefCell<_>>`). A `&self` method of a plain type
///   cannot change it, so a panic there poisons nothing. `Mutex` and the atomics are `RefUnwindSafe`.
/// - A panic while an argument is taken from its handle (a borrow conflict) poisons nothing.
///
/// A class whose author knows that every method leaves it consistent wherever it can panic (or accepts
/// a half-made change) opts out with `#[unwind_safe]` as the first attribute, the way
/// `AssertUnwindSafe` opts a closure out:
///
/// ```ignore
/// wasmbridge::class! {
///     #[unwind_safe]
///     impl HitCounter {
///         fn hit(&self) -> u64 { self.hits.set(self.hits.get() + 1); self.hits.get() }
///     }
/// }
/// ```
///
/// ```ignore
/// pub struct Counter { count: i64, name: String }
///
/// wasmbridge::class! {
///     impl Counter {
///         fn new(start: i64) -> Self { Counter { count: start, name: String::new() } }
///         fn increment(&mut self, by: i64) -> i64 { self.count += by; self.count }
///         fn get(&self) -> i64 { self.count }
///         fn name(&self) -> &str { &self.name }
///         fn into_total(self) -> i64 { self.count }
///     }
/// }
/// ```
#[macro_export]
macro_rules! class {
    (#[unwind_safe] $($rest:tt)*) => {
        $crate::__private::class_declaration!([unwind_safe] $($rest)*);
    };
    ($($rest:tt)*) => {
        $crate::__private::class_declaration!([probe] $($rest)*);
    };
}

/// Tells a class of this crate from one of another crate, and refuses what cannot be a class. Not for
/// direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_declaration {
    ($safety:tt $(#[$meta:meta])* impl < $($rest:tt)*) => {
        ::core::compile_error!(
            "class!: a class cannot have lifetime or type parameters (`impl<'t> Type<'t>`): Java holds an object \
             for as long as it likes, so the object cannot borrow from another one, and Java calls one concrete \
             type. Copy what Java needs into an owned type (a `record!`, a `Vec<String>`, a struct of its own) and \
             return that instead"
        );
    };
    ($safety:tt $(#[$meta:meta])* impl $T:ident { $($items:tt)* }) => {
        $crate::__private::class_type!($T $safety);
        $crate::__private::class_items!($T [$(#[$meta])*] $($items)*);
    };
    ($safety:tt $(#[$meta:meta])* impl $F:ty as $T:ident { $($items:tt)* }) => {
        $(#[$meta])*
        pub struct $T(pub $F);
        impl ::core::convert::From<$F> for $T {
            fn from(value: $F) -> Self {
                $T(value)
            }
        }
        impl ::core::ops::Deref for $T {
            type Target = $F;
            fn deref(&self) -> &$F {
                &self.0
            }
        }
        impl ::core::ops::DerefMut for $T {
            fn deref_mut(&mut self) -> &mut $F {
                &mut self.0
            }
        }
        $crate::__private::class_type!($T $safety);
        $crate::__private::foreign_items!($F, $T; $($items)*);
    };
    ($safety:tt $(#[$meta:meta])* impl $T:ident < $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "class!: `", ::core::stringify!($T), "<...>` has lifetime or type parameters, and a class cannot: \
             Java holds an object for as long as it likes, so the object cannot borrow from another one, and \
             Java calls one concrete type. Copy what Java needs into an owned type (a `record!`, a \
             `Vec<String>`, a struct of its own) and return that instead"
        ));
    };
    ($safety:tt $(#[$meta:meta])* impl $F:ty { $($items:tt)* }) => {
        ::core::compile_error!(::core::concat!(
            "class!: `", ::core::stringify!($F), "` is a type of another crate, and Rust allows inherent methods \
             only in the crate that declares a type: name the class, `impl ", ::core::stringify!($F), " as Name \
             { ... }` (the macro then declares `pub struct Name(pub ", ::core::stringify!($F), ")`)"
        ));
    };
    ($safety:tt $($other:tt)*) => {
        ::core::compile_error!(
            "class!: expected `impl Type { methods }` for a type of this crate, or `impl path::Type as Name { \
             methods }` for a type of another crate"
        );
    };
}

/// Which borrows of a class poison, as `class!` decided it. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_poisons {
    ([unwind_safe] $T:ident) => {
        $crate::__private::Poisons::Nothing
    };
    ([probe] $T:ident) => {{
        #[allow(unused_imports)]
        use $crate::__private::{SharedBorrowIsSafe as _, SharedBorrowMayPoison as _};
        (&$crate::__private::UnwindProbe::<$T>::new()).poisons()
    }};
}

/// The traits, the `drop` export and the `class` line of a class. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_type {
    ($T:ident $safety:tt) => {
        impl $crate::__private::Class for $T {
            // The probe's borrow is the specialization (see UnwindProbe), not a needless one.
            #[allow(clippy::needless_borrow)]
            fn poisons() -> $crate::__private::Poisons {
                $crate::__private::class_poisons!($safety $T)
            }
        }
        impl $crate::__private::Describe for $T {
            const NAME: $crate::__private::TypeName = $crate::__private::TypeName::of(stringify!($T));
        }
        impl $crate::__private::Describe for &$T {
            const NAME: $crate::__private::TypeName =
                $crate::__private::TypeName::of("&").push(stringify!($T));
        }
        impl $crate::__private::Describe for &mut $T {
            const NAME: $crate::__private::TypeName =
                $crate::__private::TypeName::of("&mut ").push(stringify!($T));
        }
        impl $crate::__private::Wire for $T {
            type Abi = i32;
        }
        impl $crate::__private::Wire for &$T {
            type Abi = i32;
        }
        impl $crate::__private::Wire for &mut $T {
            type Abi = i32;
        }
        impl<'a> $crate::__private::FromHost<'a> for $T {
            unsafe fn from_host(handle: i32) -> Self {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::class_take(handle) }
            }
        }
        impl<'a> $crate::__private::FromHost<'a> for &'a $T {
            unsafe fn from_host(handle: i32) -> Self {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::class_borrow(handle) }
            }
        }
        impl<'a> $crate::__private::FromHost<'a> for &'a mut $T {
            unsafe fn from_host(handle: i32) -> Self {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::class_borrow_mut(handle) }
            }
        }
        impl $crate::__private::IntoHost for $T {
            fn into_host(self) -> i32 {
                $crate::__private::into_handle(self)
            }
        }
        $crate::__private::class_objects!($T);
        const _: () = {
            #[unsafe(export_name = concat!(stringify!($T), "::drop"))]
            extern "C-unwind" fn drop(handle: i32) {
                // SAFETY: the host passes a live handle of this instance (ABI.md, "Classes").
                $crate::__private::export_call(move || unsafe {
                    $crate::__private::drop_handle::<$T>(handle)
                })
            }
        };
        $crate::__private::signature! {
            $crate::__private::Line::declaration("class", stringify!($T)).push("\n")
        }
    };
}

/// Refuses a class method that cannot be exported, with what to write instead. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_method_error {
    (drop) => {
        ::core::compile_error!(
            "class!: `drop` is a reserved method name: every class exports `Type::drop`, which Java's close() \
             calls to drop the value; rename the method, and put clean-up code in an `impl Drop`"
        );
    };
    (generic $name:ident) => {
        ::core::compile_error!(::core::concat!(
            "class!: method `", ::core::stringify!($name), "` has generic or lifetime parameters, but Java calls \
             one concrete function: write a method for each type it needs; for lifetimes, leave them out \
             (`fn name(&self) -> &str` is supported: the text is copied to Java)"
        ));
    };
    (qualified $q:ident $name:ident) => {
        ::core::compile_error!(::core::concat!(
            "class!: `", ::core::stringify!($q), " fn ", ::core::stringify!($name), "` cannot be exported: write \
             a plain `fn` (call `unsafe` or `const` code from its body)"
        ));
    };
    (typed_receiver $name:ident) => {
        ::core::compile_error!(::core::concat!(
            "class!: method `", ::core::stringify!($name), "` has a receiver Java cannot hold: Java holds the \
             object by handle, so a method takes `&self`, `&mut self`, `self` or `mut self` (not `self: Box<Self>`, \
             `self: Rc<Self>`, `&'a self`)"
        ));
    };
    (unreadable) => {
        ::core::compile_error!(
            "class!: expected methods `fn name(&self, param: Type, ...) -> Result { body }` (receiver `&self`, \
             `&mut self`, `self`, `mut self` or none), each parameter a plain name, no `where` clause"
        );
    };
}

/// Splits a class's `impl` block into methods, replacing `Self` in the result type. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_items {
    ($T:ident [$($im:tt)*]) => {};
    ($T:ident $im:tt $(#[$m:meta])* $vis:vis fn drop $($rest:tt)*) => {
        $crate::__private::class_method_error!(drop);
    };
    ($T:ident $im:tt $(#[$m:meta])* $vis:vis fn $name:ident < $($rest:tt)*) => {
        $crate::__private::class_method_error!(generic $name);
    };
    ($T:ident $im:tt $(#[$m:meta])* $vis:vis $q:ident fn $name:ident $($rest:tt)*) => {
        $crate::__private::class_method_error!(qualified $q $name);
    };
    ($T:ident [$($im:tt)*] $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> Self $body:block $($rest:tt)*) => {
        $crate::__private::class_method!($T [$($im)*] [$(#[$m])*] [$vis] $name $params [$T] $body);
        $crate::__private::class_items!($T [$($im)*] $($rest)*);
    };
    ($T:ident [$($im:tt)*] $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> Option<Self> $body:block $($rest:tt)*) => {
        $crate::__private::class_method!($T [$($im)*] [$(#[$m])*] [$vis] $name $params [::core::option::Option<$T>] $body);
        $crate::__private::class_items!($T [$($im)*] $($rest)*);
    };
    ($T:ident [$($im:tt)*] $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> Result<Self, $e:ty> $body:block $($rest:tt)*) => {
        $crate::__private::class_method!($T [$($im)*] [$(#[$m])*] [$vis] $name $params [::core::result::Result<$T, $e>] $body);
        $crate::__private::class_items!($T [$($im)*] $($rest)*);
    };
    ($T:ident [$($im:tt)*] $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> $ret:ty $body:block $($rest:tt)*) => {
        $crate::__private::class_method!($T [$($im)*] [$(#[$m])*] [$vis] $name $params [$ret] $body);
        $crate::__private::class_items!($T [$($im)*] $($rest)*);
    };
    ($T:ident [$($im:tt)*] $(#[$m:meta])* $vis:vis fn $name:ident $params:tt $body:block $($rest:tt)*) => {
        $crate::__private::class_method!($T [$($im)*] [$(#[$m])*] [$vis] $name $params [] $body);
        $crate::__private::class_items!($T [$($im)*] $($rest)*);
    };
    ($T:ident $im:tt $($other:tt)+) => {
        $crate::__private::class_method_error!(unreadable);
    };
}

/// Recognizes a method's receiver. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_method {
    ($T:ident $im:tt $m:tt $vis:tt $name:ident (& $lt:lifetime $($p:tt)*) $ret:tt $body:block) => {
        $crate::__private::class_method_error!(typed_receiver $name);
    };
    ($T:ident $im:tt $m:tt $vis:tt $name:ident ($(mut)? self : $($p:tt)*) $ret:tt $body:block) => {
        $crate::__private::class_method_error!(typed_receiver $name);
    };
    ($T:ident $im:tt $m:tt $vis:tt $name:ident (&mut $s:ident $(, $($p:tt)*)?) $ret:tt $body:block) => {
        $crate::__private::class_params!($T [$im $m $vis $name [[&mut $s] &mut $T] $ret $body] [] $($($p)*)?);
    };
    ($T:ident $im:tt $m:tt $vis:tt $name:ident (&$s:ident $(, $($p:tt)*)?) $ret:tt $body:block) => {
        $crate::__private::class_params!($T [$im $m $vis $name [[&$s] &$T] $ret $body] [] $($($p)*)?);
    };
    ($T:ident $im:tt $m:tt $vis:tt $name:ident (mut $s:ident $(, $($p:tt)*)?) $ret:tt $body:block) => {
        $crate::__private::class_params!($T [$im $m $vis $name [[mut $s] $T] $ret $body] [] $($($p)*)?);
    };
    // `self` (captured, not written by the macro, so that the body's `self` refers to it).
    ($T:ident $im:tt $m:tt $vis:tt $name:ident ($s:ident $(, $($p:tt)*)?) $ret:tt $body:block) => {
        $crate::__private::class_params!($T [$im $m $vis $name [[$s] $T] $ret $body] [] $($($p)*)?);
    };
    ($T:ident $im:tt $m:tt $vis:tt $name:ident ($($p:tt)*) $ret:tt $body:block) => {
        $crate::__private::class_params!($T [$im $m $vis $name [] $ret $body] [] $($p)*);
    };
}

/// Collects a method's parameters, replacing `Self`. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_params {
    ($T:ident $ctx:tt [$($done:tt)*] $(,)?) => {
        $crate::__private::class_emit!($T $ctx [$($done)*]);
    };
    ($T:ident $ctx:tt [$($done:tt)*] $arg:ident : Self $(, $($rest:tt)*)?) => {
        $crate::__private::class_params!($T $ctx [$($done)* $arg: $T,] $($($rest)*)?);
    };
    ($T:ident $ctx:tt [$($done:tt)*] $arg:ident : &Self $(, $($rest:tt)*)?) => {
        $crate::__private::class_params!($T $ctx [$($done)* $arg: &$T,] $($($rest)*)?);
    };
    ($T:ident $ctx:tt [$($done:tt)*] $arg:ident : &mut Self $(, $($rest:tt)*)?) => {
        $crate::__private::class_params!($T $ctx [$($done)* $arg: &mut $T,] $($($rest)*)?);
    };
    ($T:ident $ctx:tt [$($done:tt)*] $arg:ident : $ty:ty $(, $($rest:tt)*)?) => {
        $crate::__private::class_params!($T $ctx [$($done)* $arg: $ty,] $($($rest)*)?);
    };
    ($T:ident $ctx:tt [$($done:tt)*] $($other:tt)+) => {
        $crate::__private::class_method_error!(unreadable);
    };
}

/// Emits one class method: the inherent method, its export and its signature line. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_emit {
    (
        $T:ident
        [[$($im:tt)*] [$($m:tt)*] [$vis:vis] $name:ident [$([$($recv:tt)*] $rty:ty)?] [$($ret:ty)?] $body:block]
        [$($arg:ident : $ty:ty,)*]
    ) => {
        $($im)*
        impl $T {
            $($m)*
            $vis fn $name($($($recv)*,)? $($arg: $ty),*) $(-> $ret)? $body
        }
        const _: () = {
            #[unsafe(export_name = concat!(stringify!($T), "::", stringify!($name)))]
            // `impl WasmValue` is one of i32, i64, f32, f64 or (), all FFI-safe (see WasmValue).
            #[allow(improper_ctypes_definitions)]
            extern "C-unwind" fn export(
                $(this: <$rty as $crate::__private::Wire>::Abi,)?
                $($arg: <$ty as $crate::__private::Wire>::Abi),*
            ) -> impl $crate::__private::WasmValue {
                $crate::__private::export_call(move || {
                    // SAFETY: the host follows ABI.md: live handles, arguments alive for this call.
                    $(let this: $rty = unsafe { <$rty as $crate::__private::FromHost>::from_host(this) };)?
                    $(let $arg: $ty = unsafe { <$ty as $crate::__private::FromHost>::from_host($arg) };)*
                    <$T>::$name($($crate::__private::identity::<$rty>(this),)? $($arg),*)
                })
            }
        };
        $crate::__private::signature! {
            $crate::__private::fn_line!(
                "fn", concat!(stringify!($T), "::", stringify!($name));
                $("self" => $rty,)? $(stringify!($arg) => $ty),*;
                $($ret)?
            )
        }
    };
}

/// Splits the `impl` block of a class of another crate (`impl path::Type as Name`) into methods, noting
/// how each result converts between the type and its newtype. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __foreign_items {
    ($F:ty, $T:ident;) => {};
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn drop $($rest:tt)*) => {
        $crate::__private::class_method_error!(drop);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn $name:ident < $($rest:tt)*) => {
        $crate::__private::class_method_error!(generic $name);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis $q:ident fn $name:ident $($rest:tt)*) => {
        $crate::__private::class_method_error!(qualified $q $name);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> Self $body:block $($rest:tt)*) => {
        $crate::__private::foreign_method!($F, $T; [$(#[$m])*] $name $params [-> Self] [$T] wrap $body);
        $crate::__private::foreign_items!($F, $T; $($rest)*);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> Option<Self> $body:block $($rest:tt)*) => {
        $crate::__private::foreign_method!($F, $T; [$(#[$m])*] $name $params [-> ::core::option::Option<Self>] [::core::option::Option<$T>] map $body);
        $crate::__private::foreign_items!($F, $T; $($rest)*);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> Result<Self, $e:ty> $body:block $($rest:tt)*) => {
        $crate::__private::foreign_method!($F, $T; [$(#[$m])*] $name $params [-> ::core::result::Result<Self, $e>] [::core::result::Result<$T, $e>] map $body);
        $crate::__private::foreign_items!($F, $T; $($rest)*);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> Vec<Self> $body:block $($rest:tt)*) => {
        $crate::__private::foreign_method!($F, $T; [$(#[$m])*] $name $params [-> ::std::vec::Vec<Self>] [::std::vec::Vec<$T>] map_vec $body);
        $crate::__private::foreign_items!($F, $T; $($rest)*);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn $name:ident $params:tt -> $ret:ty $body:block $($rest:tt)*) => {
        $crate::__private::foreign_method!($F, $T; [$(#[$m])*] $name $params [-> $ret] [$ret] keep $body);
        $crate::__private::foreign_items!($F, $T; $($rest)*);
    };
    ($F:ty, $T:ident; $(#[$m:meta])* $vis:vis fn $name:ident $params:tt $body:block $($rest:tt)*) => {
        $crate::__private::foreign_method!($F, $T; [$(#[$m])*] $name $params [] [()] keep $body);
        $crate::__private::foreign_items!($F, $T; $($rest)*);
    };
    ($F:ty, $T:ident; $($other:tt)+) => {
        $crate::__private::class_method_error!(unreadable);
    };
}

/// Recognizes the receiver of a method of a class of another crate: how the trait declares it, how the
/// method takes it, its type on the wire and how the newtype gives it. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __foreign_method {
    ($F:ty, $T:ident; $m:tt $name:ident (& $lt:lifetime $($p:tt)*) $($rest:tt)*) => {
        $crate::__private::class_method_error!(typed_receiver $name);
    };
    ($F:ty, $T:ident; $m:tt $name:ident ($(mut)? self : $($p:tt)*) $($rest:tt)*) => {
        $crate::__private::class_method_error!(typed_receiver $name);
    };
    ($F:ty, $T:ident; $m:tt $name:ident (&mut $s:ident $(, $($p:tt)*)?) $ret:tt $wret:tt $wrap:ident $body:block) => {
        $crate::__private::foreign_params!($F, $T; [$m $name [[&mut $s] [&mut $s] [&mut $T] exclusive] $ret $wret $wrap $body] [] $($($p)*)?);
    };
    ($F:ty, $T:ident; $m:tt $name:ident (&$s:ident $(, $($p:tt)*)?) $ret:tt $wret:tt $wrap:ident $body:block) => {
        $crate::__private::foreign_params!($F, $T; [$m $name [[&$s] [&$s] [&$T] shared] $ret $wret $wrap $body] [] $($($p)*)?);
    };
    ($F:ty, $T:ident; $m:tt $name:ident (mut $s:ident $(, $($p:tt)*)?) $ret:tt $wret:tt $wrap:ident $body:block) => {
        $crate::__private::foreign_params!($F, $T; [$m $name [[$s] [mut $s] [$T] owned] $ret $wret $wrap $body] [] $($($p)*)?);
    };
    ($F:ty, $T:ident; $m:tt $name:ident ($s:ident $(, $($p:tt)*)?) $ret:tt $wret:tt $wrap:ident $body:block) => {
        $crate::__private::foreign_params!($F, $T; [$m $name [[$s] [$s] [$T] owned] $ret $wret $wrap $body] [] $($($p)*)?);
    };
    ($F:ty, $T:ident; $m:tt $name:ident ($($p:tt)*) $ret:tt $wret:tt $wrap:ident $body:block) => {
        $crate::__private::foreign_params!($F, $T; [$m $name [] $ret $wret $wrap $body] [] $($p)*);
    };
}

/// Collects the parameters of a method of a class of another crate: as written (for the hidden trait,
/// where `Self` is the foreign type), on the wire (`Self` is the newtype) and how the newtype gives the
/// value. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __foreign_params {
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $(,)?) => {
        $crate::__private::foreign_emit!($F, $T; $ctx [$($done)*]);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : Self $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [Self] [$T] owned]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : &Self $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [&Self] [&$T] shared]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : &mut Self $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [&mut Self] [&mut $T] exclusive]] $($($rest)*)?);
    };
    // The class in a `Vec` or an `Option`: the newtypes Java sends, unwrapped one by one.
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : Vec<Self> $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [::std::vec::Vec<Self>] [::std::vec::Vec<$T>] owned_vec]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : Vec<&Self> $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [::std::vec::Vec<&Self>] [::std::vec::Vec<&$T>] shared_vec]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : Vec<&mut Self> $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [::std::vec::Vec<&mut Self>] [::std::vec::Vec<&mut $T>] exclusive_vec]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : Option<Self> $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [::core::option::Option<Self>] [::core::option::Option<$T>] owned_option]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : Option<&Self> $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [::core::option::Option<&Self>] [::core::option::Option<&$T>] shared_option]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : Option<&mut Self> $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [::core::option::Option<&mut Self>] [::core::option::Option<&mut $T>] exclusive_option]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $arg:ident : $ty:ty $(, $($rest:tt)*)?) => {
        $crate::__private::foreign_params!($F, $T; $ctx [$($done)* [$arg [$ty] [$ty] plain]] $($($rest)*)?);
    };
    ($F:ty, $T:ident; $ctx:tt [$($done:tt)*] $($other:tt)+) => {
        $crate::__private::class_method_error!(unreadable);
    };
}

/// Emits one method of a class of another crate: a hidden trait implemented for the foreign type (where
/// the user's body runs with `self` of that type), its export, which takes the newtype's handle and hands
/// the method the value inside, and its signature line. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __foreign_emit {
    (
        $F:ty, $T:ident;
        [[$($m:tt)*] $name:ident [$([$($drecv:tt)*] [$($recv:tt)*] [$rty:ty] $rkind:ident)?] [$($ret:tt)*] [$wret:ty] $wrap:ident $body:block]
        [$([$arg:ident [$($ty:tt)*] [$wty:ty] $kind:ident])*]
    ) => {
        const _: () = {
            trait Method: Sized {
                fn $name($($($drecv)*,)? $($arg: $($ty)*),*) $($ret)*;
            }
            impl Method for $F {
                $($m)*
                fn $name($($($recv)*,)? $($arg: $($ty)*),*) $($ret)* $body
            }
            #[unsafe(export_name = concat!(stringify!($T), "::", stringify!($name)))]
            // `impl WasmValue` is one of i32, i64, f32, f64 or (), all FFI-safe (see WasmValue).
            #[allow(improper_ctypes_definitions)]
            extern "C-unwind" fn export(
                $(this: <$rty as $crate::__private::Wire>::Abi,)?
                $($arg: <$wty as $crate::__private::Wire>::Abi),*
            ) -> impl $crate::__private::WasmValue {
                $crate::__private::export_call(move || {
                    // SAFETY: the host follows ABI.md: live handles, arguments alive for this call.
                    $(let this: $rty = unsafe { <$rty as $crate::__private::FromHost>::from_host(this) };)?
                    $(let $arg: $wty = unsafe { <$wty as $crate::__private::FromHost>::from_host($arg) };)*
                    let result = <$F as Method>::$name(
                        $($crate::__private::foreign_arg!($rkind this),)?
                        $($crate::__private::foreign_arg!($kind $arg)),*
                    );
                    $crate::__private::foreign_result!($wrap $T result)
                })
            }
        };
        $crate::__private::signature! {
            $crate::__private::fn_line!(
                "fn", concat!(stringify!($T), "::", stringify!($name));
                $("self" => $rty,)? $(stringify!($arg) => $wty),*;
                $wret
            )
        }
    };
}

/// The value a method of a class of another crate gets from a newtype argument. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __foreign_arg {
    (plain $value:ident) => {
        $value
    };
    (owned $value:ident) => {
        $value.0
    };
    (shared $value:ident) => {
        &$value.0
    };
    (exclusive $value:ident) => {
        &mut $value.0
    };
    // A `Vec` or an `Option` of newtypes: the same, for each.
    (owned_vec $value:ident) => {
        $value.into_iter().map(|value| value.0).collect()
    };
    (shared_vec $value:ident) => {
        $value.into_iter().map(|value| &value.0).collect()
    };
    (exclusive_vec $value:ident) => {
        $value.into_iter().map(|value| &mut value.0).collect()
    };
    (owned_option $value:ident) => {
        $value.map(|value| value.0)
    };
    (shared_option $value:ident) => {
        $value.map(|value| &value.0)
    };
    (exclusive_option $value:ident) => {
        $value.map(|value| &mut value.0)
    };
}

/// A method's result for the host: a `Self` result (of the foreign type) goes into the newtype. Not for
/// direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __foreign_result {
    (keep $T:ident $value:ident) => {
        $value
    };
    (wrap $T:ident $value:ident) => {
        $T($value)
    };
    (map $T:ident $value:ident) => {
        $value.map($T)
    };
    (map_vec $T:ident $value:ident) => {
        $value.into_iter().map($T).collect::<::std::vec::Vec<$T>>()
    };
}

/// Declares an enum that crosses the boundary as its `i32` discriminant (ABI.md, "Enums").
///
/// Unit variants only, with explicit or implicit discriminants; the macro adds `#[repr(i32)]` (do not add
/// another `repr`). Decoding an unknown discriminant panics. The enum can be used in `Option`, `Vec`
/// and records. An enum whose variants carry fields is declared with [`data_enum!`](crate::data_enum!).
///
/// ```ignore
/// wasmbridge::enumeration! {
///     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
///     pub enum Color { Red = 0, Green = 1, Blue = 7 }
/// }
/// ```
#[macro_export]
macro_rules! enumeration {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident $(= $disc:expr)? ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[repr(i32)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant $(= $disc)? ),*
        }
        impl $crate::__private::Enumeration for $name {
            fn discriminant(&self) -> i32 {
                match self {
                    $( $name::$variant => $name::$variant as i32, )*
                }
            }
            fn from_discriminant(discriminant: i32) -> Self {
                $( if discriminant == $name::$variant as i32 { return $name::$variant; } )*
                ::core::panic!("unknown discriminant {} for enum {}", discriminant, stringify!($name))
            }
        }
        impl $crate::__private::Describe for $name {
            const NAME: $crate::__private::TypeName = $crate::__private::TypeName::of(stringify!($name));
        }
        impl $crate::__private::Encode for $name {
            fn encode(&self, out: &mut ::std::vec::Vec<u8>) {
                $crate::__private::Encode::encode(&$crate::__private::Enumeration::discriminant(self), out);
            }
        }
        impl $crate::__private::Decode for $name {
            fn decode(input: &mut $crate::__private::Reader<'_>) -> Self {
                $crate::__private::Enumeration::from_discriminant(<i32 as $crate::__private::Decode>::decode(input))
            }
        }
        impl $crate::__private::Wire for $name {
            type Abi = i32;
        }
        impl<'a> $crate::__private::FromHost<'a> for $name {
            unsafe fn from_host(discriminant: i32) -> Self {
                $crate::__private::Enumeration::from_discriminant(discriminant)
            }
        }
        impl $crate::__private::IntoHost for $name {
            fn into_host(self) -> i32 {
                $crate::__private::Enumeration::discriminant(&self)
            }
        }
        impl $crate::__private::LendToHost for $name {
            fn lend(&self) -> $crate::__private::Lent<i32> {
                $crate::__private::Lent::view($crate::__private::Enumeration::discriminant(self))
            }
        }
        impl $crate::__private::TakeFromHost for $name {
            unsafe fn take_from_host(discriminant: i32) -> Self {
                $crate::__private::Enumeration::from_discriminant(discriminant)
            }
        }
        $crate::__private::encoded_containers!([] $name);
        $crate::__private::signature! {
            $crate::__private::Line::declaration("enum", stringify!($name)).push(" {")
                $(.variant(stringify!($variant), $name::$variant as i32))*
                .close_members()
        }
    };
}

/// Declares a struct that crosses the boundary by value, in the value encoding: each field in
/// declaration order (ABI.md, "Encoded values"). Fields may be of any encodable type: scalars,
/// `String`, `Vec`, `Option`, enums and other records. Generic structs are not supported.
///
/// ```ignore
/// wasmbridge::record! {
///     #[derive(Clone, Debug, PartialEq)]
///     pub struct Point { pub x: f64, pub y: f64 }
/// }
/// ```
#[macro_export]
macro_rules! record {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$fmeta:meta])* $fvis:vis $field:ident : $fty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$fmeta])* $fvis $field : $fty ),*
        }
        impl $crate::__private::Describe for $name {
            const NAME: $crate::__private::TypeName = $crate::__private::TypeName::of(stringify!($name));
        }
        impl $crate::__private::Encode for $name {
            fn encode(&self, out: &mut ::std::vec::Vec<u8>) {
                $( $crate::__private::Encode::encode(&self.$field, out); )*
                let _ = out;
            }
        }
        impl $crate::__private::Decode for $name {
            fn decode(input: &mut $crate::__private::Reader<'_>) -> Self {
                // Fields are read in the order they are written, which is declaration order.
                let _ = &input;
                $name { $( $field: <$fty as $crate::__private::Decode>::decode(input) ),* }
            }
        }
        $crate::__private::encoded_wire!($name);
        $crate::__private::signature! {
            $crate::__private::Line::declaration("record", stringify!($name)).push(" {")
                $(.field(stringify!($field), &<$fty as $crate::__private::Describe>::NAME))*
                .close_members()
        }
    };
}

/// How a type with a value encoding (a `record!` struct, a `data_enum!` enum) crosses on its own: as an
/// `i64` slice of its encoding, in every direction, and inside `Option` and `Vec`. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __encoded_wire {
    ($name:ident) => {
        impl $crate::__private::Wire for $name {
            type Abi = i64;
        }
        impl<'a> $crate::__private::FromHost<'a> for $name {
            unsafe fn from_host(abi: i64) -> Self {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::encoded_from_host(abi) }
            }
        }
        impl $crate::__private::IntoHost for $name {
            fn into_host(self) -> i64 {
                $crate::__private::encoded_into_host(&self)
            }
        }
        impl $crate::__private::LendToHost for $name {
            fn lend(&self) -> $crate::__private::Lent<i64> {
                $crate::__private::encoded_lend(self)
            }
        }
        impl $crate::__private::TakeFromHost for $name {
            unsafe fn take_from_host(abi: i64) -> Self {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::encoded_take_from_host(abi) }
            }
        }
        $crate::__private::encoded_containers!([] $name);
    };
}

/// Puts one line in the `wasmbridge.signatures` custom section: a `static` of exactly the line's length
/// (computed at compile time), which the linker concatenates with all the others. Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __signature {
    ($line:expr) => {
        const _: () = {
            const LINE: $crate::__private::Line = $line;
            #[used]
            #[unsafe(link_section = "wasmbridge.signatures")]
            static ENTRY: [u8; LINE.len()] = LINE.to_array();
        };
    };
}

/// The signature line of a function: `keyword name(param: type, ...) -> result`, with the newline.
/// Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __fn_line {
    ($keyword:literal, $name:expr; $($pname:expr => $pty:ty),* $(,)?; $($ret:ty)?) => {
        $crate::__private::Line::declaration($keyword, $name).push("(")
            $(.param($pname, &<$pty as $crate::__private::Describe>::NAME))*
            .returns(&<$crate::__private::result_type!($($ret)?) as $crate::__private::Describe>::NAME)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __wire_result {
    () => {
        ()
    };
    ($ret:ty) => {
        <$ret as $crate::__private::Wire>::Abi
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __result_type {
    () => {
        ()
    };
    ($ret:ty) => {
        $ret
    };
}

#[cfg(test)]
mod tests {
    use crate::text::{Describe, Line};
    use crate::value::{decode_exact, encode_to_vec, Enumeration};

    crate::enumeration! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Shade { Dark = -3, Mid, Light = 10 }
    }

    crate::record! {
        /// A record with every kind of field.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Sample {
            pub id: u64,
            label: String,
            pub(crate) tags: Vec<String>,
            pub weight: Option<f32>,
            pub shade: Shade,
            pub inner: Vec<Pair>,
        }
    }

    crate::record! {
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub struct Pair { pub a: i8, pub b: bool, }
    }

    crate::record! {
        #[derive(Debug, PartialEq)]
        pub struct Empty {}
    }

    pub struct Tally {
        total: i64,
        label: String,
    }

    crate::class! {
        impl Tally {
            /// A new tally.
            pub fn new(start: i64) -> Self { Tally { total: start, label: String::new() } }
            fn maybe(make: bool) -> Option<Self> { make.then_some(Tally::new(0)) }
            fn parsed(text: &str) -> Result<Self, std::num::ParseIntError> { Ok(Tally::new(text.parse()?)) }
            /// A result borrowed from `&self`: copied out for Java.
            fn label(&self) -> &str { &self.label }
            fn label_bytes(&self) -> &[u8] { self.label.as_bytes() }
            fn add(&mut self, by: i64,) -> i64 { self.total += by; self.total }
            fn add_from(&mut self, other: &Self) -> i64 { self.total += other.total; self.total }
            fn get(&self) -> i64 { self.total }
            #[allow(unused_mut)]
            fn bump(mut self) -> Self { self.total += 1; self }
            fn merged(self, other: Self) -> Tally { Tally { total: self.total + other.total, label: self.label } }
            fn reset(&mut self) { self.total = 0; }
            fn add_each(&mut self, times: i32, f: crate::Callback<(i64,), i64>) -> i64 {
                for _ in 0..times { self.total += f.call((self.total,)); }
                self.total
            }
        }
    }

    /// Interior mutability: a panic while a `&self` method runs poisons it too.
    pub struct Memo {
        seen: std::cell::RefCell<Vec<i64>>,
    }

    crate::class! {
        impl Memo {
            fn remember(&self, value: i64) { self.seen.borrow_mut().push(value); }
        }
    }

    /// Interior mutability, but its author vouches for every method.
    pub struct Tolerant {
        hits: std::cell::Cell<i64>,
    }

    crate::class! {
        #[unwind_safe]
        /// Attributes after `#[unwind_safe]` still apply to the `impl` block.
        impl Tolerant {
            fn hit(&self) -> i64 { self.hits.set(self.hits.get() + 1); self.hits.get() }
        }
    }

    // A class of another crate (here std's), without a hand-written newtype: `self` is the set itself.
    crate::class! {
        /// Words, sorted.
        impl std::collections::BTreeSet<String> as WordSet {
            fn new() -> Self { Self::new() }
            fn of(words: Vec<String>) -> Option<Self> { (!words.is_empty()).then(|| words.into_iter().collect()) }
            fn insert(&mut self, word: String) -> bool { self.insert(word) }
            fn first_word(&self) -> &str { self.iter().next().map_or("", String::as_str) }
            fn union_len(&self, other: &Self) -> usize { self.union(other).count() }
            fn absorb(&mut self, other: Self) -> usize { self.extend(other); self.len() }
            fn into_words(self) -> Vec<String> { self.into_iter().collect() }
            // The class in a `Vec` or an `Option`, written `Self` too.
            fn merged(sets: Vec<Self>) -> Self { sets.into_iter().flatten().collect() }
            fn lengths(sets: Vec<&Self>) -> Vec<usize> { sets.iter().map(|set| set.len()).collect() }
            fn clear_all(sets: Vec<&mut Self>) { sets.into_iter().for_each(Self::clear) }
            fn or_empty(set: Option<Self>) -> Self { set.unwrap_or_default() }
            fn len_of(set: Option<&Self>) -> usize { set.map_or(0, Self::len) }
            fn add_to(set: Option<&mut Self>, word: String) -> bool { set.is_some_and(|set| set.insert(word)) }
            fn singletons(&self) -> Vec<Self> { self.iter().map(|word| Self::from([word.clone()])).collect() }
            // Deeper, the class is written by its name.
            fn each(&self) -> crate::Iter<WordSet> {
                let words: Vec<String> = self.iter().cloned().collect();
                crate::Iter::new(words.into_iter().map(|word| WordSet(Self::from([word]))))
            }
        }
    }

    crate::export! {
        /// Kept as written: `pub`, documented, callable from Rust.
        pub fn shout(text: &str) -> String { text.to_uppercase() }
        pub(crate) fn first_word(text: &str) -> &str { text.split(' ').next().unwrap_or("") }
        /// A parameter named like its function does not shadow it in the export.
        fn count(count: usize) -> usize { count + 1 }
        fn offsets(text: &str, sep: &str) -> Vec<usize> { text.match_indices(sep).map(|(at, _)| at).collect() }
        fn negated(values: Vec<isize>) -> Vec<isize> { values.into_iter().map(|v| -v).collect() }
        fn word_count(words: &WordSet) -> usize { words.len() }
        fn sample_echo(sample: Sample) -> Sample { sample }
        fn tally_sum(a: &Tally, b: &mut Tally) -> i64 { a.total + b.total }
        fn with_callback(f: crate::Callback<(String, Pair), ()>, n: i32) { for _ in 0..n { f.call((String::new(), Pair { a: 1, b: true })); } }
        // Objects in lists and options, given and lent to callbacks, and iterators.
        fn tallies_total(tallies: Vec<Tally>) -> i64 { tallies.iter().map(|t| t.total).sum() }
        fn tallies_peek(tallies: Vec<&Tally>) -> i64 { tallies.iter().map(|t| t.total).sum() }
        fn tallies_reset(tallies: Vec<&mut Tally>) { tallies.into_iter().for_each(Tally::reset) }
        fn tallies_made(n: i64) -> Vec<Tally> { (0..n).map(Tally::new).collect() }
        fn tally_or_zero(tally: Option<Tally>) -> i64 { tally.map_or(0, |t| t.total) }
        fn tally_peek(tally: Option<&Tally>, other: Option<&mut Tally>) -> bool { tally.is_some() && other.is_some() }
        fn tally_visits(f: crate::Callback<(Tally, &Tally, &mut Tally), ()>) {
            let (shared, mut exclusive) = (Tally::new(1), Tally::new(2));
            f.call((Tally::new(0), &shared, &mut exclusive));
        }
        fn numbers(n: u32) -> crate::Iter<u32> { crate::Iter::new(0..n) }
        fn tally_stream(n: i64) -> Result<crate::Iter<Tally>, String> { Ok(crate::Iter::batched((0..n).map(Tally::new), 8)) }
    }

    /// Objects lent and given to imports (compiled, not called: the imports exist in a Wasm host only).
    #[allow(dead_code)]
    mod imports {
        use super::Tally;

        crate::import! {
            module "host";
            fn show_tally(tally: &Tally);
            fn change_tally(tally: &mut Tally) -> bool;
            fn adopt_tally(tally: Tally, note: String);
        }
    }

    fn name<T: Describe>() -> String {
        T::NAME.as_str().to_owned()
    }

    #[test]
    fn declared_types_have_their_names() {
        assert_eq!(name::<Shade>(), "Shade");
        assert_eq!(name::<Sample>(), "Sample");
        assert_eq!(name::<Tally>(), "Tally");
        assert_eq!(name::<&Tally>(), "&Tally");
        assert_eq!(name::<&mut Tally>(), "&mut Tally");
        assert_eq!(name::<Option<Tally>>(), "Option<Tally>");
        assert_eq!(name::<Vec<Option<Sample>>>(), "Vec<Option<Sample>>");
        assert_eq!(name::<Result<Tally, String>>(), "Result<Tally, _>");
        assert_eq!(name::<Option<usize>>(), "Option<usize>");
        assert_eq!(name::<Vec<isize>>(), "Vec<isize>");
    }

    #[test]
    fn exported_functions_stay_rust_functions() {
        assert_eq!(shout("hi"), "HI");
        assert_eq!(first_word("two words"), "two");
        assert_eq!(count(1), 2);
        assert_eq!(offsets("a-b-c", "-"), [1, 3]);
        assert_eq!(negated(vec![1, -2]), [-1, 2]);
    }

    #[test]
    fn a_class_of_another_crate_is_a_newtype() {
        use crate::class::{Class, Poisons};
        let mut words = WordSet::from(std::collections::BTreeSet::new());
        words.insert("b".to_owned()); // through DerefMut, the set's own method
        words.0.insert("a".to_owned());
        assert_eq!(word_count(&words), 2);
        assert_eq!(words.iter().next().map(String::as_str), Some("a"));
        assert_eq!(name::<WordSet>(), "WordSet");
        assert_eq!(name::<&mut WordSet>(), "&mut WordSet");
        assert_eq!(WordSet::poisons(), Poisons::ExclusiveBorrows);
        const LINE: Line = crate::__private::fn_line!("fn", "WordSet::union_len"; "self" => &WordSet, "other" => &WordSet; usize);
        assert_eq!(LINE.as_str(), "fn WordSet::union_len(self: &WordSet, other: &WordSet) -> usize\n");
    }

    #[test]
    fn class_methods_stay_inherent_methods() {
        let mut tally = Tally::new(2);
        assert_eq!(tally.add(3), 5);
        assert_eq!(tally.add_from(&Tally::new(10)), 15);
        assert_eq!(tally.get(), 15);
        let tally = tally.bump().merged(Tally::parsed("4").unwrap());
        assert_eq!(tally.get(), 20);
        assert!(Tally::maybe(false).is_none());
        assert_eq!(tally.label(), "");
        assert!(tally.label_bytes().is_empty());
    }

    #[test]
    fn classes_poison_as_their_types_say() {
        use crate::class::{Class, Poisons};
        assert_eq!(Tally::poisons(), Poisons::ExclusiveBorrows, "plain data: &self reads do not poison");
        assert_eq!(Memo::poisons(), Poisons::AllBorrows, "a RefCell: &self can be left half-updated");
        assert_eq!(Tolerant::poisons(), Poisons::Nothing, "#[unwind_safe]");
        let memo = Memo { seen: Default::default() };
        memo.remember(1);
        assert_eq!(memo.seen.borrow().len(), 1);
        assert_eq!(Tolerant { hits: Default::default() }.hit(), 1);
    }

    #[test]
    fn enum_discriminants() {
        assert_eq!(Shade::Mid.discriminant(), -2);
        assert_eq!(Shade::from_discriminant(10), Shade::Light);
        assert_eq!(encode_to_vec(&Shade::Dark), (-3i32).to_le_bytes());
    }

    #[test]
    #[should_panic(expected = "unknown discriminant 99 for enum Shade")]
    fn unknown_discriminant_panics() {
        Shade::from_discriminant(99);
    }

    #[test]
    #[should_panic(expected = "unknown discriminant 5 for enum Shade")]
    fn unknown_discriminant_in_an_encoding_panics() {
        decode_exact::<Vec<Shade>>(&[1, 0, 0, 0, 5, 0, 0, 0]);
    }

    #[test]
    fn records_round_trip_in_declaration_order() {
        let sample = Sample {
            id: 1,
            label: "x".to_owned(),
            tags: vec!["a".to_owned()],
            weight: Some(0.5),
            shade: Shade::Mid,
            inner: vec![Pair { a: -1, b: true }],
        };
        let bytes = encode_to_vec(&sample);
        let mut expected = vec![1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, b'x', 1, 0, 0, 0, 1, 0, 0, 0, b'a', 1];
        expected.extend(0.5f32.to_le_bytes());
        expected.extend((-2i32).to_le_bytes());
        expected.extend([1, 0, 0, 0, 0xff, 1]);
        assert_eq!(bytes, expected);
        assert_eq!(decode_exact::<Sample>(&bytes), sample);
        assert_eq!(encode_to_vec(&Empty {}), []);
        assert_eq!(decode_exact::<Empty>(&[]), Empty {});
    }

    #[test]
    #[should_panic(expected = "malformed Pair from the host: bool byte 2 (must be 0 or 1)")]
    fn malformed_records_panic() {
        decode_exact::<Pair>(&[0, 2]);
    }

    #[test]
    fn export_lines() {
        const GREET: Line = crate::__private::fn_line!("fn", "greet"; "name" => &str, "times" => Option<u32>; Result<Vec<String>, String>);
        assert_eq!(GREET.as_str(), "fn greet(name: &str, times: Option<u32>) -> Result<Vec<String>, _>\n");
        const NOTHING: Line = crate::__private::fn_line!("fn", "nothing";;);
        assert_eq!(NOTHING.as_str(), "fn nothing() -> ()\n");
        const METHOD: Line =
            crate::__private::fn_line!("fn", "Tally::add"; "self" => &mut Tally, "by" => i64,; i64);
        assert_eq!(METHOD.as_str(), "fn Tally::add(self: &mut Tally, by: i64) -> i64\n");
        const IMPORT: Line = crate::__private::fn_line!("import", concat!("host", ".", "poke");;);
        assert_eq!(IMPORT.as_str(), "import host.poke() -> ()\n");
        const OBJECTS: Line = crate::__private::fn_line!("fn", "objects"; "a" => Vec<&mut Tally>, "b" => Option<&Tally>; crate::Iter<Tally>);
        assert_eq!(
            OBJECTS.as_str(),
            "fn objects(a: Vec<&mut Tally>, b: Option<&Tally>) -> Iterator<Tally>\n"
        );
        const LENT: Line = crate::__private::fn_line!("import", "host.show"; "t" => &Tally, "f" => crate::Callback<(Tally, &mut Tally), ()>;);
        assert_eq!(LENT.as_str(), "import host.show(t: &Tally, f: Fn(Tally, &mut Tally) -> ()) -> ()\n");
    }
}
