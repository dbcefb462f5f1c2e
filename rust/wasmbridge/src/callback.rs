//! Callbacks (ABI.md, "Callbacks"): a Java object an export receives as a parameter and may call during
//! the export call, through the `wasmbridge.callback` import, with its arguments and result in the value
//! encoding.

use crate::abi::{FromHost, Wire};
use crate::class::View;
use crate::slice::Slice;
use crate::text::{Describe, TypeName};
use crate::value::{decode_exact_as, Decode, Encode};
use crate::{host, panic};
use std::marker::PhantomData;

/// A Java callback an export receives: a `@WasmCallback` object on the Java side, callable from Rust
/// for the duration of the export call (ABI.md, "Callbacks").
///
/// `A` is the tuple of argument types (`()`, `(A,)`, `(A, B)`, `(A, B, C)` or `(A, B, C, D)`) and `R` the
/// result type (`()` for none); all of them must be encodable (scalars, `String`, `Vec`, `Option`,
/// records, enums), except that an argument may also be an object of a class: `T` gives it to Java (a new
/// object Java owns), `&T` and `&mut T` lend it for the callback's call only (ABI.md, "Classes"). The
/// signatures section spells the type `Fn(A, B) -> R`. On the wire it is an `i32` id the host assigned for
/// this call only: do not keep a `Callback` beyond the export call (the host refuses a stale id).
///
/// A Java exception thrown by the callback unwinds the Rust frames (destructors run) and reaches the
/// Java caller unchanged, exactly like one thrown by an import.
///
/// ```ignore
/// use wasmbridge::Callback;
///
/// wasmbridge::export! {
///     /// Calls `f(word, index)` for each word; counts the words it accepts.
///     fn count_matching(words: Vec<String>, f: Callback<(String, u32), bool>) -> u32 {
///         let mut count = 0;
///         for (index, word) in words.into_iter().enumerate() {
///             if f.call((word, index as u32)) {
///                 count += 1;
///             }
///         }
///         count
///     }
/// }
/// ```
///
/// ```java
/// @WasmCallback
/// interface WordTest { boolean test(String word, @Unsigned int index); }
///
/// @WasmExport @Unsigned int countMatching(List<String> words, WordTest f);
/// ```
pub struct Callback<A, R> {
    id: i32,
    /// Covariant in both, so that a `Callback<(&Counter,), ()>` parameter, whose elided lifetime spans the
    /// whole export call, can be called with a borrow of a local object: an argument is only borrowed for
    /// the callback's call, whatever lifetime the type names.
    _types: PhantomData<fn() -> (A, R)>,
}

/// The argument tuples of a [`Callback`]: `()`, `(A,)`, `(A, B)`, `(A, B, C)` and `(A, B, C, D)` of
/// [`CallbackArg`]s.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list of callback arguments: write them as a tuple of encodable types",
    label = "not a tuple of callback arguments",
    note = "`Callback<(), R>` for none, `Callback<(i32,), R>` for one (mind the comma), `Callback<(A, B), R>` for \
            two, up to four; each of bool, i8-i64, u8-u64, isize, usize, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration!/data_enum! types, or a class! object (`T`, `&T`, `&mut T`)"
)]
pub trait CallbackArgs {
    /// The argument types as the signatures section lists them: `A, B` (empty for `()`).
    const NAMES: TypeName;
    /// Appends each argument, one after the other; the views of lent objects go to `views`, to be freed
    /// when the callback returns.
    fn pass_args(self, out: &mut Vec<u8>, views: &mut Vec<View>);
}

/// One argument of a [`Callback`], written in the value encoding by value: every encodable type, and
/// (implemented by `class!`) an object given (`T`) or lent (`&T`, `&mut T`) as its handle. Not for direct
/// use.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an argument of a `wasmbridge::Callback`",
    label = "not a type Rust can pass to a Java callback",
    note = "callback arguments can be: bool, i8-i64, u8-u64, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration! types, and a class! object: T gives it to Java, &T and &mut T lend it for the call"
)]
pub trait CallbackArg {
    /// Appends the argument to `out`, keeping the view of a lent object in `views`.
    fn pass_arg(self, out: &mut Vec<u8>, views: &mut Vec<View>);
}

impl<T: Encode> CallbackArg for T {
    fn pass_arg(self, out: &mut Vec<u8>, _views: &mut Vec<View>) {
        self.encode(out);
    }
}

impl CallbackArgs for () {
    const NAMES: TypeName = TypeName::new();
    fn pass_args(self, _out: &mut Vec<u8>, _views: &mut Vec<View>) {}
}

macro_rules! callback_args {
    ($first:ident $(, $rest:ident)*) => {
        impl<$first: CallbackArg + Describe $(, $rest: CallbackArg + Describe)*> CallbackArgs for ($first, $($rest,)*) {
            const NAMES: TypeName = TypeName::new().push_text(&$first::NAME) $(.push(", ").push_text(&$rest::NAME))*;
            #[allow(non_snake_case)]
            fn pass_args(self, out: &mut Vec<u8>, views: &mut Vec<View>) {
                let ($first, $($rest,)*) = self;
                $first.pass_arg(out, views);
                $($rest.pass_arg(out, views);)*
            }
        }
    };
}

callback_args!(A);
callback_args!(A, B);
callback_args!(A, B, C);
callback_args!(A, B, C, D);

impl<A: CallbackArgs, R: Describe> Describe for Callback<A, R> {
    const NAME: TypeName = TypeName::of("Fn(").push_text(&A::NAMES).push(") -> ").push_text(&R::NAME);
}

impl<A, R> Wire for Callback<A, R> {
    type Abi = i32;
}

impl<'a, A, R> FromHost<'a> for Callback<A, R> {
    unsafe fn from_host(id: i32) -> Self {
        Callback { id, _types: PhantomData }
    }
}

impl<A: CallbackArgs, R: Decode + Describe> Callback<A, R> {
    /// Calls the Java object with `args` and returns its result.
    ///
    /// A Java exception thrown by the callback unwinds from here (as [`crate::JavaException`]); a result
    /// the host encoded wrongly panics with a message naming the callback's type. An object lent to the
    /// callback (`&T`, `&mut T`) is lent for this call only; if a call Java made through it poisoned it,
    /// this panics when the callback returns (see the `class` module, "Views").
    pub fn call(&self, args: A) -> R {
        let mut encoded = Vec::new();
        let mut views = Vec::new();
        args.pass_args(&mut encoded, &mut views);
        let wire = host::callback(self.id, &encoded);
        drop(encoded);
        // A Java exception in the callback unwinds from here, before the result is decoded.
        panic::after_import();
        // SAFETY: the host allocated the result with wasmbridge_malloc(len, 1) for Rust to own (ABI.md).
        let bytes = unsafe { Slice::unpack(wire).into_vec() };
        // The callback has returned: the views end (owning the bytes first, so a panic here frees them).
        drop(views);
        let what = TypeName::of("result of callback ").push_text(&<Self as Describe>::NAME);
        decode_exact_as(&bytes, what.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Callback;
    use crate::abi::FromHost;
    use crate::text::Describe;

    fn name<T: Describe>() -> String {
        T::NAME.as_str().to_owned()
    }

    #[test]
    fn callback_names() {
        assert_eq!(name::<Callback<(String, u32), bool>>(), "Fn(String, u32) -> bool");
        assert_eq!(name::<Callback<(), ()>>(), "Fn() -> ()");
        assert_eq!(name::<Callback<(i32,), i32>>(), "Fn(i32) -> i32");
        assert_eq!(
            name::<Callback<(Vec<String>, Option<i64>, f64, bool), Option<String>>>(),
            "Fn(Vec<String>, Option<i64>, f64, bool) -> Option<String>"
        );
    }

    #[test]
    fn callback_in_a_signature_line() {
        const LINE: crate::__private::Line =
            crate::__private::fn_line!("fn", "apply"; "f" => Callback<(i64,), ()>, "x" => i32; i32);
        assert_eq!(LINE.as_str(), "fn apply(f: Fn(i64) -> (), x: i32) -> i32\n");
    }

    #[test]
    fn arguments_are_encoded_one_after_the_other() {
        crate::host::recorded();
        // SAFETY: an id is just a number.
        let f: Callback<(String, u32), ()> = unsafe { FromHost::from_host(7) };
        f.call(("hé".to_owned(), 2));
        let g: Callback<(), ()> = unsafe { FromHost::from_host(8) };
        g.call(());
        assert_eq!(
            crate::host::recorded(),
            ["callback 7: [3, 0, 0, 0, 104, 195, 169, 2, 0, 0, 0]", "callback 8: []"]
        );
    }

    #[test]
    #[should_panic(expected = "malformed result of callback Fn() -> i32 from the host: needs 4 more bytes")]
    fn an_empty_result_for_a_value_panics() {
        // SAFETY: an id is just a number.
        let f: Callback<(), i32> = unsafe { FromHost::from_host(9) };
        f.call(());
    }
}
