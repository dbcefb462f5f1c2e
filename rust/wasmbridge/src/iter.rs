//! Iterators (ABI.md, "Iterators"): a Rust iterator that an export or a class method returns as
//! [`Iter<T>`], which Java pulls items from lazily, as a `java.util.Iterator` or a `Stream`.
//!
//! The iterator lives in a class slot of its own type ([`Cursor`], named `Iterator` in messages), whose
//! handle is the export's result. Two exports of this crate serve every iterator of every item type, the
//! items being written in the value encoding: `wasmbridge_iter_next(handle, max)` fills the cursor's reply
//! buffer with up to `max` items and lends it to the host until the next call on the cursor, and
//! `wasmbridge_iter_drop(handle)` frees the cursor. Both run in the export boundary: a panic in the
//! iterator's `next` poisons the cursor (an exclusive borrow), which the host then refuses to use.

use crate::abi::{IntoHost, Wire};
use crate::class::{self, Class, Poisons};
use crate::panic::export_call;
use crate::slice::Slice;
use crate::text::{Describe, TypeName};
use crate::value::Encode;

/// A Rust iterator handed to Java: the result of an export or class method, which Java sees as a lazy
/// `java.util.Iterator<T>` (or `Stream<T>`, or `WasmIterator<T>`) that it closes, exhausts or leaves to the
/// garbage collector (ABI.md, "Iterators").
///
/// The items may be of any type an export can return in the value encoding (numbers, `bool`, `String`,
/// `Vec`, `Option`, records and enums), or objects of a class: each such item is a new object Java owns.
/// Java owns the iterator beyond the call that made it, so it cannot borrow from the call's arguments or
/// from `self`: collect or clone what it needs (`Iter::new(self.items.clone())`), or share it (`Rc`).
///
/// [`Iter::new`] hands Java one item per call of the host's `next` (Rust computes exactly as many items
/// as Java takes, when it takes them). [`Iter::batched`] lets Java take up to `batch` items per call,
/// computed ahead of Java's own `next`: fewer calls for iterators without side effects, at the cost of a
/// panic (or a Java import that throws) while computing a batch ending the iteration at the batch's first
/// item, the items computed before it being dropped.
///
/// `Iter<T>` is itself an `Iterator`, so Rust code (a unit test, say) can use what an export returns.
///
/// ```ignore
/// use wasmbridge::Iter;
///
/// wasmbridge::export! {
///     fn words(text: String) -> Iter<String> {
///         let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
///         Iter::batched(words, 64)
///     }
///     fn countdown(from: u32) -> Iter<u32> {
///         Iter::new((0..=from).rev())
///     }
/// }
/// ```
///
/// ```java
/// @WasmExport Stream<String> words(String text);
/// @WasmExport Iterator<@Unsigned Integer> countdown(@Unsigned int from);
/// ```
pub struct Iter<T> {
    items: Box<dyn Iterator<Item = T>>,
    batch: usize,
}

impl<T> Iter<T> {
    /// Hands Java the items of `items` one at a time, each when Java asks for it.
    pub fn new<I>(items: I) -> Iter<T>
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: 'static,
    {
        Self::batched(items, 1)
    }

    /// Hands Java the items of `items` up to `batch` at a time (at least 1): computed ahead of Java's own
    /// `next`, so for iterators without side effects; see [`Iter`].
    pub fn batched<I>(items: I, batch: usize) -> Iter<T>
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: 'static,
    {
        Iter { items: Box::new(items.into_iter()), batch: batch.max(1) }
    }
}

impl<T> Iterator for Iter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        self.items.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl<T: Describe> Describe for Iter<T> {
    const NAME: TypeName = TypeName::of("Iterator<").push_text(&T::NAME).push(">");
}

impl<T> Wire for Iter<T> {
    type Abi = i32;
}

impl<T: IterItem> IntoHost for Iter<T> {
    fn into_host(self) -> i32 {
        class::into_handle(Cursor { items: Some(Box::new(self)), reply: Vec::new() })
    }
}

/// An item of an [`Iter`]: written into the value encoding by value, so that an object of a class can
/// go to the host as a new handle. Implemented for every encodable type, and by `class!`; not for direct
/// use.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an item of a `wasmbridge::Iter`",
    label = "not an item type Java can take from a Rust iterator",
    note = "items can be: bool, i8-i64, u8-u64, f32, f64, String, Vec<T>, Option<T>, record!/enumeration! types, \
            and class! objects (each a new object Java owns); owned values only (`String`, not `&str`)"
)]
pub trait IterItem: Describe + Sized + 'static {
    /// Appends the item to the reply.
    fn encode_item(self, out: &mut Vec<u8>);
}

impl<T: Encode + Describe + 'static> IterItem for T {
    fn encode_item(self, out: &mut Vec<u8>) {
        self.encode(out);
    }
}

/// An [`Iter`] with its item type erased, so one pair of exports serves every item type.
trait Batches {
    /// Replaces `out` with the next items, up to `max` and the iterator's batch size: a `u32` count, then
    /// each item. Returns the count; 0 when the iterator has ended.
    fn next_batch(&mut self, max: usize, out: &mut Vec<u8>) -> usize;
}

impl<T: IterItem> Batches for Iter<T> {
    fn next_batch(&mut self, max: usize, out: &mut Vec<u8>) -> usize {
        let limit = max.clamp(1, self.batch);
        // Collected before any is written: a panic in `next` drops them, and no object gets a handle that
        // the host would never see.
        let mut items = Vec::with_capacity(limit.min(64));
        while items.len() < limit {
            match self.items.next() {
                Some(item) => items.push(item),
                None => break,
            }
        }
        let count = items.len();
        out.clear();
        (count as u32).encode(out);
        for item in items {
            item.encode_item(out);
        }
        count
    }
}

/// The value of an iterator's slot: the iterator (until it ends) and the reply the host reads.
struct Cursor {
    items: Option<Box<dyn Batches>>,
    reply: Vec<u8>,
}

impl Describe for Cursor {
    const NAME: TypeName = TypeName::of("Iterator");
}

impl Class for Cursor {
    fn poisons() -> Poisons {
        // `next` borrows the cursor exclusively, which always poisons; a cursor is never borrowed shared.
        Poisons::ExclusiveBorrows
    }
}

impl Cursor {
    /// The next reply: up to `max` items, or none when the iterator has ended, which drops it at once
    /// (the slot and this reply stay until the host drops the handle).
    fn fill(&mut self, max: usize) -> &[u8] {
        let count = match &mut self.items {
            Some(items) => items.next_batch(max, &mut self.reply),
            None => 0,
        };
        if count == 0 {
            self.reply.clear();
            0u32.encode(&mut self.reply);
            // Taken out first: if its destructor panics, the cursor has no iterator left to drop again.
            drop(self.items.take());
        }
        &self.reply
    }
}

/// `wasmbridge_iter_next(handle, max) -> slice` (ABI.md, "Iterators"): the next items of an iterator, lent
/// until the next call on it.
#[unsafe(no_mangle)]
pub extern "C-unwind" fn wasmbridge_iter_next(handle: i32, max: i32) -> i64 {
    export_call(move || {
        // SAFETY: the host passes a live iterator handle of this instance (ABI.md, "Iterators"); the
        // borrow ends with this call.
        let cursor = unsafe { class::borrow_mut::<Cursor>(handle) };
        Slice::of(cursor.fill(max.max(1) as usize)).pack()
    })
}

/// `wasmbridge_iter_drop(handle)` (ABI.md, "Iterators"): drops an iterator (if it has not ended) and frees
/// its slot.
#[unsafe(no_mangle)]
pub extern "C-unwind" fn wasmbridge_iter_drop(handle: i32) {
    // SAFETY: the host passes a live iterator handle of this instance (ABI.md, "Iterators").
    export_call(move || unsafe { class::drop_handle::<Cursor>(handle) })
}

#[cfg(test)]
mod tests {
    use super::{Batches, Cursor, Iter};
    use crate::text::Describe;
    use crate::value::{decode_exact, encode_to_vec};
    use std::cell::Cell;
    use std::rc::Rc;

    fn cursor<T: super::IterItem>(iter: Iter<T>) -> Cursor {
        Cursor { items: Some(Box::new(iter)), reply: Vec::new() }
    }

    #[test]
    fn iterator_names() {
        assert_eq!(Iter::<u32>::NAME.as_str(), "Iterator<u32>");
        assert_eq!(<Iter<Vec<String>> as Describe>::NAME.as_str(), "Iterator<Vec<String>>");
        assert_eq!(<Result<Iter<i64>, String> as Describe>::NAME.as_str(), "Result<Iterator<i64>, _>");
    }

    #[test]
    fn one_item_per_reply_unless_batched() {
        let mut one = cursor(Iter::new(vec![1i32, 2, 3]));
        assert_eq!(decode_exact::<Vec<i32>>(one.fill(100)), [1]);
        assert_eq!(decode_exact::<Vec<i32>>(one.fill(100)), [2]);
        let mut batched = cursor(Iter::batched(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()], 2));
        assert_eq!(decode_exact::<Vec<String>>(batched.fill(100)), ["a", "b"]);
        assert_eq!(decode_exact::<Vec<String>>(batched.fill(1)), ["c"], "the host's max counts too");
        assert_eq!(batched.fill(100), encode_to_vec(&0u32), "ended");
        assert!(batched.items.is_none(), "dropped as soon as it ended");
        assert_eq!(batched.fill(100), encode_to_vec(&0u32), "and stays ended");
    }

    #[test]
    fn items_are_computed_when_asked_for() {
        let computed = Rc::new(Cell::new(0));
        let seen = computed.clone();
        let mut lazy = cursor(Iter::new((0..).map(move |i: i64| {
            seen.set(seen.get() + 1);
            i * 10
        })));
        assert_eq!(computed.get(), 0);
        assert_eq!(decode_exact::<Vec<i64>>(lazy.fill(8)), [0]);
        assert_eq!(decode_exact::<Vec<i64>>(lazy.fill(8)), [10]);
        assert_eq!(computed.get(), 2, "an endless iterator, one item per call");
    }

    #[test]
    fn a_panicking_iterator_loses_the_batch_it_was_computing() {
        let mut failing = Iter::batched((0..5).map(|i: i32| if i == 3 { panic!("at 3") } else { i }), 2);
        let mut out = Vec::new();
        assert_eq!(failing.next_batch(10, &mut out), 2);
        let panicked =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| failing.next_batch(10, &mut out)));
        assert!(panicked.is_err());
    }

    #[test]
    fn rust_code_can_iterate_what_an_export_returns() {
        let doubled: Vec<u8> = Iter::new(vec![1u8, 2]).map(|b| b * 2).collect();
        assert_eq!(doubled, [2, 4]);
    }
}
