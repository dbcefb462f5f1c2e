package dev.wasmbridge.runtime;

import java.util.Iterator;

/**
 * A Rust iterator seen from Java: the result of a Rust export or class method that returns {@code
 * wasmbridge::Iter<T>} (docs/ABI.md, "Iterators"), declared in Java as {@code Iterator<T>}, {@code
 * Stream<T>} or this type, which adds {@link #close()}.
 *
 * <p>It is lazy: {@link #hasNext()} and {@link #next()} call Rust for more items when the ones already
 * fetched are used up (one per call, or a batch when the Rust code allows it). The Rust iterator is
 * dropped as soon as it is exhausted, when the iterator is closed, or after the garbage collector finds an
 * abandoned one, at the start of the next call on its instance. Items that are Rust objects are objects
 * Java owns, like any other {@code WasmObject} result.
 *
 * <p>It refuses use once closed ({@link ClosedObjectException}), after its instance was reset ({@link
 * StaleHandleException}), or after a Rust panic in the iterator ({@link RustPanicException} from the call
 * that panicked, then {@link PoisonedObjectException}). Like any {@link Iterator}, use it from one thread
 * at a time.
 *
 * @param <T> the type of the items
 */
public interface WasmIterator<T> extends Iterator<T>, WasmObject {
    /**
     * Drops the Rust iterator now, and the Rust objects among the items fetched but not yet returned by
     * {@link #next()}. Idempotent, and never throws; afterwards {@link #hasNext()} and {@link #next()}
     * throw {@link ClosedObjectException}. An iterator that is exhausted has already dropped its Rust
     * iterator.
     */
    @Override
    void close();
}
