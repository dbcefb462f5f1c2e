//! The value encoding (ABI.md, "Encoded values"): `Option`, lists of non-numeric types and records cross
//! as one slice of little-endian bytes, without padding or alignment.

use crate::text::Describe;

/// A type with a value encoding: written into the bytes the host reads.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no value encoding: it cannot be a record field, or inside a nested Option or Vec",
    label = "not encodable",
    note = "encodable: bool, i8-i64, u8-u64, isize, usize, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration!/data_enum! types",
    note = "a class! object crosses only as a handle: alone, or in one `Vec`/`Option` of an export's parameter \
            or result, or alone to an import or callback; not in a record, a `Vec<Vec<_>>` or a list given to \
            an import: copy the values Java needs into a `record!` instead"
)]
pub trait Encode {
    /// Appends the encoding of `self` to `out`.
    fn encode(&self, out: &mut Vec<u8>);
}

/// A type with a value encoding: read from the bytes the host wrote.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no value encoding: it cannot be a record field, or inside a nested Option or Vec",
    label = "not decodable",
    note = "encodable: bool, i8-i64, u8-u64, isize, usize, f32, f64, String, Vec<T>, Option<T>, \
            record!/enumeration!/data_enum! types; owned types only (`String`, not `&str`)",
    note = "a class! object crosses only as a handle: alone, or in one `Vec`/`Option` of an export's parameter \
            or result, or alone to an import or callback; not in a record, a `Vec<Vec<_>>` or a list given to \
            an import: copy the values Java needs into a `record!` instead"
)]
pub trait Decode: Sized {
    /// Reads one value. Malformed input panics (through [`Reader`]).
    fn decode(input: &mut Reader<'_>) -> Self;
}

/// An enum declared with [`crate::enumeration!`]: crosses as its `i32` discriminant (ABI.md, "Enums").
pub trait Enumeration: Sized {
    /// The variant's discriminant.
    fn discriminant(&self) -> i32;
    /// The variant with this discriminant; panics with `unknown discriminant {d} for enum {Name}`
    /// if there is none.
    fn from_discriminant(discriminant: i32) -> Self;
}

/// Encodes one value into a new buffer.
pub fn encode_to_vec<T: Encode + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.encode(&mut out);
    out
}

/// Decodes exactly one `T` from `bytes`. Panics with a message naming `T` if the bytes run out, are left
/// over, or hold a malformed `bool`, tag, UTF-8 string or enum discriminant.
pub fn decode_exact<T: Decode + Describe>(bytes: &[u8]) -> T {
    decode_exact_as(bytes, T::NAME.as_str())
}

/// [`decode_exact`], with `what` naming the value in the panic message.
pub(crate) fn decode_exact_as<T: Decode>(bytes: &[u8], what: &str) -> T {
    let mut input = Reader { bytes, offset: 0, what };
    let value = T::decode(&mut input);
    if input.offset != bytes.len() {
        input.malformed(format_args!("{} bytes left over", bytes.len() - input.offset));
    }
    value
}

/// Reads encoded bytes from the host, panicking on malformed input.
pub struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
    what: &'a str,
}

impl<'a> Reader<'a> {
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let left = self.bytes.len() - self.offset;
        if n > left {
            self.malformed(format_args!("needs {n} more bytes at offset {}, only {left} left", self.offset));
        }
        let taken = &self.bytes[self.offset..self.offset + n];
        self.offset += n;
        taken
    }

    /// The next `N` bytes as an array.
    pub fn take_array<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N));
        out
    }

    /// A `u32` length or count.
    pub fn take_len(&mut self) -> usize {
        u32::from_le_bytes(self.take_array()) as usize
    }

    /// Panics: the input is malformed.
    pub fn malformed(&self, problem: std::fmt::Arguments<'_>) -> ! {
        panic!("malformed {} from the host: {problem}", self.what)
    }
}

macro_rules! le_numbers {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
        impl Decode for $t {
            fn decode(input: &mut Reader<'_>) -> $t {
                <$t>::from_le_bytes(input.take_array())
            }
        }
    )*};
}

le_numbers!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

/// `usize` on the wire: its 32 bits on wasm32 (ABI.md, "Scalars"). In a 64-bit native build (unit tests)
/// a larger value panics instead of being truncated; on wasm32 the check cannot fail.
pub fn usize_to_wire(value: usize) -> u32 {
    match u32::try_from(value) {
        Ok(bits) => bits,
        Err(_) => panic!("wasmbridge: usize {value} does not fit in the 32 bits usize has on wasm32"),
    }
}

/// `isize` on the wire: its 32 bits on wasm32, checked as [`usize_to_wire`] is.
pub fn isize_to_wire(value: isize) -> i32 {
    match i32::try_from(value) {
        Ok(bits) => bits,
        Err(_) => panic!("wasmbridge: isize {value} does not fit in the 32 bits isize has on wasm32"),
    }
}

/// `usize` from the wire: widening, lossless on every target with 32 bits or more.
pub fn usize_from_wire(bits: u32) -> usize {
    bits as usize
}

impl Encode for usize {
    fn encode(&self, out: &mut Vec<u8>) {
        usize_to_wire(*self).encode(out);
    }
}

impl Decode for usize {
    fn decode(input: &mut Reader<'_>) -> usize {
        usize_from_wire(u32::decode(input))
    }
}

impl Encode for isize {
    fn encode(&self, out: &mut Vec<u8>) {
        isize_to_wire(*self).encode(out);
    }
}

impl Decode for isize {
    fn decode(input: &mut Reader<'_>) -> isize {
        i32::decode(input) as isize
    }
}

/// `()` encodes as nothing: the result of a callback without one (ABI.md, "Callbacks").
impl Encode for () {
    fn encode(&self, _out: &mut Vec<u8>) {}
}

impl Decode for () {
    fn decode(_input: &mut Reader<'_>) {}
}

impl Encode for bool {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(*self as u8);
    }
}

impl Decode for bool {
    fn decode(input: &mut Reader<'_>) -> bool {
        match input.take(1)[0] {
            0 => false,
            1 => true,
            other => input.malformed(format_args!("bool byte {other} (must be 0 or 1)")),
        }
    }
}

fn encode_len(len: usize, out: &mut Vec<u8>) {
    let len = u32::try_from(len).expect("wasmbridge: a value longer than u32::MAX cannot be encoded");
    out.extend_from_slice(&len.to_le_bytes());
}

impl Encode for str {
    fn encode(&self, out: &mut Vec<u8>) {
        encode_len(self.len(), out);
        out.extend_from_slice(self.as_bytes());
    }
}

impl Encode for String {
    fn encode(&self, out: &mut Vec<u8>) {
        self.as_str().encode(out);
    }
}

impl Decode for String {
    fn decode(input: &mut Reader<'_>) -> String {
        let len = input.take_len();
        let bytes = input.take(len);
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(e) => input.malformed(format_args!("a string that is not UTF-8 ({e})")),
        }
    }
}

impl<T: Encode> Encode for [T] {
    fn encode(&self, out: &mut Vec<u8>) {
        encode_len(self.len(), out);
        for element in self {
            element.encode(out);
        }
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        self.as_slice().encode(out);
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(input: &mut Reader<'_>) -> Vec<T> {
        let count = input.take_len();
        // Every element takes at least one byte... except zero-sized ones, which no encodable type is;
        // bounding the capacity by the bytes left keeps a malformed count from allocating gigabytes.
        let mut values = Vec::with_capacity(count.min(input.bytes.len() - input.offset));
        for _ in 0..count {
            values.push(T::decode(input));
        }
        values
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.encode(out);
            }
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(input: &mut Reader<'_>) -> Option<T> {
        match input.take(1)[0] {
            0 => None,
            1 => Some(T::decode(input)),
            other => input.malformed(format_args!("Option tag {other} (must be 0 or 1)")),
        }
    }
}

/// `Box<T>` encodes as `T`: what lets an enum with data or a record contain itself (`Neg(Box<Expr>)`),
/// since the box is only Rust's way to give the type a size. It is written `T` in the signatures section.
impl<T: Encode + ?Sized> Encode for Box<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out);
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(input: &mut Reader<'_>) -> Box<T> {
        Box::new(T::decode(input))
    }
}

#[cfg(test)]
mod tests {
    use super::{decode_exact, encode_to_vec, Decode, Encode};
    use crate::text::Describe;
    use std::fmt::Debug;

    fn round_trip<T: Encode + Decode + Describe + PartialEq + Debug>(value: T) -> Vec<u8> {
        let bytes = encode_to_vec(&value);
        assert_eq!(decode_exact::<T>(&bytes), value);
        bytes
    }

    #[test]
    fn encodings_are_little_endian_without_padding() {
        assert_eq!(round_trip(true), [1]);
        assert_eq!(round_trip(-2i8), [0xfe]);
        assert_eq!(round_trip(0x1234u16), [0x34, 0x12]);
        assert_eq!(round_trip(1i32), [1, 0, 0, 0]);
        assert_eq!(round_trip(u64::MAX), [0xff; 8]);
        assert_eq!(round_trip(1.5f64), 1.5f64.to_le_bytes());
        assert_eq!(round_trip("hé".to_owned()), [3, 0, 0, 0, b'h', 0xc3, 0xa9]);
        assert_eq!(round_trip(None::<i32>), [0]);
        assert_eq!(round_trip(Some(7i16)), [1, 7, 0]);
        assert_eq!(round_trip(vec![1u8, 2]), [2, 0, 0, 0, 1, 2]);
        assert_eq!(round_trip(vec![Some("a".to_owned()), None]), [2, 0, 0, 0, 1, 1, 0, 0, 0, b'a', 0]);
    }

    #[test]
    fn pointer_sized_integers_encode_as_their_32_wasm_bits() {
        assert_eq!(round_trip(7usize), [7, 0, 0, 0]);
        assert_eq!(round_trip(u32::MAX as usize), [0xff; 4]);
        assert_eq!(round_trip(-2isize), (-2i32).to_le_bytes());
        assert_eq!(round_trip(i32::MIN as isize), i32::MIN.to_le_bytes());
        assert_eq!(round_trip(Some(vec![1usize, 2])), [1, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    #[should_panic(expected = "wasmbridge: usize 4294967296 does not fit in the 32 bits usize has on wasm32")]
    fn a_native_usize_too_large_for_wasm32_panics_instead_of_truncating() {
        encode_to_vec(&(1usize << 32));
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    #[should_panic(
        expected = "wasmbridge: isize -2147483649 does not fit in the 32 bits isize has on wasm32"
    )]
    fn a_native_isize_too_small_for_wasm32_panics_instead_of_truncating() {
        encode_to_vec(&(i32::MIN as isize - 1));
    }

    #[test]
    fn nested_round_trips() {
        assert_eq!(round_trip(Box::new(Some(Box::new(3u8)))), [1, 3], "a box is its content");
        round_trip(Some(vec![vec![1u32, 2], vec![]]));
        round_trip(vec![None, Some(f32::NAN.to_bits()), Some(0)]);
        round_trip(Vec::<String>::new());
        round_trip(Some(Some(false)));
    }

    #[test]
    #[should_panic(
        expected = "malformed Option<i32> from the host: needs 4 more bytes at offset 1, only 2 left"
    )]
    fn running_out_of_bytes_panics() {
        decode_exact::<Option<i32>>(&[1, 0, 0]);
    }

    #[test]
    #[should_panic(expected = "malformed i16 from the host: 1 bytes left over")]
    fn leftover_bytes_panic() {
        decode_exact::<i16>(&[1, 2, 3]);
    }

    #[test]
    #[should_panic(expected = "malformed Option<String> from the host: Option tag 2 (must be 0 or 1)")]
    fn bad_tag_panics() {
        decode_exact::<Option<String>>(&[2]);
    }

    #[test]
    #[should_panic(expected = "malformed Vec<bool> from the host: bool byte 5 (must be 0 or 1)")]
    fn bad_bool_panics() {
        decode_exact::<Vec<bool>>(&[1, 0, 0, 0, 5]);
    }

    #[test]
    #[should_panic(expected = "malformed String from the host: a string that is not UTF-8")]
    fn bad_utf8_panics() {
        decode_exact::<String>(&[1, 0, 0, 0, 0xff]);
    }

    #[test]
    #[should_panic(expected = "malformed Vec<u64> from the host: needs 8 more bytes")]
    fn huge_count_panics_without_allocating() {
        decode_exact::<Vec<u64>>(&[0xff, 0xff, 0xff, 0xff]);
    }
}
