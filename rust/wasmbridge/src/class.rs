//! Rust objects held by the host through handles (ABI.md, "Classes").
//!
//! A handle is the address of a heap [`Slot`]: a header (a liveness mark and a borrow state) followed by
//! the value. `&T` and `&mut T` parameters borrow the slot for the duration of the export call, and a `T`
//! parameter moves the value out; both are recorded in a thread-local list that [`crate::panic::export_call`]
//! settles when the call ends, normally or by a caught panic. Calls nest (a Java import called by Rust
//! may call back into the module): each call settles only what it recorded itself.
//!
//! A borrow that conflicts with one already held, or a move or drop of a borrowed object, panics instead
//! of aliasing: with Java in the middle, Rust's compile-time borrow checking cannot see such calls.

use crate::text::Describe;
use std::cell::{Cell, RefCell};
use std::mem::MaybeUninit;

/// A type declared with [`crate::class!`]: its values live in Rust and the host holds handles.
pub trait Class: Describe + Sized + 'static {}

/// The header word of a live slot.
const LIVE: u32 = 0x6a62_6f62;
/// The borrow state of a slot whose value was moved out during the current call; the slot is freed when
/// the call ends.
const MOVED: i32 = i32::MIN;
/// The borrow state of an exclusively borrowed slot. `0` is free, `n > 0` is `n` shared borrows.
const EXCLUSIVE: i32 = -1;

#[repr(C)]
struct Header {
    live: Cell<u32>,
    state: Cell<i32>,
}

/// The heap block a handle points to.
#[repr(C)]
pub struct Slot<T> {
    header: Header,
    value: MaybeUninit<T>,
}

/// Something the current export call holds, settled when it ends.
struct Held {
    header: *const Header,
    /// For a moved-out slot: frees its memory (without dropping the value, which was moved out).
    free: Option<unsafe fn(*const Header)>,
}

thread_local! {
    static HELD: RefCell<Vec<Held>> = const { RefCell::new(Vec::new()) };
}

/// The position to settle back to when the current export call ends.
pub(crate) fn held_mark() -> usize {
    HELD.with(|held| held.borrow().len())
}

/// Ends the borrows and frees the moved-out slots recorded since `mark`, newest first.
pub(crate) fn settle_held(mark: usize) {
    while let Some(held) = HELD.with(|held| {
        let mut held = held.borrow_mut();
        if held.len() > mark {
            held.pop()
        } else {
            None
        }
    }) {
        // SAFETY: a slot stays allocated while it is borrowed or moved-out-and-held: nothing else frees it.
        let header = unsafe { &*held.header };
        match held.free {
            // SAFETY: `free` is the slot's own deallocator, called once.
            Some(free) => unsafe { free(held.header) },
            None => match header.state.get() {
                EXCLUSIVE => header.state.set(0),
                shared => header.state.set(shared - 1),
            },
        }
    }
}

fn hold(header: *const Header, free: Option<unsafe fn(*const Header)>) {
    HELD.with(|held| held.borrow_mut().push(Held { header, free }));
}

/// Frees a moved-out slot's memory.
///
/// # Safety
/// `header` is a slot of `Slot<T>` whose value was moved out, freed once.
unsafe fn free_moved<T>(header: *const Header) {
    // Volatile: a plain store to memory about to be freed is dead to the optimizer, and this one is what
    // lets a stale handle fail the check in `from_handle` (until the memory is reused).
    std::ptr::write_volatile((*header).live.as_ptr(), 0);
    // SAFETY: the slot came from Box<Slot<T>>; MaybeUninit does not drop the (moved-out) value.
    drop(Box::from_raw(header as *mut Slot<T>));
}

impl<T: Class> Slot<T> {
    /// Puts `value` in a new slot; the host owns it from now on.
    pub fn new(value: T) -> *mut Slot<T> {
        Box::into_raw(Box::new(Slot {
            header: Header { live: Cell::new(LIVE), state: Cell::new(0) },
            value: MaybeUninit::new(value),
        }))
    }

    /// The slot a handle points to; panics if it is not one.
    ///
    /// # Safety
    /// `handle` is 0, or points to readable memory of at least a slot's header.
    pub unsafe fn from_handle(handle: i32) -> *mut Slot<T> {
        let address = handle as u32 as usize;
        if address == 0 {
            panic!("null {} handle", T::NAME);
        }
        // Volatile: the host may (wrongly) pass a freed slot; read what is there now.
        if !address.is_multiple_of(std::mem::align_of::<Slot<T>>())
            || std::ptr::read_volatile((*(address as *const Header)).live.as_ptr()) != LIVE
        {
            panic!("invalid {} handle {address:#x} (already dropped, or not a {})", T::NAME, T::NAME);
        }
        address as *mut Slot<T>
    }

    /// Borrows the value for the rest of the current export call.
    ///
    /// # Safety
    /// `slot` is a live slot, and `'a` ends with the current export call.
    pub unsafe fn borrow<'a>(slot: *mut Slot<T>) -> &'a T {
        let header = &(*slot).header;
        match header.state.get() {
            MOVED => Self::moved(),
            EXCLUSIVE => Self::already_borrowed(),
            shared => header.state.set(shared + 1),
        }
        hold(header, None);
        (*slot).value.assume_init_ref()
    }

    /// Borrows the value exclusively for the rest of the current export call.
    ///
    /// # Safety
    /// `slot` is a live slot, and `'a` ends with the current export call.
    pub unsafe fn borrow_mut<'a>(slot: *mut Slot<T>) -> &'a mut T {
        let header = &(*slot).header;
        match header.state.get() {
            0 => header.state.set(EXCLUSIVE),
            MOVED => Self::moved(),
            _ => Self::already_borrowed(),
        }
        hold(header, None);
        (*slot).value.assume_init_mut()
    }

    /// Moves the value out; the slot is freed when the current export call ends.
    ///
    /// # Safety
    /// `slot` is a live slot.
    pub unsafe fn take(slot: *mut Slot<T>) -> T {
        let header = &(*slot).header;
        match header.state.get() {
            0 => header.state.set(MOVED),
            MOVED => Self::moved(),
            _ => panic!("{} is borrowed and cannot be moved (a re-entrant call from Java?)", T::NAME),
        }
        hold(header, Some(free_moved::<T>));
        (*slot).value.assume_init_read()
    }

    /// Drops the value and frees the slot.
    ///
    /// # Safety
    /// `slot` is a live slot.
    pub unsafe fn drop_slot(slot: *mut Slot<T>) {
        match (*slot).header.state.get() {
            0 => {}
            MOVED => Self::moved(),
            _ => panic!("{} is borrowed and cannot be dropped (a re-entrant call from Java?)", T::NAME),
        }
        let value = (*slot).value.assume_init_read();
        free_moved::<T>(&(*slot).header);
        // Last: the value's destructor may panic, and the slot is already gone.
        drop(value);
    }

    fn already_borrowed() -> ! {
        panic!("{} is already borrowed (a re-entrant call from Java?)", T::NAME)
    }

    fn moved() -> ! {
        panic!("{} was moved into Rust earlier in this call and cannot be used again", T::NAME)
    }
}

/// A new handle for `value` (an export result of a class type).
pub fn into_handle<T: Class>(value: T) -> i32 {
    Slot::new(value) as usize as i32
}

/// `&T` from a handle, for the current export call.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: `handle` is a live handle of this instance.
pub unsafe fn borrow<'a, T: Class>(handle: i32) -> &'a T {
    Slot::borrow(Slot::<T>::from_handle(handle))
}

/// `&mut T` from a handle, for the current export call.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: `handle` is a live handle of this instance.
pub unsafe fn borrow_mut<'a, T: Class>(handle: i32) -> &'a mut T {
    Slot::borrow_mut(Slot::<T>::from_handle(handle))
}

/// `T` moved out of a handle.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: `handle` is a live handle of this instance.
pub unsafe fn take<T: Class>(handle: i32) -> T {
    Slot::take(Slot::<T>::from_handle(handle))
}

/// The `T::drop` export.
///
/// # Safety
/// `handle` is a live handle of this instance.
pub unsafe fn drop_handle<T: Class>(handle: i32) {
    Slot::drop_slot(Slot::<T>::from_handle(handle))
}

/// `Option<T>` as an export result: a new handle, or 0 for `None`.
pub fn option_into_handle<T: Class>(value: Option<T>) -> i32 {
    value.map_or(0, into_handle)
}

#[cfg(test)]
mod tests {
    use super::{held_mark, settle_held, Class, Slot};
    use crate::text::{Describe, TypeName};
    use std::cell::Cell;
    use std::panic::{catch_unwind, AssertUnwindSafe};

    thread_local! {
        static DROPS: Cell<u32> = const { Cell::new(0) };
    }

    struct Counter(i64);
    impl Describe for Counter {
        const NAME: TypeName = TypeName::of("Counter");
    }
    impl Class for Counter {}
    impl Drop for Counter {
        fn drop(&mut self) {
            DROPS.with(|d| d.set(d.get() + 1));
        }
    }

    fn drops() -> u32 {
        DROPS.with(|d| d.get())
    }

    /// Runs `body` as an export call would: settles what it held, whether it panicked or not.
    fn call<R>(body: impl FnOnce() -> R) -> Result<R, String> {
        let mark = held_mark();
        let result = catch_unwind(AssertUnwindSafe(body));
        settle_held(mark);
        result.map_err(|p| p.downcast_ref::<String>().cloned().unwrap_or_default())
    }

    #[test]
    fn shared_borrows_stack_and_end_with_the_call() {
        let slot = Slot::new(Counter(1));
        let sum = call(|| unsafe { Slot::borrow(slot).0 + Slot::borrow(slot).0 });
        assert_eq!(sum, Ok(2));
        // Free again: an exclusive borrow works.
        assert_eq!(call(|| unsafe { Slot::borrow_mut(slot).0 += 1 }), Ok(()));
        unsafe { Slot::drop_slot(slot) };
    }

    #[test]
    fn conflicting_borrows_panic_and_are_released() {
        let slot = Slot::new(Counter(1));
        let conflict = call(|| unsafe {
            Slot::borrow_mut(slot);
            Slot::borrow(slot);
        });
        assert_eq!(conflict.unwrap_err(), "Counter is already borrowed (a re-entrant call from Java?)");
        let conflict = call(|| unsafe {
            Slot::borrow(slot);
            Slot::borrow_mut(slot);
        });
        assert_eq!(conflict.unwrap_err(), "Counter is already borrowed (a re-entrant call from Java?)");
        assert_eq!(call(|| unsafe { Slot::borrow_mut(slot).0 }), Ok(1));
        unsafe { Slot::drop_slot(slot) };
    }

    #[test]
    fn nested_calls_settle_only_their_own() {
        let slot = Slot::new(Counter(5));
        let outer = call(|| unsafe {
            let counter = Slot::borrow_mut(slot);
            // A Java import calls back into the module with the same object.
            let inner = call(|| Slot::borrow(slot).0);
            assert_eq!(inner.unwrap_err(), "Counter is already borrowed (a re-entrant call from Java?)");
            let drop = call(|| Slot::drop_slot(slot));
            assert_eq!(
                drop.unwrap_err(),
                "Counter is borrowed and cannot be dropped (a re-entrant call from Java?)"
            );
            let take = call(|| Slot::take(slot));
            assert_eq!(
                take.err().unwrap(),
                "Counter is borrowed and cannot be moved (a re-entrant call from Java?)"
            );
            // Still borrowed by the outer call.
            counter.0 += 1;
            counter.0
        });
        assert_eq!(outer, Ok(6));
        assert_eq!(call(|| unsafe { Slot::borrow_mut(slot).0 }), Ok(6));
        unsafe { Slot::drop_slot(slot) };
    }

    #[test]
    fn moves_free_the_slot_when_the_call_ends() {
        let before = drops();
        let slot = Slot::new(Counter(3));
        let moved = call(|| unsafe {
            let counter = Slot::take(slot);
            let again = call(|| Slot::borrow(slot).0);
            assert_eq!(
                again.unwrap_err(),
                "Counter was moved into Rust earlier in this call and cannot be used again"
            );
            counter.0
        });
        assert_eq!(moved, Ok(3));
        assert_eq!(drops(), before + 1);
    }

    #[test]
    fn drop_runs_the_destructor() {
        let before = drops();
        let slot = Slot::new(Counter(3));
        assert_eq!(call(|| unsafe { Slot::drop_slot(slot) }), Ok(()));
        assert_eq!(drops(), before + 1);
    }

    #[test]
    fn null_handles_panic() {
        let null = call(|| unsafe { Slot::<Counter>::from_handle(0) });
        assert_eq!(null.unwrap_err(), "null Counter handle");
    }
}
