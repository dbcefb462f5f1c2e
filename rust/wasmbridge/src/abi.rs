//! How each supported Rust type crosses the boundary (ABI.md, "Values").
//!
//! Four directions, four traits, because ownership differs in each:
//! - [`FromHost`]: an export parameter, borrowed from a host-owned buffer for the call;
//! - [`IntoHost`]: an export result, handed to the host, which frees it;
//! - [`LendToHost`]: an import parameter, lent to the host for the import call;
//! - [`TakeFromHost`]: an import result, allocated by the host, owned by Rust from then on.

/// A run of bytes in linear memory, packed into one `i64`: `(len << 32) | ptr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slice {
    /// Address of the first byte (any non-zero value when `len` is 0).
    pub ptr: u32,
    /// Number of bytes.
    pub len: u32,
}

impl Slice {
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
        if bytes.is_empty() {
            return Slice { ptr: 1, len: 0 };
        }
        Slice { ptr: bytes.as_ptr() as usize as u32, len: bytes.len() as u32 }
    }

    /// Hands `bytes` over to the host: their memory is no longer Rust's to free.
    pub fn leak(bytes: Box<[u8]>) -> Slice {
        if bytes.is_empty() {
            return Slice { ptr: 1, len: 0 };
        }
        let len = bytes.len() as u32;
        let ptr = Box::into_raw(bytes) as *mut u8 as usize as u32;
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
        std::slice::from_raw_parts(self.ptr as usize as *const u8, self.len as usize)
    }

    /// Takes ownership of a block the host allocated with `wasmbridge_malloc(len, 1)`.
    ///
    /// # Safety
    /// The block must come from `wasmbridge_malloc(len, 1)` and not be used by anyone else afterwards.
    pub unsafe fn into_vec(self) -> Vec<u8> {
        if self.len == 0 {
            return Vec::new();
        }
        let len = self.len as usize;
        Vec::from_raw_parts(self.ptr as usize as *mut u8, len, len)
    }
}

/// The one Wasm value type a Rust type travels as, in every direction (ABI.md, "Values").
pub trait Wire {
    /// `i32`, `i64`, `f32`, `f64`, or `()` for no value.
    type Abi;
}

/// An export parameter: decoded from what the host passed, valid for the duration of the call.
pub trait FromHost<'a>: Wire + Sized {
    /// Decodes the wire value.
    ///
    /// # Safety
    /// `abi` must follow ABI.md; borrowed data must outlive `'a` (the host frees it after the call).
    unsafe fn from_host(abi: <Self as Wire>::Abi) -> Self;
}

/// An export result: encoded for the host, which takes ownership of any memory.
pub trait IntoHost: Wire {
    /// Encodes the value.
    fn into_host(self) -> <Self as Wire>::Abi;
}

/// An import parameter: lent to the host for the import call.
pub trait LendToHost: Wire {
    /// Encodes a view of the value; the value must stay alive until the import returns.
    fn lend(&self) -> <Self as Wire>::Abi;
}

/// An import result: decoded from what the host returned, owned by Rust from then on.
pub trait TakeFromHost: Wire + Sized {
    /// Decodes the wire value.
    ///
    /// # Safety
    /// `abi` must follow ABI.md; memory must have been allocated by the host for Rust to own.
    unsafe fn take_from_host(abi: <Self as Wire>::Abi) -> Self;
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
            fn lend(&self) -> $t { *self }
        }
        impl TakeFromHost for $t {
            unsafe fn take_from_host(abi: $t) -> $t { abi }
        }
    )*};
}

same_on_the_wire!(i32, i64, f32, f64);

impl Wire for bool {
    type Abi = i32;
}

impl Wire for () {
    type Abi = ();
}

macro_rules! slices_on_the_wire {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            type Abi = i64;
        }
    )*};
}

slices_on_the_wire!(&[u8], &str, Vec<u8>, String);

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
    fn lend(&self) -> i32 {
        *self as i32
    }
}

impl TakeFromHost for bool {
    unsafe fn take_from_host(abi: i32) -> bool {
        abi != 0
    }
}

impl IntoHost for () {
    fn into_host(self) {}
}

impl TakeFromHost for () {
    unsafe fn take_from_host(_: ()) {}
}

impl<'a> FromHost<'a> for &'a [u8] {
    unsafe fn from_host(abi: i64) -> &'a [u8] {
        Slice::unpack(abi).as_bytes()
    }
}

impl<'a> FromHost<'a> for &'a str {
    unsafe fn from_host(abi: i64) -> &'a str {
        // The host only ever sends valid UTF-8 (ABI.md, "Slices").
        std::str::from_utf8_unchecked(Slice::unpack(abi).as_bytes())
    }
}

impl<'a> FromHost<'a> for Vec<u8> {
    unsafe fn from_host(abi: i64) -> Vec<u8> {
        Slice::unpack(abi).as_bytes().to_vec()
    }
}

impl<'a> FromHost<'a> for String {
    unsafe fn from_host(abi: i64) -> String {
        <&str as FromHost>::from_host(abi).to_owned()
    }
}

impl IntoHost for Vec<u8> {
    fn into_host(self) -> i64 {
        Slice::leak(self.into_boxed_slice()).pack()
    }
}

impl IntoHost for String {
    fn into_host(self) -> i64 {
        self.into_bytes().into_host()
    }
}

impl IntoHost for &str {
    fn into_host(self) -> i64 {
        Box::<[u8]>::from(self.as_bytes()).into_vec().into_host()
    }
}

impl LendToHost for &[u8] {
    fn lend(&self) -> i64 {
        Slice::of(self).pack()
    }
}

impl LendToHost for &str {
    fn lend(&self) -> i64 {
        Slice::of(self.as_bytes()).pack()
    }
}

impl LendToHost for Vec<u8> {
    fn lend(&self) -> i64 {
        Slice::of(self).pack()
    }
}

impl LendToHost for String {
    fn lend(&self) -> i64 {
        Slice::of(self.as_bytes()).pack()
    }
}

impl TakeFromHost for Vec<u8> {
    unsafe fn take_from_host(abi: i64) -> Vec<u8> {
        Slice::unpack(abi).into_vec()
    }
}

impl TakeFromHost for String {
    unsafe fn take_from_host(abi: i64) -> String {
        // The host only ever sends valid UTF-8 (ABI.md, "Slices").
        String::from_utf8_unchecked(Vec::<u8>::take_from_host(abi))
    }
}

#[cfg(test)]
mod tests {
    use super::Slice;

    #[test]
    fn slice_packs_len_high_and_ptr_low() {
        let s = Slice { ptr: 0x1234_5678, len: 0x9abc_def0 };
        assert_eq!(s.pack() as u64, 0x9abc_def0_1234_5678);
        assert_eq!(Slice::unpack(s.pack()), s);
    }
}
