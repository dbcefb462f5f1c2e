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
//!
//! **Views.** A value Rust lends to the host for one import or callback call (a `&T` or `&mut T`
//! parameter) gets a [`View`]: a slot of its own that points to the value, freed when the call returns.
//! Borrowing through a view follows the same rules (a `&T` view cannot be borrowed exclusively); moving or
//! dropping through one panics.

use crate::host;
use crate::text::Describe;
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::panic::RefUnwindSafe;
use std::ptr::NonNull;

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
/// The header word of a live view (see [`View`]).
const LENT: u32 = 0x6a62_6c74;
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
    // lets a stale handle fail the check in `Place::of_handle` (until the memory is reused).
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
}

/// The operations on a slot by pointer, for tests on the host, where handles (32 bits) cannot hold a
/// pointer.
#[cfg(test)]
impl<T: Class> Slot<T> {
    /// Borrows the value of a slot for the rest of the current export call.
    ///
    /// # Safety
    /// `slot` is a live slot, and `'a` ends with the current export call.
    pub unsafe fn borrow<'a>(slot: *mut Slot<T>) -> &'a T {
        Place::owned(slot).borrow()
    }

    /// Borrows the value of a slot exclusively for the rest of the current export call.
    ///
    /// # Safety
    /// `slot` is a live slot, and `'a` ends with the current export call.
    pub unsafe fn borrow_mut<'a>(slot: *mut Slot<T>) -> &'a mut T {
        Place::owned(slot).borrow_mut()
    }

    /// Moves the value out of a slot; the slot is freed when the current export call ends.
    ///
    /// # Safety
    /// `slot` is a live slot.
    pub unsafe fn take(slot: *mut Slot<T>) -> T {
        Place::owned(slot).take()
    }

    /// Drops the value of a slot and frees it; allowed for a poisoned slot too (its destructor runs).
    ///
    /// # Safety
    /// `slot` is a live slot.
    pub unsafe fn drop_slot(slot: *mut Slot<T>) {
        Place::owned(slot).drop_value()
    }
}

/// A view: the slot of a value that Rust lends to the host for one import or callback call (`&T` or
/// `&mut T`), pointing to the value wherever it is (ABI.md, "Classes"). Its handle is as good as an owned
/// slot's for borrowing during that call, but the value cannot be moved or dropped through it, and a
/// view of a `&T` cannot be borrowed exclusively.
#[repr(C)]
struct ViewSlot<T> {
    header: Header,
    value: *mut T,
    /// Whether Rust lent the value as `&mut T`.
    exclusive: bool,
}

/// Where the value of a handle is: in the handle's own slot, or (a view) elsewhere.
struct Place<T> {
    header: *const Header,
    value: *mut T,
    /// `None` for an owned slot; for a view, whether Rust lent the value as `&mut T`.
    view: Option<bool>,
}

impl<T: Class> Place<T> {
    /// The place of an owned slot.
    ///
    /// # Safety
    /// `slot` is a live slot.
    unsafe fn owned(slot: *mut Slot<T>) -> Place<T> {
        Place { header: &(*slot).header, value: (*slot).value.as_mut_ptr(), view: None }
    }

    /// The place a handle points to; panics if it is not a live slot or view.
    ///
    /// # Safety
    /// `handle` is 0, or points to readable memory of at least a slot's header.
    unsafe fn of_handle(handle: i32) -> Place<T> {
        Self::of_address(handle as u32 as usize)
    }

    /// [`Place::of_handle`] of an address (a handle is one on wasm32; native tests have wider ones).
    ///
    /// # Safety
    /// As [`Place::of_handle`].
    unsafe fn of_address(address: usize) -> Place<T> {
        if address == 0 {
            refuse(format_args!("null {} handle", T::NAME));
        }
        // Volatile: the host may (wrongly) pass a freed slot; read what is there now.
        let mark = if address.is_multiple_of(std::mem::align_of::<Header>()) {
            std::ptr::read_volatile((*(address as *const Header)).live.as_ptr())
        } else {
            0
        };
        match mark {
            LIVE if address.is_multiple_of(std::mem::align_of::<Slot<T>>()) => {
                Place::owned(address as *mut Slot<T>)
            }
            LENT if address.is_multiple_of(std::mem::align_of::<ViewSlot<T>>()) => {
                let view = address as *mut ViewSlot<T>;
                Place { header: &(*view).header, value: (*view).value, view: Some((*view).exclusive) }
            }
            _ => refuse(format_args!(
                "invalid {} handle {address:#x} (already dropped, or not a {})",
                T::NAME,
                T::NAME
            )),
        }
    }

    /// Borrows the value for the rest of the current export call.
    ///
    /// # Safety
    /// The place is live, and `'a` ends with the current export call.
    unsafe fn borrow<'a>(&self) -> &'a T {
        let header = &*self.header;
        check_poison::<T>(header);
        match header.state.get() {
            MOVED => moved::<T>(),
            EXCLUSIVE => already_borrowed::<T>(),
            shared => header.state.set(shared + 1),
        }
        hold(header, None, T::poisons() == Poisons::AllBorrows);
        &*self.value
    }

    /// Borrows the value exclusively for the rest of the current export call.
    ///
    /// # Safety
    /// The place is live, and `'a` ends with the current export call.
    unsafe fn borrow_mut<'a>(&self) -> &'a mut T {
        let header = &*self.header;
        check_poison::<T>(header);
        if self.view == Some(false) {
            refuse(format_args!(
                "{} was lent to Java as &{} for the call in progress: it can be borrowed shared only (a method \
                 taking &self, a parameter &{})",
                T::NAME,
                T::NAME,
                T::NAME
            ));
        }
        match header.state.get() {
            0 => header.state.set(EXCLUSIVE),
            MOVED => moved::<T>(),
            _ => already_borrowed::<T>(),
        }
        hold(header, None, T::poisons() != Poisons::Nothing);
        &mut *self.value
    }

    /// Moves the value out; the slot is freed when the current export call ends.
    ///
    /// # Safety
    /// The place is live.
    unsafe fn take(&self) -> T {
        let header = &*self.header;
        check_poison::<T>(header);
        if self.view.is_some() {
            lent::<T>("moved");
        }
        match header.state.get() {
            0 => header.state.set(MOVED),
            MOVED => moved::<T>(),
            _ => refuse(format_args!(
                "{} is borrowed and cannot be moved (a re-entrant call from Java?)",
                T::NAME
            )),
        }
        hold(header, Some(free_moved::<T>), false);
        self.value.read()
    }

    /// Drops the value and frees the slot; allowed for a poisoned slot too (its destructor runs).
    ///
    /// # Safety
    /// The place is live.
    unsafe fn drop_value(&self) {
        if self.view.is_some() {
            lent::<T>("dropped");
        }
        match (*self.header).state.get() {
            0 => {}
            MOVED => moved::<T>(),
            _ => panic!("{} is borrowed and cannot be dropped (a re-entrant call from Java?)", T::NAME),
        }
        let value = self.value.read();
        free_moved::<T>(self.header);
        // Last: the value's destructor may panic, and the slot is already gone.
        drop(value);
    }
}

/// Refuses a poisoned slot. The host refuses it before calling (`PoisonedObjectException`); this is the
/// Rust side's own guard.
fn check_poison<T: Class>(header: &Header) {
    if header.poisoned.get() {
        refuse(format_args!(
            "{} is poisoned: a call that held it panicked, so it may be half-updated; it can only be dropped",
            T::NAME
        ))
    }
}

fn already_borrowed<T: Class>() -> ! {
    refuse(format_args!("{} is already borrowed (a re-entrant call from Java?)", T::NAME))
}

fn moved<T: Class>() -> ! {
    refuse(format_args!("{} was moved into Rust earlier in this call and cannot be used again", T::NAME))
}

fn lent<T: Class>(what: &str) -> ! {
    refuse(format_args!(
        "{} was lent to Java by Rust for the call in progress and cannot be {what}: Rust owns it",
        T::NAME
    ))
}

/// A value of a class that Rust lends to the host for the duration of one import or callback call: the
/// host gets the handle of a view (a `&T` lets it borrow the value shared, a `&mut T` exclusively too), and
/// the view is freed when this is dropped, after the call returned. Every host call made through the view
/// nests inside the import call, so none is in progress then.
///
/// If a host call through the view panicked while holding the value in a way its class poisons (ABI.md,
/// "Poisoned objects"), the value may be half-updated; dropping the `View` then panics (unless Rust is
/// already unwinding), so the Rust code that lent the value does not carry on with it, and the call that
/// holds it unwinds and poisons what it holds in turn.
pub struct View {
    header: NonNull<Header>,
    release: unsafe fn(NonNull<Header>),
}

impl View {
    /// A view of a shared borrow: the host may borrow the value shared only.
    pub fn shared<T: Class>(value: &T) -> View {
        // The count starts at 1: Rust's own shared borrow, which lasts as long as the view.
        Self::of::<T>(value as *const T as *mut T, 1, false)
    }

    /// A view of an exclusive borrow: Rust does not use the value while the host holds the view.
    pub fn exclusive<T: Class>(value: &mut T) -> View {
        Self::of::<T>(value, 0, true)
    }

    fn of<T: Class>(value: *mut T, state: i32, exclusive: bool) -> View {
        let slot = Box::into_raw(Box::new(ViewSlot {
            header: Header { live: Cell::new(LENT), state: Cell::new(state), poisoned: Cell::new(false) },
            value,
            exclusive,
        }));
        // SAFETY: Box::into_raw is never null; the header is the slot's first field (repr(C)).
        View { header: unsafe { NonNull::new_unchecked(slot as *mut Header) }, release: release_view::<T> }
    }

    /// The handle the host gets.
    pub fn handle(&self) -> i32 {
        self.header.as_ptr() as usize as i32
    }
}

impl Drop for View {
    fn drop(&mut self) {
        // SAFETY: `release` is the view's own, called once.
        unsafe { (self.release)(self.header) }
    }
}

/// Frees a view; panics afterwards if a host call through it poisoned it (see [`View`]).
///
/// # Safety
/// `header` is a live view of `ViewSlot<T>`, released once.
unsafe fn release_view<T: Class>(header: NonNull<Header>) {
    let poisoned = header.as_ref().poisoned.get();
    // Volatile, as in `free_moved`: a stale handle then fails the check in `Place::of_handle`.
    std::ptr::write_volatile(header.as_ref().live.as_ptr(), 0);
    drop(Box::from_raw(header.as_ptr() as *mut ViewSlot<T>));
    if poisoned && !std::thread::panicking() {
        panic!(
            "{} that Rust lent to Java was poisoned by a panic in a call made through it: it may be \
             half-updated, so the Rust code that lent it stops here",
            T::NAME
        );
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
    Place::<T>::of_handle(handle).borrow()
}

/// `&mut T` from a handle, for the current export call.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: `handle` is a live handle of this instance.
pub unsafe fn borrow_mut<'a, T: Class>(handle: i32) -> &'a mut T {
    Place::<T>::of_handle(handle).borrow_mut()
}

/// `T` moved out of a handle.
///
/// # Safety
/// As [`crate::abi::FromHost::from_host`]: `handle` is a live handle of this instance.
pub unsafe fn take<T: Class>(handle: i32) -> T {
    Place::<T>::of_handle(handle).take()
}

/// The `T::drop` export.
///
/// # Safety
/// `handle` is a live handle of this instance.
pub unsafe fn drop_handle<T: Class>(handle: i32) {
    Place::<T>::of_handle(handle).drop_value()
}

/// `Option<T>` as an export result: a new handle, or 0 for `None`.
pub fn option_into_handle<T: Class>(value: Option<T>) -> i32 {
    value.map_or(0, into_handle)
}

#[cfg(test)]
mod tests {
    use super::{end_call, held_mark, Class, Place, Poisons, Slot, UnwindProbe};
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
        let null = call(|| unsafe { super::borrow::<Counter>(0).0 });
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

    #[test]
    fn a_shared_view_lends_the_value_for_shared_borrows_only() {
        let counter = Counter(7);
        let view = super::View::shared(&counter);
        let handle = view.header.as_ptr() as usize;
        assert_eq!(
            call(|| unsafe {
                Place::<Counter>::of_address(handle).borrow().0
                    + Place::<Counter>::of_address(handle).borrow().0
            }),
            Ok(14)
        );
        assert_eq!(
            call(|| unsafe { Place::<Counter>::of_address(handle).borrow_mut().0 }).unwrap_err(),
            "Counter was lent to Java as &Counter for the call in progress: it can be borrowed shared only (a \
             method taking &self, a parameter &Counter)"
        );
        let lent = "Counter was lent to Java by Rust for the call in progress and cannot be";
        assert_eq!(
            call(|| unsafe { Place::<Counter>::of_address(handle).take().0 }).unwrap_err(),
            format!("{lent} moved: Rust owns it")
        );
        assert_eq!(
            call(|| unsafe { Place::<Counter>::of_address(handle).drop_value() }).unwrap_err(),
            format!("{lent} dropped: Rust owns it")
        );
        drop(view);
        assert_eq!(counter.0, 7);
    }

    #[test]
    fn an_exclusive_view_lets_the_host_change_the_value() {
        let before = drops();
        let mut counter = Counter(1);
        {
            let view = super::View::exclusive(&mut counter);
            let handle = view.header.as_ptr() as usize;
            assert_eq!(call(|| unsafe { Place::<Counter>::of_address(handle).borrow_mut().0 += 10 }), Ok(()));
            assert_eq!(
                call(|| unsafe {
                    Place::<Counter>::of_address(handle).borrow_mut();
                    Place::<Counter>::of_address(handle).borrow().0
                })
                .unwrap_err(),
                "Counter is already borrowed (a re-entrant call from Java?)"
            );
        }
        assert_eq!(counter.0, 11);
        assert_eq!(drops(), before, "releasing a view drops nothing");
    }

    #[test]
    fn a_view_poisoned_by_a_host_call_panics_when_released() {
        host::recorded(); // the record is per thread: starts empty
        let mut counter = Counter(1);
        let released = call(|| {
            let view = super::View::exclusive(&mut counter);
            let handle = view.header.as_ptr() as usize;
            let failed = call(|| unsafe {
                Place::<Counter>::of_address(handle).borrow_mut().0 += 1;
                panic!("half-way")
            });
            assert_eq!(failed.unwrap_err(), "half-way");
            assert_eq!(host::recorded(), [format!("poisoned: {:#x}", view.handle())]);
            drop(view);
        });
        assert_eq!(
            released.unwrap_err(),
            "Counter that Rust lent to Java was poisoned by a panic in a call made through it: it may be \
             half-updated, so the Rust code that lent it stops here"
        );
        assert_eq!(counter.0, 2);
        // Released while unwinding: no second panic.
        let unwinding = call(|| {
            let _view = super::View::exclusive(&mut counter);
            let _ = call(|| unsafe {
                Place::<Counter>::of_address(_view.header.as_ptr() as usize).borrow_mut().0 += 1;
                panic!("again")
            });
            panic!("the import threw")
        });
        assert_eq!(unwinding.unwrap_err(), "the import threw");
        host::recorded();
    }
}
