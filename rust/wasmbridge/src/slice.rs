//! The memory side of the wire (ABI.md, "Slices"): a run of bytes in linear memory packed into one
//! `i64`, and the element types of numeric arrays. The lowest layer of the crate: the support imports
//! ([`crate::host`]) and the value conversions ([`crate::abi`]) are built on it.

use crate::text::Describe;

/// A run of bytes in linear memory, packed into one `i64`: `(len << 32) | ptr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    /// Address of the first byte (any non-zero value when `len` is 0).
    pub ptr: u32,
    /// Number of bytes.
    pub len: u32,
}

impl Slice {
    /// The empty slice, as the support crate sends it.
    pub const EMPTY: Slice = Slice { ptr: 1, len: 0 };

    /// Unpacks the wire form.
    pub fn unpack(raw: i64) -> Slice {
        Slice { ptr: raw as u64 as u32, len: ((raw as u64) >> 32) as u32 }
    }

    /// Packs into the wire form.
    pub fn pack(self) -> i64 {
        (((self.len as u64) << 32) | self.ptr as u64) as i64
    }

    /// The slice of `bytes`, which stay owned by the caller.
    pub fn of(bytes: &[u8]) -> Slice {
        Slice::of_elements(bytes)
    }

    /// The slice of `values` (its length in bytes), which stay owned by the caller.
    pub fn of_elements<T: Copy>(values: &[T]) -> Slice {
        if values.is_empty() {
            return Slice::EMPTY;
        }
        Slice { ptr: values.as_ptr() as usize as u32, len: std::mem::size_of_val(values) as u32 }
    }

    /// Hands `bytes` over to the host: their memory is no longer Rust's to free.
    pub fn leak(bytes: Box<[u8]>) -> Slice {
        Slice::leak_elements(bytes)
    }

    /// Hands `values` over to the host, which frees them with `wasmbridge_free(ptr, len in bytes,
    /// align_of::<T>())`: the layout of the box.
    pub fn leak_elements<T: Copy>(values: Box<[T]>) -> Slice {
        if values.is_empty() {
            return Slice::EMPTY;
        }
        let len = std::mem::size_of_val(&*values) as u32;
        let ptr = Box::into_raw(values) as *mut T as usize as u32;
        Slice { ptr, len }
    }

    /// Views the bytes for a lifetime the caller chooses.
    ///
    /// # Safety
    /// The bytes must stay valid and unchanged for `'a`.
    pub unsafe fn as_bytes<'a>(self) -> &'a [u8] {
        if self.len == 0 {
            return &[];
        }
        // SAFETY: the caller vouches for the memory; a non-empty slice's ptr is a real address.
        std::slice::from_raw_parts(self.ptr as usize as *const u8, self.len as usize)
    }

    /// Views the bytes as numbers, for a lifetime the caller chooses. Panics if the length is not a
    /// whole number of elements or the address is not aligned for `T` (the host allocates with the
    /// element alignment, ABI.md "Memory ownership").
    ///
    /// # Safety
    /// The bytes must stay valid and unchanged for `'a`.
    pub unsafe fn as_elements<'a, T: Numeric>(self) -> &'a [T] {
        if self.len == 0 {
            return &[];
        }
        let count = self.check_elements::<T>();
        // SAFETY: checked: aligned, a whole number of elements; every bit pattern is a valid T.
        std::slice::from_raw_parts(self.ptr as usize as *const T, count)
    }

    /// Takes ownership of a block the host allocated with `wasmbridge_malloc(len, 1)`.
    ///
    /// # Safety
    /// The block must come from `wasmbridge_malloc(len, 1)` and not be used by anyone else afterwards.
    pub unsafe fn into_vec(self) -> Vec<u8> {
        self.into_elements()
    }

    /// Takes ownership of a block the host allocated with `wasmbridge_malloc(len, align_of::<T>())`.
    /// Panics if it is not a whole number of aligned elements (the block is then leaked: its layout is
    /// not known for sure).
    ///
    /// # Safety
    /// The block must come from `wasmbridge_malloc(len, align_of::<T>())` and not be used by anyone else
    /// afterwards.
    pub unsafe fn into_elements<T: Numeric>(self) -> Vec<T> {
        if self.len == 0 {
            return Vec::new();
        }
        let count = self.check_elements::<T>();
        // SAFETY: the block has the layout of a Vec<T> of `count` elements (size len, align of T).
        Vec::from_raw_parts(self.ptr as usize as *mut T, count, count)
    }

    fn check_elements<T: Numeric>(self) -> usize {
        let size = std::mem::size_of::<T>();
        let align = std::mem::align_of::<T>();
        let what = <&[T] as Describe>::NAME;
        if !(self.len as usize).is_multiple_of(size) {
            panic!(
                "malformed {what} from the host: {} bytes is not a whole number of {size}-byte elements",
                self.len
            );
        }
        if !(self.ptr as usize).is_multiple_of(align) {
            panic!("malformed {what} from the host: address {:#x} is not aligned to {align}", self.ptr);
        }
        self.len as usize / size
    }
}

/// The element types of numeric arrays (ABI.md, "Slices"): `u8`, `i16`, `i32`, `i64`, `f32`, `f64`.
/// Their slices are little-endian elements (Wasm is little-endian), `len` in bytes, aligned to the
/// element's alignment; every bit pattern is a valid value.
#[diagnostic::on_unimplemented(
    message = "`&[{Self}]` cannot be borrowed from Java: borrowed slices are of u8, i16, i32, i64, f32 or f64",
    label = "not an element type of a borrowed slice",
    note = "take `Vec<{Self}>` instead (copied; `Vec<isize>` is an `int[]`, `Vec<usize>` a `List<@Unsigned Integer>`), \
            or `&str` for text"
)]
pub trait Numeric: Copy + Describe + 'static {}

impl Numeric for u8 {}
impl Numeric for i16 {}
impl Numeric for i32 {}
impl Numeric for i64 {}
impl Numeric for f32 {}
impl Numeric for f64 {}

#[cfg(test)]
mod tests {
    use super::Slice;

    #[test]
    fn slice_packs_len_high_and_ptr_low() {
        let s = Slice { ptr: 0x1234_5678, len: 0x9abc_def0 };
        assert_eq!(s.pack() as u64, 0x9abc_def0_1234_5678);
        assert_eq!(Slice::unpack(s.pack()), s);
    }

    #[test]
    fn empty_slices_are_one_zero() {
        assert_eq!(Slice::of(&[]), Slice { ptr: 1, len: 0 });
        assert_eq!(Slice::of_elements::<i64>(&[]), Slice { ptr: 1, len: 0 });
        assert_eq!(Slice::leak_elements::<f32>(Box::new([])), Slice { ptr: 1, len: 0 });
    }

    #[test]
    fn element_slices_measure_bytes() {
        // Only the length: native addresses do not fit the 32-bit ptr.
        assert_eq!(Slice::of_elements(&[1i32, 2, 3]).len, 12);
        assert_eq!(Slice::of_elements(&[1.0f64]).len, 8);
    }

    #[test]
    fn empty_arrays_from_the_host_never_touch_memory() {
        // SAFETY: an empty slice is never dereferenced.
        let values: &[i64] = unsafe { Slice { ptr: 1, len: 0 }.as_elements() };
        assert!(values.is_empty());
    }

    #[test]
    #[should_panic(
        expected = "malformed &[i32] from the host: 6 bytes is not a whole number of 4-byte elements"
    )]
    fn partial_elements_panic() {
        // SAFETY: the check panics before any access.
        let _: &[i32] = unsafe { Slice { ptr: 8, len: 6 }.as_elements() };
    }

    #[test]
    #[should_panic(expected = "malformed &[f64] from the host: address 0x4 is not aligned to 8")]
    fn misaligned_elements_panic() {
        // SAFETY: the check panics before any access.
        let _: &[f64] = unsafe { Slice { ptr: 4, len: 8 }.as_elements() };
    }
}
