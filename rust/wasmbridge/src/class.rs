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
//!
//! **Poisoning** (ABI.md, "Poisoned objects"). When the body of an export call panics (or unwinds for a
//! Java exception), the objects it held may be half-updated: such a slot is marked poisoned and reported
//! to the host with `wasmbridge.poisoned`, and every later borrow or move of it panics; only its drop is
//! still allowed. Which borrows poison is the class's [`Class::poisons`] policy: an exclusive borrow
//! always (Rust's `&mut T` is never `UnwindSafe`), a shared one when the type is not `RefUnwindSafe`
//! (interior mutability), decided at compile time by [`UnwindProbe`]; `#[unwind_safe]` on a class turns
//! both off. A panic while an argument is taken from its handle (a borrow conflict, a dead or poisoned
//! handle) poisons nothing: no user code ran. A panic while the result is converted for the host (an
//! `Err` whose `Display` panics) does poison: telling it apart would cost every call.

use crate::host;
use crate::text::Describe;
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::panic::RefUnwindSafe;

/// Which borrows of a class's values a panic poisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poisons {
    /// Exclusive borrows (`&mut T`) and shared ones (`&T`): the type has interior mutability.
    AllBorrows,
    /// Exclusive borrows only: the type is `RefUnwindSafe`, so a `&T` cannot be left half-updated.
    ExclusiveBorrows,
    /// None: the class was declared `#[unwind_safe]`, its author vouches for every method.
    Nothing,
}

/// A type declared with [`crate::class!`]: its values live in Rust and the host holds handles.
pub trait Class: Describe + Sized + 'static {
    /// Which borrows a panic poisons; [`crate::class!`] decides it with [`UnwindProbe`] (a function, not a
    /// constant, since the probe's trait methods cannot be `const`; it compiles to the constant).
    fn poisons() -> Poisons;
}

/// Decides [`Class::poisons`] for a concrete type at compile time, by auto-ref specialization: the
/// expression `(&UnwindProbe::<T>::new()).poisons()` resolves to [`SharedBorrowIsSafe`] when `T:
/// RefUnwindSafe` and to [`SharedBorrowMayPoison`] otherwise. `T` must be a concrete type (a class is).
pub struct UnwindProbe<T>(PhantomData<T>);

impl<T> UnwindProbe<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        UnwindProbe(PhantomData)
    }
}

impl<T> Default for UnwindProbe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// The probe's answer for a `RefUnwindSafe` type: exclusive borrows poison, shared ones do not.
pub trait SharedBorrowIsSafe {
    /// Which borrows poison.
    fn poisons(&self) -> Poisons {
        Poisons::ExclusiveBorrows
    }
}

impl<T: RefUnwindSafe> SharedBorrowIsSafe for UnwindProbe<T> {}

/// The probe's answer for any other type: every borrow poisons.
pub trait SharedBorrowMayPoison {
    /// Which borrows poison.
    fn poisons(&self) -> Poisons {
        Poisons::AllBorrows
    }
}

impl<T> SharedBorrowMayPoison for &UnwindProbe<T> {}

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
    /// Set when a panicking call held the value in a way its class's [`Class::poisons`] covers.
    poisoned: Cell<bool>,
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
    /// Whether a panic in the call's body poisons the slot.
    poisons: bool,
}

thread_local! {
    static HELD: RefCell<Vec<Held>> = const { RefCell::new(Vec::new()) };
    /// Set when taking an argument from its handle panicked (a conflict, a dead or poisoned handle): no
    /// user code ran, so the call poisons nothing. Only the panicking paths touch it, so a call that
    /// does not panic pays nothing for it.
    static ARGUMENT_REFUSED: Cell<bool> = const { Cell::new(false) };
}

/// The position to settle back to when the current export call ends.
pub(crate) fn held_mark() -> usize {
    HELD.with(|held| held.borrow().len())
}

/// Ends the current export call: settles what it held since `mark` (see [`settle_held`]). When the call
/// unwound (`unwound`), the objects it held are poisoned as their classes say and each newly poisoned one
/// is reported to the host (`wasmbridge.poisoned`), unless the panic came from taking an argument from its
/// handle.
pub(crate) fn end_call(mark: usize, unwound: bool) {
    let poison = unwound && !ARGUMENT_REFUSED.with(|refused| refused.replace(false));
    settle_held(mark, poison);
}

/// Panics for an argument that cannot be taken from its handle; the call then poisons nothing.
#[cold]
fn refuse(message: std::fmt::Arguments<'_>) -> ! {
    ARGUMENT_REFUSED.with(|refused| refused.set(true));
    panic!("{message}")
}

/// Ends the borrows and frees the moved-out slots recorded since `mark`, newest first. With `poison`, the
/// borrowed slots whose class poisons that kind of borrow are marked poisoned and reported to the host.
fn settle_held(mark: usize, poison: bool) {
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
            None => {
                match header.state.get() {
                    EXCLUSIVE => header.state.set(0),
                    shared => header.state.set(shared - 1),
                }
                if poison && held.poisons && !header.poisoned.get() {
                    header.poisoned.set(true);
                    host::poisoned(held.header as usize as i32);
                }
            }
        }
    }
}

fn hold(header: *const Header, free: Option<unsafe fn(*const Header)>, poisons: bool) {
    HELD.with(|held| held.borrow_mut().push(Held { header, free, poisons }));
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
            header: Header { live: Cell::new(LIVE), state: Cell::new(0), poisoned: Cell::new(false) },
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
            refuse(format_args!("null {} handle", T::NAME));
        }
        // Volatile: the host may (wrongly) pass a freed slot; read what is there now.
        if !address.is_multiple_of(std::mem::align_of::<Slot<T>>())
            || std::ptr::read_volatile((*(address as *const Header)).live.as_ptr()) != LIVE
        {
            refuse(format_args!(
                "invalid {} handle {address:#x} (already dropped, or not a {})",
                T::NAME,
                T::NAME
            ));
        }
        address as *mut Slot<T>
    }

    /// Borrows the value for the rest of the current export call.
    ///
    /// # Safety
    /// `slot` is a live slot, and `'a` ends with the current export call.
    pub unsafe fn borrow<'a>(slot: *mut Slot<T>) -> &'a T {
        let header = &(*slot).header;
        Self::check_poison(header);
        match header.state.get() {
            MOVED => Self::moved(),
            EXCLUSIVE => Self::already_borrowed(),
            shared => header.state.set(shared + 1),
        }
        hold(header, None, T::poisons() == Poisons::AllBorrows);
        (*slot).value.assume_init_ref()
    }

    /// Borrows the value exclusively for the rest of the current export call.
    ///
    /// # Safety
    /// `slot` is a live slot, and `'a` ends with the current export call.
    pub unsafe fn borrow_mut<'a>(slot: *mut Slot<T>) -> &'a mut T {
        let header = &(*slot).header;
        Self::check_poison(header);
        match header.state.get() {
            0 => header.state.set(EXCLUSIVE),
            MOVED => Self::moved(),
            _ => Self::already_borrowed(),
        }
        hold(header, None, T::poisons() != Poisons::Nothing);
        (*slot).value.assume_init_mut()
    }

    /// Moves the value out; the slot is freed when the current export call ends.
    ///
    /// # Safety
    /// `slot` is a live slot.
    pub unsafe fn take(slot: *mut Slot<T>) -> T {
        let header = &(*slot).header;
        Self::check_poison(header);
        match header.state.get() {
            0 => header.state.set(MOVED),
            MOVED => Self::moved(),
            _ => refuse(format_args!(
                "{} is borrowed and cannot be moved (a re-entrant call from Java?)",
                T::NAME
            )),
        }
        hold(header, Some(free_moved::<T>), false);
        (*slot).value.assume_init_read()
    }

    /// Drops the value and frees the slot; allowed for a poisoned slot too (its destructor runs).
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

    /// Refuses a poisoned slot. The host refuses it before calling (`PoisonedObjectException`); this is
    /// the Rust side's own guard.
    fn check_poison(header: &Header) {
        if header.poisoned.get() {
            refuse(format_args!(
                "{} is poisoned: a call that held it panicked, so it may be half-updated; it can only be dropped",
                T::NAME
            ))
        }
    }

    fn already_borrowed() -> ! {
        refuse(format_args!("{} is already borrowed (a re-entrant call from Java?)", T::NAME))
    }

    fn moved() -> ! {
        refuse(format_args!("{} was moved into Rust earlier in this call and cannot be used again", T::NAME))
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
    use super::{end_call, held_mark, Class, Poisons, Slot, UnwindProbe};
    use crate::host;
    use crate::text::{Describe, TypeName};
    use std::cell::{Cell, RefCell};
    use std::panic::{catch_unwind, AssertUnwindSafe};

    thread_local! {
        static DROPS: Cell<u32> = const { Cell::new(0) };
    }

    struct Counter(i64);
    impl Describe for Counter {
        const NAME: TypeName = TypeName::of("Counter");
    }
    impl Class for Counter {
        // The borrow is the specialization (see UnwindProbe), not a needless one.
        #[allow(clippy::needless_borrow)]
        fn poisons() -> Poisons {
            #[allow(unused_imports)]
            use super::{SharedBorrowIsSafe, SharedBorrowMayPoison};
            (&UnwindProbe::<Counter>::new()).poisons()
        }
    }
    impl Drop for Counter {
        fn drop(&mut self) {
            DROPS.with(|d| d.set(d.get() + 1));
        }
    }

    fn drops() -> u32 {
        DROPS.with(|d| d.get())
    }

    /// A class with interior mutability.
    struct Memo(RefCell<Vec<i32>>);
    impl Describe for Memo {
        const NAME: TypeName = TypeName::of("Memo");
    }
    impl Class for Memo {
        // The borrow is the specialization (see UnwindProbe), not a needless one.
        #[allow(clippy::needless_borrow)]
        fn poisons() -> Poisons {
            #[allow(unused_imports)]
            use super::{SharedBorrowIsSafe, SharedBorrowMayPoison};
            (&UnwindProbe::<Memo>::new()).poisons()
        }
    }

    /// Runs `body` as an export call would: settles what it held, whether it panicked or not.
    fn call<R>(body: impl FnOnce() -> R) -> Result<R, String> {
        let mark = held_mark();
        let result = catch_unwind(AssertUnwindSafe(body));
        end_call(mark, result.is_err());
        result.map_err(|p| {
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        })
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

    #[test]
    fn the_probe_tells_interior_mutability_apart() {
        assert_eq!(Counter::poisons(), Poisons::ExclusiveBorrows);
        assert_eq!(Memo::poisons(), Poisons::AllBorrows);
    }

    #[test]
    fn a_panic_in_the_body_poisons_an_exclusive_borrow_and_only_drop_is_allowed() {
        host::recorded(); // the record is per thread: starts empty
        let before = drops();
        let slot = Slot::new(Counter(1));
        let failed = call(|| unsafe {
            let counter = Slot::borrow_mut(slot);
            counter.0 += 1;
            panic!("half-way")
        });
        assert_eq!(failed.unwrap_err(), "half-way");
        assert_eq!(host::recorded(), [format!("poisoned: {:#x}", slot as usize as i32)]);
        for refused in [
            call(|| unsafe { Slot::borrow(slot).0 }),
            call(|| unsafe { Slot::borrow_mut(slot).0 }),
            call(|| unsafe { Slot::take(slot).0 }),
        ] {
            assert_eq!(
                refused.unwrap_err(),
                "Counter is poisoned: a call that held it panicked, so it may be half-updated; it can only be dropped"
            );
        }
        assert!(host::recorded().is_empty(), "refusing is not poisoning again");
        assert_eq!(call(|| unsafe { Slot::drop_slot(slot) }), Ok(()));
        assert_eq!(drops(), before + 1, "the destructor ran");
    }

    #[test]
    fn shared_borrows_poison_only_types_with_interior_mutability() {
        host::recorded(); // the record is per thread: starts empty
        let counter = Slot::new(Counter(1));
        let memo = Slot::new(Memo(RefCell::new(Vec::new())));
        let failed = call(|| unsafe {
            let (counter, memo) = (Slot::borrow(counter), Slot::borrow(memo));
            memo.0.borrow_mut().push(counter.0 as i32);
            panic!("while caching")
        });
        assert_eq!(failed.unwrap_err(), "while caching");
        assert_eq!(host::recorded(), [format!("poisoned: {:#x}", memo as usize as i32)]);
        assert_eq!(call(|| unsafe { Slot::borrow(counter).0 }), Ok(1), "a plain &self read does not poison");
        assert!(call(|| unsafe { Slot::borrow(memo).0.borrow().len() }).is_err());
        unsafe {
            Slot::drop_slot(counter);
            Slot::drop_slot(memo);
        }
    }

    #[test]
    fn a_panic_while_taking_the_arguments_poisons_nothing() {
        host::recorded(); // the record is per thread: starts empty
        let slot = Slot::new(Counter(1));
        // `counter.add_from(counter)`: the second borrow conflicts before any user code ran.
        let conflict = call(|| unsafe {
            Slot::borrow_mut(slot);
            Slot::borrow(slot);
        });
        assert_eq!(conflict.unwrap_err(), "Counter is already borrowed (a re-entrant call from Java?)");
        assert!(host::recorded().is_empty());
        assert_eq!(call(|| unsafe { Slot::borrow_mut(slot).0 }), Ok(1));
        unsafe { Slot::drop_slot(slot) };
    }
}
