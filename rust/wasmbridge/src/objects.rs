//! Class objects beyond one parameter or result (ABI.md, "Classes"): in `Vec` and `Option` parameters and
//! results of exports, given or lent to imports, and passed to callbacks and as iterator items (there the
//! [`crate::class!`] expansion implements the traits of `callback` and `iter`, which sit above this
//! module).
//!
//! On the wire a list of objects is the value encoding of a `Vec<u32>` of handles (a `u32` count, then
//! each handle), and an optional object is a handle or `0`. Who owns what:
//!
//! - an export parameter `Vec<T>` or `Option<T>` moves each object out of its handle, as a `T` parameter
//!   does; `Vec<&T>`, `Vec<&mut T>`, `Option<&T>` and `Option<&mut T>` borrow each for the call (two
//!   exclusive borrows of one object conflict and panic, as for two parameters);
//! - an export result `Vec<T>` gives the host a new handle per object, as a `T` result does;
//! - an import parameter `T` gives the object to the host (a new handle the host owns); `&T` and `&mut T`
//!   lend it for the import call only, through a [`View`] that is freed when the call returns.

use crate::abi::{LendToHost, Lent, Wire};
use crate::class::{self, Class, View};
use crate::slice::Slice;
use crate::text::TypeName;
use crate::value::{decode_exact_as, encode_to_vec, Encode};

/// The handles of a list of objects from the host, checked against the value encoding.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`].
unsafe fn handles<T: Class>(abi: i64) -> Vec<u32> {
    let what = TypeName::of("Vec<").push_text(&T::NAME).push(">");
    decode_exact_as(Slice::unpack(abi).as_bytes(), what.as_str())
}

/// An export parameter `Vec<T>`: each object moved out of its handle, in order.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: live handles of this instance.
pub unsafe fn take_all<T: Class>(abi: i64) -> Vec<T> {
    handles::<T>(abi).into_iter().map(|handle| class::take(handle as i32)).collect()
}

/// An export parameter `Vec<&T>`: each object borrowed for the call.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: live handles of this instance; `'a` ends with the call.
pub unsafe fn borrow_all<'a, T: Class>(abi: i64) -> Vec<&'a T> {
    handles::<T>(abi).into_iter().map(|handle| class::borrow(handle as i32)).collect()
}

/// An export parameter `Vec<&mut T>`: each object borrowed exclusively for the call.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: live handles of this instance; `'a` ends with the call.
pub unsafe fn borrow_all_mut<'a, T: Class>(abi: i64) -> Vec<&'a mut T> {
    handles::<T>(abi).into_iter().map(|handle| class::borrow_mut(handle as i32)).collect()
}

/// An export result `Vec<T>`: a new handle per object, which the host owns.
pub fn give_all<T: Class>(values: Vec<T>) -> i64 {
    let handles: Vec<u32> = values.into_iter().map(|value| class::into_handle(value) as u32).collect();
    Slice::leak(encode_to_vec(&handles).into_boxed_slice()).pack()
}

/// An export parameter `Option<T>`: `0` is `None`, anything else an object moved out of its handle.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`].
pub unsafe fn option_take<T: Class>(handle: i32) -> Option<T> {
    (handle != 0).then(|| class::take(handle))
}

/// An export parameter `Option<&T>`.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]; `'a` ends with the call.
pub unsafe fn option_borrow<'a, T: Class>(handle: i32) -> Option<&'a T> {
    (handle != 0).then(|| class::borrow(handle))
}

/// An export parameter `Option<&mut T>`.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]; `'a` ends with the call.
pub unsafe fn option_borrow_mut<'a, T: Class>(handle: i32) -> Option<&'a mut T> {
    (handle != 0).then(|| class::borrow_mut(handle))
}

/// Appends an object's handle to a value encoding (an iterator item, a callback argument).
pub fn encode_handle(handle: i32, out: &mut Vec<u8>) {
    (handle as u32).encode(out);
}

/// A direction a class object cannot take, which the bounds of the blanket implementations leave out: an
/// implementation method that is never called.
#[cold]
pub fn no_such_direction(what: &str) -> ! {
    unreachable!("wasmbridge: {what} of class objects is not supported, and its implementation is never used")
}

/// An export result that holds a borrowed class object (`Vec<&T>`, `Option<&T>`), which compiles (the
/// borrow's lifetime can be inferred as `'static`) but cannot cross: Java cannot keep an object Rust only
/// borrows. The annotation processor refuses to bind such a function, so generated bindings never call it.
#[cold]
pub fn borrowed_result(what: &str) -> ! {
    panic!(
        "wasmbridge: an export cannot return {what} of borrowed class objects: Java cannot keep an object Rust \
         only borrows; return owned objects (T, Vec<T>, Option<T>)"
    )
}

/// An import parameter, passed by value: lent to the host for the import call (every type that
/// implements [`LendToHost`]), given to it (a class object `T`), or lent through a [`View`] (`&T`, `&mut
/// T`). What [`crate::import!`] expands to (through `__private`); not for direct use.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter of an import (a function Java provides)",
    label = "not a type Rust can pass to Java",
    note = "import parameters can be: bool, i8-i64, u8-u64, f32, f64, &str, String, &[T] or Vec<T> of numbers, \
            Vec<T>, Option<T>, record!/enumeration! types, and a class! object: T gives it to Java, &T and &mut T \
            lend it for the call (not in a Vec or Option)"
)]
pub trait PassToHost: Wire + Sized {
    /// What must live until the import returns: the value and the buffer its wire form points into, or
    /// the view to free.
    type Keep;
    /// The wire value for the host, and what to keep.
    fn pass(self) -> Passed<<Self as Wire>::Abi, Self::Keep>;
}

/// An import argument in flight: its wire value, and what keeps it valid until the import returns.
pub struct Passed<A, K> {
    abi: A,
    _keep: K,
}

impl<A: Copy, K> Passed<A, K> {
    /// `abi`, valid as long as `keep` lives.
    pub fn new(abi: A, keep: K) -> Passed<A, K> {
        Passed { abi, _keep: keep }
    }

    /// The wire value.
    pub fn abi(&self) -> A {
        self.abi
    }
}

impl<T: LendToHost> PassToHost for T
where
    T::Abi: Copy,
{
    type Keep = (Lent<T::Abi>, T);

    fn pass(self) -> Passed<T::Abi, Self::Keep> {
        // The wire value points into the value's heap memory or the lent buffer, which moving does not move.
        let lent = self.lend();
        Passed::new(lent.abi(), (lent, self))
    }
}

/// An import parameter `T`: the object goes to the host, in a new slot the host owns.
pub fn pass_given<T: Class>(value: T) -> Passed<i32, ()> {
    Passed::new(class::into_handle(value), ())
}

/// An import parameter `&T` or `&mut T`: the host gets a view, freed when the import returns.
pub fn pass_lent(view: View) -> Passed<i32, View> {
    Passed::new(view.handle(), view)
}

/// The implementations `class!` adds for class objects in `Vec` and `Option`, in imports, callbacks and
/// iterators (see the `objects`, `callback` and `iter` modules). Not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __class_objects {
    ($T:ident) => {
        impl $crate::__private::OptionWire for $T {
            type OptionAbi = i32;
            fn option_into_host(value: ::core::option::Option<Self>) -> i32 {
                $crate::__private::option_into_handle(value)
            }
            unsafe fn option_from_host(handle: i32) -> ::core::option::Option<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::option_take(handle) }
            }
        }
        impl<'a> $crate::__private::OptionWire for &'a $T {
            type OptionAbi = i32;
            fn option_into_host(_: ::core::option::Option<Self>) -> i32 {
                $crate::__private::borrowed_result("an Option")
            }
            unsafe fn option_from_host(handle: i32) -> ::core::option::Option<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::option_borrow(handle) }
            }
        }
        impl<'a> $crate::__private::OptionWire for &'a mut $T {
            type OptionAbi = i32;
            fn option_into_host(_: ::core::option::Option<Self>) -> i32 {
                $crate::__private::borrowed_result("an Option")
            }
            unsafe fn option_from_host(handle: i32) -> ::core::option::Option<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::option_borrow_mut(handle) }
            }
        }
        impl $crate::__private::VecElement for $T {
            unsafe fn vec_from_host(abi: i64) -> ::std::vec::Vec<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::take_all(abi) }
            }
            fn vec_into_host(values: ::std::vec::Vec<Self>) -> i64 {
                $crate::__private::give_all(values)
            }
            fn vec_lend(_: &[Self]) -> $crate::__private::Lent<i64> {
                $crate::__private::no_such_direction("lending a Vec to an import")
            }
            unsafe fn vec_take_from_host(_: i64) -> ::std::vec::Vec<Self> {
                $crate::__private::no_such_direction("taking a Vec from an import")
            }
        }
        impl<'a> $crate::__private::VecElement for &'a $T {
            unsafe fn vec_from_host(abi: i64) -> ::std::vec::Vec<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::borrow_all(abi) }
            }
            fn vec_into_host(_: ::std::vec::Vec<Self>) -> i64 {
                $crate::__private::borrowed_result("a Vec")
            }
            fn vec_lend(_: &[Self]) -> $crate::__private::Lent<i64> {
                $crate::__private::no_such_direction("lending a Vec to an import")
            }
            unsafe fn vec_take_from_host(_: i64) -> ::std::vec::Vec<Self> {
                $crate::__private::no_such_direction("taking a Vec from an import")
            }
        }
        impl<'a> $crate::__private::VecElement for &'a mut $T {
            unsafe fn vec_from_host(abi: i64) -> ::std::vec::Vec<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::borrow_all_mut(abi) }
            }
            fn vec_into_host(_: ::std::vec::Vec<Self>) -> i64 {
                $crate::__private::borrowed_result("a Vec")
            }
            fn vec_lend(_: &[Self]) -> $crate::__private::Lent<i64> {
                $crate::__private::no_such_direction("lending a Vec to an import")
            }
            unsafe fn vec_take_from_host(_: i64) -> ::std::vec::Vec<Self> {
                $crate::__private::no_such_direction("taking a Vec from an import")
            }
        }
        impl $crate::__private::PassToHost for $T {
            type Keep = ();
            fn pass(self) -> $crate::__private::Passed<i32, ()> {
                $crate::__private::pass_given(self)
            }
        }
        impl<'a> $crate::__private::PassToHost for &'a $T {
            type Keep = $crate::__private::View;
            fn pass(self) -> $crate::__private::Passed<i32, $crate::__private::View> {
                $crate::__private::pass_lent($crate::__private::View::shared(self))
            }
        }
        impl<'a> $crate::__private::PassToHost for &'a mut $T {
            type Keep = $crate::__private::View;
            fn pass(self) -> $crate::__private::Passed<i32, $crate::__private::View> {
                $crate::__private::pass_lent($crate::__private::View::exclusive(self))
            }
        }
        impl $crate::__private::CallbackArg for $T {
            fn pass_arg(
                self,
                out: &mut ::std::vec::Vec<u8>,
                _: &mut ::std::vec::Vec<$crate::__private::View>,
            ) {
                $crate::__private::encode_handle($crate::__private::into_handle(self), out);
            }
        }
        impl<'a> $crate::__private::CallbackArg for &'a $T {
            fn pass_arg(
                self,
                out: &mut ::std::vec::Vec<u8>,
                views: &mut ::std::vec::Vec<$crate::__private::View>,
            ) {
                let view = $crate::__private::View::shared(self);
                $crate::__private::encode_handle(view.handle(), out);
                views.push(view);
            }
        }
        impl<'a> $crate::__private::CallbackArg for &'a mut $T {
            fn pass_arg(
                self,
                out: &mut ::std::vec::Vec<u8>,
                views: &mut ::std::vec::Vec<$crate::__private::View>,
            ) {
                let view = $crate::__private::View::exclusive(self);
                $crate::__private::encode_handle(view.handle(), out);
                views.push(view);
            }
        }
        impl $crate::__private::IterItem for $T {
            fn encode_item(self, out: &mut ::std::vec::Vec<u8>) {
                $crate::__private::encode_handle($crate::__private::into_handle(self), out);
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::{PassToHost, Passed};
    use crate::value::{decode_exact, encode_to_vec};

    #[test]
    fn values_passed_to_an_import_keep_what_their_wire_form_points_into() {
        let words = vec!["a".to_owned(), "bc".to_owned()];
        let passed: Passed<i64, _> = words.clone().pass();
        let slice = crate::slice::Slice::unpack(passed.abi());
        assert_eq!(slice.len as usize, encode_to_vec(&words).len(), "the encoding, kept by the Passed");
        let text = String::from("kept");
        let passed = text.pass();
        assert_eq!(crate::slice::Slice::unpack(passed.abi()).len, 4);
        assert_eq!(7i32.pass().abi(), 7);
        assert_eq!(decode_exact::<Vec<String>>(&encode_to_vec(&words)), words);
    }
}
