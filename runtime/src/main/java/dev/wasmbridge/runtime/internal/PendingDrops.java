package dev.wasmbridge.runtime.internal;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The drops of Rust objects ({@link RustObject}) that were garbage collected without being closed, waiting
 * for the next outermost call on their instance, which runs them on the calling thread. Any thread (the
 * {@link java.lang.ref.Cleaner}'s) may add one.
 */
final class PendingDrops {
    /** A drop waiting for the next call: the object's generation, its class's drop export, its handle. */
    record Drop(int generation, int dropExport, int pointer) {}

    private final ConcurrentLinkedQueue<Drop> queue = new ConcurrentLinkedQueue<>();

    void add(int generation, int dropExport, int pointer) {
        queue.add(new Drop(generation, dropExport, pointer));
    }

    /** {@return whether no drop is waiting} */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** {@return the number of drops waiting} */
    int size() {
        return queue.size();
    }

    /** {@return the oldest drop waiting, removed, or null} */
    Drop poll() {
        return queue.poll();
    }

    /** Forgets the drops of other generations than {@code current}: their memory went with their instance. */
    void keepOnly(int current) {
        queue.removeIf(drop -> drop.generation() != current);
    }
}
