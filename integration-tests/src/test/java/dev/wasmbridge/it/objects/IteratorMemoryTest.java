package dev.wasmbridge.it.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.Collected;
import dev.wasmbridge.runtime.WasmIterator;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Long runs of Rust iterators, as {@code ObjectMemoryTest} does for objects: {@value #ITERATORS} per round,
 * each used for a few items, then half closed and half abandoned to the garbage collector. Every Rust
 * iterator must be dropped in the end, and a second round must reuse the memory of the first (Wasm memory
 * never shrinks, so its size is the high-water mark). Every {@value #BATCH} iterators the test waits until the
 * abandoned ones are dropped, so the high-water mark does not depend on when the collector runs.
 */
class IteratorMemoryTest {
    private static final int ITERATORS = 100_000;
    private static final int BATCH = 10_000;

    @Test
    @Timeout(300)
    void closedAndAbandonedIteratorsAreAllFreed() throws InterruptedException {
        ObjectsFixture rust = ObjectsFixtureExnrefBindings.create(new RecordingObjectsHost());
        rust.naturals().close();
        long start = rust.memoryBytes();
        long afterFirst = round(rust);
        long afterSecond = round(rust);
        System.out.printf(
                "IteratorMemoryTest: memory %,d bytes at start, %,d after %,d iterators, %,d after %,d more"
                        + " (half closed, half garbage-collected in each round; 0 left live)%n",
                start, afterFirst, ITERATORS, afterSecond, ITERATORS);
        assertTrue(
                afterSecond - afterFirst <= afterFirst / 4,
                "the second round grew memory from " + afterFirst + " to " + afterSecond + " bytes: memory is lost");
    }

    /** Creates and releases {@link #ITERATORS} iterators; returns the memory size once all are dropped. */
    private static long round(ObjectsFixture rust) throws InterruptedException {
        long checksum = 0;
        for (int i = 0; i < ITERATORS; i++) {
            WasmIterator<Long> naturals = rust.naturals();
            checksum += naturals.next() + naturals.next();
            if (i % 2 == 0) {
                naturals.close();
            } // else: abandoned, for the Cleaner
            if (i % BATCH == BATCH - 1) {
                naturals = null;
                Collected.awaitNoneLive(rust::liveIterators, "Rust iterator");
            }
        }
        assertEquals(ITERATORS, checksum, "0 + 1 from each");
        Collected.awaitNoneLive(rust::liveIterators, "Rust iterator");
        return rust.memoryBytes();
    }

    @Test
    @Timeout(300)
    void closedAndExhaustedIteratorsNeedNoMoreMemoryThanOne() {
        ObjectsFixture rust = ObjectsFixtureExnrefBindings.create(new RecordingObjectsHost());
        rust.naturals().close();
        long start = rust.memoryBytes();
        for (int i = 0; i < ITERATORS; i++) {
            try (WasmIterator<Long> naturals = rust.naturals()) {
                naturals.next();
            }
            Iterator<Integer> exhausted = rust.countUp(2);
            exhausted.next();
            exhausted.next();
            assertFalse(exhausted.hasNext()); // ends it: the Rust iterator is dropped at once
        }
        assertEquals(0, rust.liveIterators());
        assertEquals(start, rust.memoryBytes(), "closing or exhausting each iterator frees its memory at once");
    }
}
