//! The allocator pair the host uses to place arguments in linear memory (ABI.md, "Memory ownership").

use std::alloc::{alloc, dealloc, Layout};

/// Allocates `size` bytes aligned to `align`. Returns 0 when `size` is 0, the layout is invalid, or the
/// module is out of memory: the host turns 0 into an exception instead of aborting the instance.
#[unsafe(no_mangle)]
pub extern "C" fn wasmbridge_malloc(size: usize, align: usize) -> *mut u8 {
    match Layout::from_size_align(size, align) {
        // SAFETY: the layout has a non-zero size.
        Ok(layout) if size > 0 => unsafe { alloc(layout) },
        _ => std::ptr::null_mut(),
    }
}

/// Frees a block from [`wasmbridge_malloc`], or one handed to the host by an export result.
///
/// # Safety
/// `ptr`, `size` and `align` must describe a live block from this allocator.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn wasmbridge_free(ptr: *mut u8, size: usize, align: usize) {
    if size == 0 || ptr.is_null() {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(size, align) {
        dealloc(ptr, layout);
    }
}
