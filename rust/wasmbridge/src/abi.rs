//! How each supported Rust type crosses the boundary (ABI.md, "Values").
//!
//! Four directions, four traits, because ownership differs in each:
//! - [`FromHost`]: an export parameter, borrowed from a host-owned buffer for the call;
//! - [`IntoHost`]: an export result, handed to the host, which frees it;
//! - [`LendToHost`]: an import parameter, lent to the host for the import call;
//! - [`TakeFromHost`]: an import result, allocated by the host, owned by Rust from then on.
//!
//! `Option<T>` and `Vec<T>` cross in a way their element type decides, through [`OptionWire`] and
//! [`VecElement`]: `Vec<i32>` is an aligned array, `Vec<String>` is encoded, `Option<Counter>` (a class)
//! is a handle or 0, `Vec<Counter>` a list of handles. The directions a type cannot take are left out by
//! the bounds of the blanket implementations: a `Vec` or `Option` of class objects is lent to the host or
//! taken from it only in the value encoding, which class objects do not have (`Encode`, `Decode`), and a
//! borrowed one (`Vec<&Counter>`) is no export result (`'static`).
//!
//! Each trait carries a `#[diagnostic::on_unimplemented]` message: a type that cannot cross says so in
//! one line, on the user's own type, with what can cross and what to use instead (the compile-fail tests
//! in `rust/ui-tests` check the wording).

use crate::host;
use crate::slice::{Numeric, Slice};
use crate::text::Describe;
use crate::value::{
    decode_exact, encode_to_vec, isize_to_wire, usize_from_wire, usize_to_wire, Decode, Encode,
};
use std::fmt::Display;

/// The one Wasm value type a Rust type travels as, in every direction (ABI.md, "Values").
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot cross between Rust and Java",
    label = "not a type Wasmbridge can pass",
    note = "what crosses: bool, i8-i64, u8-u64, isize, usize, f32, f64, &str, String, Vec<T>, &[T] of numbers, \
            Option<T>, record!/enumeration! types, class! objects, wasmbridge::Callback (README, \"Type mapping\")"
)]
pub trait Wire {
    /// `i32`, `i64`, `f32`, `f64`, or `()` for no value.
    type Abi;
}

/// The Wasm value types an export returns: `i32`, `i64`, `f32`, `f64`, or `()` for none.
///
/// The export shims the macros emit declare their result as `impl WasmValue` rather than naming
/// `<R as Wire>::Abi`: a result type that borrows (`&str` from `&self`) has an elided lifetime, which a
/// function without reference parameters cannot name in its signature. The compiled function returns the
/// concrete type (the opaque type is revealed in code generation), so its Wasm signature is the same.
pub trait WasmValue: Copy + Zero {}

impl WasmValue for i32 {}
impl WasmValue for i64 {}
impl WasmValue for f32 {}
impl WasmValue for f64 {}
impl WasmValue for () {}

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

/// An export parameter: decoded from what the host passed, valid for the duration of the call.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter of a function Java calls",
    label = "not a parameter type Wasmbridge can pass from Java",
    note = "parameters can be: bool, i8-i64, u8-u64, isize, usize, f32, f64, &str, String, &[T] or Vec<T> of \
            numbers, Vec<T>, Option<T>, record!/enumeration! types, class! objects (T, &T, &mut T), \
            wasmbridge::Callback<(A, ...), R>",
    note = "instead of `&String` take `&str`; instead of `&Vec<T>`, `&[T]` (numbers) or `Vec<T>`; instead of a map, \
            a `Vec` of a `record!` struct; another crate's type: `class! {{ impl path::Type as Name {{ ... }} }}`, \
            then take `&Name` (inside that class!, write `Self`)"
)]
pub trait FromHost<'a>: Wire + Sized {
    /// Decodes the wire value. Malformed input panics.
    ///
    /// # Safety
    /// `abi` must follow ABI.md; borrowed data must outlive `'a` (the host frees it after the call).
    unsafe fn from_host(abi: <Self as Wire>::Abi) -> Self;
}

/// An export result: encoded for the host, which takes ownership of any memory.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the result of a function Java calls",
    label = "not a result type Wasmbridge can return to Java",
    note = "results can be: (), bool, i8-i64, u8-u64, isize, usize, f32, f64, &str or String (copied), &[T] or \
            Vec<T> of numbers, Vec<T>, Option<T>, record!/enumeration! types, class! objects (T, Option<T>), \
            Result<T, E: Display>",
    note = "a borrowed class object (`&T`) cannot be returned: Java would hold a handle into memory that another \
            object owns; return a new object, or copy the values into a `record!`"
)]
pub trait IntoHost: Wire {
    /// Encodes the value.
    fn into_host(self) -> <Self as Wire>::Abi;
}

/// An import parameter: lent to the host for the import call.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter of an import (a function Java provides)",
    label = "not a type Rust can lend to Java",
    note = "import parameters can be: bool, i8-i64, u8-u64, isize, usize, f32, f64, &str, String, &[T] or Vec<T> \
            of numbers, Vec<T>, Option<T>, record!/enumeration! types; not class! objects or callbacks"
)]
pub trait LendToHost: Wire {
    /// Encodes a view of the value, or a temporary encoding of it; keep the [`Lent`] alive until the
    /// import returns.
    fn lend(&self) -> Lent<<Self as Wire>::Abi>;
}

/// An import result: decoded from what the host returned, owned by Rust from then on.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the result of an import (a function Java provides)",
    label = "not a type Rust can take from Java",
    note = "import results can be: (), bool, i8-i64, u8-u64, isize, usize, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration! types; owned types only (`String`, not `&str`), and not class! objects"
)]
pub trait TakeFromHost: Wire + Sized {
    /// Decodes the wire value. Malformed input panics.
    ///
    /// # Safety
    /// `abi` must follow ABI.md; memory must have been allocated by the host for Rust to own.
    unsafe fn take_from_host(abi: <Self as Wire>::Abi) -> Self;
}

/// A value lent to the host for one import call, with the buffer its slice points into (if it needed
/// one: a lent `Vec<String>` is encoded into a temporary buffer, a lent `&str` is not).
pub struct Lent<A> {
    abi: A,
    _buffer: Buffer,
}

/// What a [`Lent`] keeps alive for the host to read.
// The buffers are only held, never read: the host reads them through the slice.
#[allow(dead_code)]
enum Buffer {
    None,
    Bytes(Vec<u8>),
    /// `Vec<isize>` as the `i32` array the host reads (ABI.md, "Slices").
    Ints(Vec<i32>),
}

impl<A: Copy> Lent<A> {
    /// A wire value that points into memory the caller keeps alive.
    pub fn view(abi: A) -> Lent<A> {
        Lent { abi, _buffer: Buffer::None }
    }

    /// The wire value.
    pub fn abi(&self) -> A {
        self.abi
    }
}

impl Lent<i64> {
    /// The slice of `buffer`, which lives as long as the `Lent`.
    pub fn owning(buffer: Vec<u8>) -> Lent<i64> {
        Lent { abi: Slice::of(&buffer).pack(), _buffer: Buffer::Bytes(buffer) }
    }

    /// The slice of the `i32` array `values`, which lives as long as the `Lent`.
    fn owning_ints(values: Vec<i32>) -> Lent<i64> {
        Lent { abi: Slice::of_elements(&values).pack(), _buffer: Buffer::Ints(values) }
    }
}

macro_rules! same_on_the_wire {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            type Abi = $t;
        }
        impl<'a> FromHost<'a> for $t {
            unsafe fn from_host(abi: $t) -> $t { abi }
        }
        impl IntoHost for $t {
            fn into_host(self) -> $t { self }
        }
        impl LendToHost for $t {
            fn lend(&self) -> Lent<$t> { Lent::view(*self) }
        }
        impl TakeFromHost for $t {
            unsafe fn take_from_host(abi: $t) -> $t { abi }
        }
    )*};
}

same_on_the_wire!(i32, i64, f32, f64);

/// Integers narrower than their Wasm type, or unsigned: the host sign- or zero-extends them (ABI.md,
/// "Scalars"); Rust keeps the low bits with `as` and extends with `as` on the way out.
macro_rules! cast_on_the_wire {
    ($($t:ty => $abi:ty),*) => {$(
        impl Wire for $t {
            type Abi = $abi;
        }
        impl<'a> FromHost<'a> for $t {
            unsafe fn from_host(abi: $abi) -> $t { abi as $t }
        }
        impl IntoHost for $t {
            fn into_host(self) -> $abi { self as $abi }
        }
        impl LendToHost for $t {
            fn lend(&self) -> Lent<$abi> { Lent::view(*self as $abi) }
        }
        impl TakeFromHost for $t {
            unsafe fn take_from_host(abi: $abi) -> $t { abi as $t }
        }
    )*};
}

cast_on_the_wire!(i8 => i32, i16 => i32, u8 => i32, u16 => i32, u32 => i32, u64 => i64);

/// `usize` and `isize` are 32 bits on wasm32 and cross as `i32`, like `u32` and `i32` (ABI.md, "Scalars").
/// From the wire they widen losslessly; to the wire they are checked, which cannot fail on wasm32 and
/// panics instead of truncating in a 64-bit native build (unit tests): see [`usize_to_wire`].
macro_rules! pointer_sized_on_the_wire {
    ($($t:ty: $to:ident, $from:ident);* $(;)?) => {$(
        impl Wire for $t {
            type Abi = i32;
        }
        impl<'a> FromHost<'a> for $t {
            unsafe fn from_host(abi: i32) -> $t { $from(abi) }
        }
        impl IntoHost for $t {
            fn into_host(self) -> i32 { $to(self) }
        }
        impl LendToHost for $t {
            fn lend(&self) -> Lent<i32> { Lent::view($to(*self)) }
        }
        impl TakeFromHost for $t {
            unsafe fn take_from_host(abi: i32) -> $t { $from(abi) }
        }
    )*};
}

pointer_sized_on_the_wire! {
    usize: usize_into_abi, usize_from_abi;
    isize: isize_to_wire, isize_from_abi;
}

fn usize_into_abi(value: usize) -> i32 {
    usize_to_wire(value) as i32
}

fn usize_from_abi(abi: i32) -> usize {
    usize_from_wire(abi as u32)
}

fn isize_from_abi(abi: i32) -> isize {
    abi as isize
}

impl Wire for bool {
    type Abi = i32;
}

impl<'a> FromHost<'a> for bool {
    unsafe fn from_host(abi: i32) -> bool {
        abi != 0
    }
}

impl IntoHost for bool {
    fn into_host(self) -> i32 {
        self as i32
    }
}

impl LendToHost for bool {
    fn lend(&self) -> Lent<i32> {
        Lent::view(*self as i32)
    }
}

impl TakeFromHost for bool {
    unsafe fn take_from_host(abi: i32) -> bool {
        abi != 0
    }
}

impl Wire for () {
    type Abi = ();
}

impl IntoHost for () {
    fn into_host(self) {}
}

impl TakeFromHost for () {
    unsafe fn take_from_host(_: ()) {}
}

impl Wire for &str {
    type Abi = i64;
}

impl Wire for String {
    type Abi = i64;
}

impl<'a> FromHost<'a> for &'a str {
    unsafe fn from_host(abi: i64) -> &'a str {
        // The host only ever sends valid UTF-8 (ABI.md, "Slices").
        std::str::from_utf8_unchecked(Slice::unpack(abi).as_bytes())
    }
}

impl<'a> FromHost<'a> for String {
    unsafe fn from_host(abi: i64) -> String {
        <&str as FromHost>::from_host(abi).to_owned()
    }
}

impl IntoHost for String {
    fn into_host(self) -> i64 {
        Slice::leak(self.into_bytes().into_boxed_slice()).pack()
    }
}

impl IntoHost for &str {
    fn into_host(self) -> i64 {
        Slice::leak(Box::<[u8]>::from(self.as_bytes())).pack()
    }
}

impl LendToHost for &str {
    fn lend(&self) -> Lent<i64> {
        Lent::view(Slice::of(self.as_bytes()).pack())
    }
}

impl LendToHost for String {
    fn lend(&self) -> Lent<i64> {
        Lent::view(Slice::of(self.as_bytes()).pack())
    }
}

impl TakeFromHost for String {
    unsafe fn take_from_host(abi: i64) -> String {
        // The host only ever sends valid UTF-8 (ABI.md, "Slices").
        String::from_utf8_unchecked(Slice::unpack(abi).into_vec())
    }
}

impl<T: Numeric> Wire for &[T] {
    type Abi = i64;
}

impl<'a, T: Numeric> FromHost<'a> for &'a [T] {
    unsafe fn from_host(abi: i64) -> &'a [T] {
        Slice::unpack(abi).as_elements()
    }
}

impl<T: Numeric> LendToHost for &[T] {
    fn lend(&self) -> Lent<i64> {
        Lent::view(Slice::of_elements(self).pack())
    }
}

/// A borrowed slice as an export result (`fn bytes(&self) -> &[u8]`): copied out, like `Vec<T>`.
impl<T: Numeric> IntoHost for &[T] {
    fn into_host(self) -> i64 {
        Slice::leak_elements(Box::<[T]>::from(self)).pack()
    }
}

/// How `Vec<Self>` crosses the boundary: as a numeric array for the [`Numeric`] types, in the value
/// encoding for the others (ABI.md, "Encoded values"). Implemented by `record!` and `enumeration!` for
/// their types, and by `class!` for `T`, `&T` and `&mut T` (a list of handles, ABI.md "Classes"): a method
/// that cannot apply to a class (lending it to an import, taking it from one) is left out of `Vec`'s
/// implementations by their bounds and never called.
#[diagnostic::on_unimplemented(
    message = "`Vec<{Self}>` cannot cross between Rust and Java",
    label = "not a type Wasmbridge can pass in a `Vec`",
    note = "`Vec` elements can be: bool, i8-i64, u8-u64, isize, usize, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration!/data_enum! types, and class! objects (`T`, `&T`, `&mut T`) in export \
            parameters and results; not borrowed values (`Vec<&str>`: use `Vec<String>`)"
)]
pub trait VecElement: Sized {
    /// [`FromHost`] for `Vec<Self>`.
    ///
    /// # Safety
    /// As [`FromHost::from_host`].
    unsafe fn vec_from_host(abi: i64) -> Vec<Self>;
    /// [`IntoHost`] for `Vec<Self>`.
    fn vec_into_host(values: Vec<Self>) -> i64;
    /// [`LendToHost`] for `Vec<Self>`.
    fn vec_lend(values: &[Self]) -> Lent<i64>;
    /// [`TakeFromHost`] for `Vec<Self>`.
    ///
    /// # Safety
    /// As [`TakeFromHost::take_from_host`].
    unsafe fn vec_take_from_host(abi: i64) -> Vec<Self>;
}

macro_rules! numeric_arrays {
    ($($t:ty),*) => {$(
        impl VecElement for $t {
            unsafe fn vec_from_host(abi: i64) -> Vec<$t> {
                Slice::unpack(abi).as_elements::<$t>().to_vec()
            }
            fn vec_into_host(values: Vec<$t>) -> i64 {
                Slice::leak_elements(values.into_boxed_slice()).pack()
            }
            fn vec_lend(values: &[$t]) -> Lent<i64> {
                Lent::view(Slice::of_elements(values).pack())
            }
            unsafe fn vec_take_from_host(abi: i64) -> Vec<$t> {
                Slice::unpack(abi).into_elements()
            }
        }
    )*};
}

numeric_arrays!(u8, i16, i32, i64, f32, f64);

/// `Vec<isize>` is an `int[]` like `Vec<i32>` (ABI.md, "Slices"), converted element by element: a borrowed
/// view is not possible, since `isize` is 64 bits in a native build.
impl VecElement for isize {
    unsafe fn vec_from_host(abi: i64) -> Vec<isize> {
        Slice::unpack(abi).as_elements::<i32>().iter().map(|&value| value as isize).collect()
    }
    fn vec_into_host(values: Vec<isize>) -> i64 {
        i32::vec_into_host(values.into_iter().map(isize_to_wire).collect())
    }
    fn vec_lend(values: &[isize]) -> Lent<i64> {
        Lent::owning_ints(values.iter().map(|&value| isize_to_wire(value)).collect())
    }
    unsafe fn vec_take_from_host(abi: i64) -> Vec<isize> {
        Slice::unpack(abi).into_elements::<i32>().into_iter().map(|value| value as isize).collect()
    }
}

impl<T: VecElement> Wire for Vec<T> {
    type Abi = i64;
}

impl<'a, T: VecElement> FromHost<'a> for Vec<T> {
    unsafe fn from_host(abi: i64) -> Vec<T> {
        T::vec_from_host(abi)
    }
}

impl<T: VecElement + 'static> IntoHost for Vec<T> {
    fn into_host(self) -> i64 {
        T::vec_into_host(self)
    }
}

impl<T: VecElement + Encode> LendToHost for Vec<T> {
    fn lend(&self) -> Lent<i64> {
        T::vec_lend(self)
    }
}

impl<T: VecElement + Decode> TakeFromHost for Vec<T> {
    unsafe fn take_from_host(abi: i64) -> Vec<T> {
        T::vec_take_from_host(abi)
    }
}

/// How `Option<Self>` crosses the boundary: in the value encoding (an `i64` slice) for encodable types,
/// as a handle or `0` for classes (export parameters and results; `&T` and `&mut T` parameters too).
/// Implemented by `record!`, `enumeration!` and `class!` for their types.
#[diagnostic::on_unimplemented(
    message = "`Option<{Self}>` cannot cross between Rust and Java",
    label = "not a type Wasmbridge can pass in an `Option`",
    note = "`Option` values can be: bool, i8-i64, u8-u64, isize, usize, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration!/data_enum! types, and class! objects (`T`, `&T`, `&mut T`) in export \
            parameters and results; `Option<&str>`: return `Option<String>` (`.map(str::to_owned)`)"
)]
pub trait OptionWire: Sized {
    /// The Wasm type of `Option<Self>`.
    type OptionAbi;
    /// [`IntoHost`] for `Option<Self>`.
    fn option_into_host(value: Option<Self>) -> Self::OptionAbi;
    /// [`FromHost`] for `Option<Self>`.
    ///
    /// # Safety
    /// As [`FromHost::from_host`].
    unsafe fn option_from_host(abi: Self::OptionAbi) -> Option<Self>;
}

impl<T: OptionWire> Wire for Option<T> {
    type Abi = T::OptionAbi;
}

impl<T: OptionWire + 'static> IntoHost for Option<T> {
    fn into_host(self) -> T::OptionAbi {
        T::option_into_host(self)
    }
}

impl<'a, T: OptionWire> FromHost<'a> for Option<T> {
    unsafe fn from_host(abi: T::OptionAbi) -> Option<T> {
        T::option_from_host(abi)
    }
}

impl<T: OptionWire<OptionAbi = i64> + Encode> LendToHost for Option<T> {
    fn lend(&self) -> Lent<i64> {
        Lent::owning(encode_to_vec(self))
    }
}

impl<T: OptionWire<OptionAbi = i64> + Decode + Describe> TakeFromHost for Option<T> {
    unsafe fn take_from_host(abi: i64) -> Option<T> {
        let bytes = Slice::unpack(abi).into_vec();
        decode_exact(&bytes)
    }
}

/// What an export result in the value encoding does: encodes into a buffer the host frees.
pub fn encoded_into_host<T: Encode + ?Sized>(value: &T) -> i64 {
    Slice::leak(encode_to_vec(value).into_boxed_slice()).pack()
}

/// What an export parameter in the value encoding does: decodes a copy of the host's bytes.
///
/// # Safety
/// As [`FromHost::from_host`].
pub unsafe fn encoded_from_host<T: Decode + Describe>(abi: i64) -> T {
    decode_exact(Slice::unpack(abi).as_bytes())
}

/// What an import parameter in the value encoding does: encodes into a buffer that lives for the call.
pub fn encoded_lend<T: Encode + ?Sized>(value: &T) -> Lent<i64> {
    Lent::owning(encode_to_vec(value))
}

/// What an import result in the value encoding does: decodes the host's buffer, then frees it.
///
/// # Safety
/// As [`TakeFromHost::take_from_host`].
pub unsafe fn encoded_take_from_host<T: Decode + Describe>(abi: i64) -> T {
    let bytes = Slice::unpack(abi).into_vec();
    decode_exact(&bytes)
}

/// Implements [`OptionWire`] and [`VecElement`] for encodable types: both cross in the value encoding.
/// Used by `record!` and `enumeration!`; not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __encoded_containers {
    ($([$($generics:tt)*] $t:ty),* $(,)?) => {$(
        impl<$($generics)*> $crate::__private::OptionWire for $t {
            type OptionAbi = i64;
            fn option_into_host(value: ::core::option::Option<Self>) -> i64 {
                $crate::__private::encoded_into_host(&value)
            }
            unsafe fn option_from_host(abi: i64) -> ::core::option::Option<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::encoded_from_host(abi) }
            }
        }
        impl<$($generics)*> $crate::__private::VecElement for $t {
            unsafe fn vec_from_host(abi: i64) -> ::std::vec::Vec<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::encoded_from_host(abi) }
            }
            fn vec_into_host(values: ::std::vec::Vec<Self>) -> i64 {
                $crate::__private::encoded_into_host(&values)
            }
            fn vec_lend(values: &[Self]) -> $crate::__private::Lent<i64> {
                $crate::__private::encoded_lend(values)
            }
            unsafe fn vec_take_from_host(abi: i64) -> ::std::vec::Vec<Self> {
                // SAFETY: forwarded from the caller.
                unsafe { $crate::__private::encoded_take_from_host(abi) }
            }
        }
    )*};
}

__encoded_containers! {
    [] bool, [] i8, [] u16, [] u32, [] u64, [] usize, [] String,
    [T: Encode + Decode + Describe] Vec<T>,
    [T: Encode + Decode + Describe] Option<T>,
}

macro_rules! numeric_options {
    ($($t:ty),*) => {$(
        impl OptionWire for $t {
            type OptionAbi = i64;
            fn option_into_host(value: Option<$t>) -> i64 {
                encoded_into_host(&value)
            }
            unsafe fn option_from_host(abi: i64) -> Option<$t> {
                encoded_from_host(abi)
            }
        }
    )*};
}

numeric_options!(u8, i16, i32, i64, f32, f64, isize);

impl<T: Wire, E> Wire for Result<T, E> {
    type Abi = T::Abi;
}

/// An export returning `Result<T, E>`: `Ok` crosses as `T`; `Err(e)` calls `wasmbridge.error` with the
/// type of `e` and its `Display` text, then returns a zero the host discards (ABI.md, "Results").
impl<T, E> IntoHost for Result<T, E>
where
    T: IntoHost,
    T::Abi: Zero,
    E: Display,
{
    fn into_host(self) -> T::Abi {
        match self {
            Ok(value) => value.into_host(),
            Err(error) => {
                host::error(std::any::type_name::<E>(), &error.to_string());
                <T::Abi as Zero>::ZERO
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IntoHost;

    #[test]
    fn narrow_integers_extend_like_java() {
        assert_eq!((-1i8).into_host(), -1);
        assert_eq!((-2i16).into_host(), -2);
        assert_eq!(0xffu8.into_host(), 255);
        assert_eq!(0xffffu16.into_host(), 65535);
        assert_eq!(u32::MAX.into_host(), -1);
        assert_eq!(u64::MAX.into_host(), -1i64);
        // SAFETY: scalars have no memory.
        unsafe {
            use super::FromHost;
            assert_eq!(<i8 as FromHost>::from_host(0x1ff), -1);
            assert_eq!(<u16 as FromHost>::from_host(-1), 0xffff);
            assert_eq!(<u32 as FromHost>::from_host(-1), u32::MAX);
        }
    }

    #[test]
    fn err_results_report_to_the_host_and_return_zero() {
        crate::host::recorded();
        let ok: Result<i64, String> = Ok(5);
        assert_eq!(ok.into_host(), 5);
        let err: Result<f64, String> = Err("negative input: -1".to_owned());
        assert_eq!(err.into_host(), 0.0);
        let parse = "x".parse::<i64>().map(|_| ());
        parse.into_host();
        assert_eq!(
            crate::host::recorded(),
            [
                "error: alloc::string::String: negative input: -1",
                "error: core::num::error::ParseIntError: invalid digit found in string"
            ]
        );
    }
}
