package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmIterator;
import dev.wasmbridge.runtime.WasmObject;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A Rust iterator seen from Java (docs/ABI.md, "Iterators"): what generated code returns for a Rust result
 * {@code wasmbridge::Iter<T>}, as an {@code Iterator}, a {@link WasmIterator} or (through {@link #stream()})
 * a {@code Stream}.
 *
 * <p>The Rust iterator lives in a slot like any Rust object, and {@link Handle} (a {@link RustObject}) holds
 * it: closed, moved, stale, poisoned and collected like one. {@link #hasNext()} calls {@value Abi#ITER_NEXT}
 * for up to {@value #BATCH} items when the ones fetched are used up; Rust hands over one per call unless its
 * iterator is batched ({@code Iter::batched}). An empty reply means the iterator has ended: the Rust
 * iterator is dropped at once, and {@code hasNext()} answers {@code false} from then on.
 *
 * <pre>{@code
 * long result$ = call$.call(EXPORT_WORDS, text$);
 * return RustIterator.of(call$, (int) result$, EXPORT_WASMBRIDGE_ITER_NEXT, EXPORT_WASMBRIDGE_ITER_DROP,
 *         "Api.words", CODEC_0::read);
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class RustIterator<T> implements WasmIterator<T> {
    /** The most items one call asks Rust for. */
    static final int BATCH = 128;

    private final Handle handle;
    private final int nextExport;
    private final Function<ValueReader, ? extends T> items;
    /** What {@code hasNext()} and {@code next()} are, for messages. */
    private final String use;

    /** Items fetched from Rust and not yet returned by {@link #next()}. */
    private final ArrayDeque<T> fetched = new ArrayDeque<>();

    /** Whether Rust said the iterator has ended (its handle is then closed). */
    private boolean exhausted;

    private RustIterator(Handle handle, int nextExport, Function<ValueReader, ? extends T> items, String exportName) {
        this.handle = handle;
        this.nextExport = nextExport;
        this.items = items;
        this.use = "the next item of the iterator " + exportName + " returned";
    }

    /**
     * Takes ownership of the handle of a Rust iterator that a call on {@code owner} returned.
     *
     * @param owner the instance the call ran on
     * @param pointer the handle Rust returned
     * @param nextExport the index of {@value Abi#ITER_NEXT} in the export list of {@code owner}
     * @param dropExport the index of {@value Abi#ITER_DROP} in it
     * @param exportName the method that returned it, for messages: {@code "Api.words"}
     * @param items reads one item in the value encoding (for a Rust object, wraps its handle)
     * @param <T> the type of the items
     * @return the iterator
     */
    public static <T> RustIterator<T> of(
            CallBoundary owner,
            int pointer,
            int nextExport,
            int dropExport,
            String exportName,
            Function<ValueReader, ? extends T> items) {
        Objects.requireNonNull(items, "items");
        return new RustIterator<>(new Handle(owner, pointer, dropExport), nextExport, items, exportName);
    }

    /**
     * {@return the iterator as a sequential, ordered {@code Stream}} Closing the stream closes the iterator.
     */
    public Stream<T> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /**
     * Whether there is another item, fetching more from Rust when the ones fetched are used up.
     *
     * @throws ClosedObjectException if the iterator was closed
     * @throws StaleHandleException if its instance was reset since
     * @throws PoisonedObjectException if an earlier call of the Rust iterator panicked
     * @throws RustPanicException if the Rust iterator panics now (it is poisoned afterwards)
     */
    @Override
    public boolean hasNext() {
        if (!fetched.isEmpty()) {
            handle.checkOpen(use);
            return true;
        }
        if (exhausted) {
            return false;
        }
        fetch();
        return !fetched.isEmpty();
    }

    /**
     * The next item, fetching more from Rust when the ones fetched are used up.
     *
     * @throws NoSuchElementException if the iterator has ended
     * @throws ClosedObjectException if the iterator was closed
     * @throws StaleHandleException if its instance was reset since
     * @throws PoisonedObjectException if an earlier call of the Rust iterator panicked
     * @throws RustPanicException if the Rust iterator panics now (it is poisoned afterwards)
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the Rust iterator has no more items");
        }
        return fetched.poll();
    }

    /** Drops the Rust iterator (unless it has ended) and the Rust objects fetched but not returned yet. */
    @Override
    public void close() {
        handle.close();
        T item;
        while ((item = fetched.poll()) != null) {
            if (item instanceof WasmObject object) {
                object.close();
            }
        }
    }

    /** The iterator's handle and state, e.g. {@code "Iterator@1048 (live)"}. */
    @Override
    public String toString() {
        return exhausted ? handle.describe() + " (exhausted)" : handle.toString();
    }

    /** Asks Rust for more items; when there are none, the iterator has ended and its handle is closed. */
    private void fetch() {
        int count;
        CallBoundary call = handle.enter(use);
        try {
            long reply = call.call(nextExport, handle.pointer(), BATCH);
            // lent by Rust until the next call on this iterator: read now
            ValueReader in = new ValueReader(call.read(SliceType.BYTES, reply));
            count = in.readCount();
            for (int i = 0; i < count; i++) {
                fetched.add(items.apply(in));
            }
            in.finish();
        } finally {
            call.exit();
        }
        if (count == 0) {
            exhausted = true;
            handle.close(); // Rust has dropped the iterator already; this frees its slot
        }
    }

    /** The Rust side of the iterator: a slot of the support crate's own class, dropped by {@value Abi#ITER_DROP}. */
    private static final class Handle extends RustObject {
        Handle(CallBoundary owner, int pointer, int dropExport) {
            super(owner, pointer, dropExport, "Iterator");
        }
    }
}
