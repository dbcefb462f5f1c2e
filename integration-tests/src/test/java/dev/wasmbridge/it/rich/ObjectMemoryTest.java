package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.Collected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Long runs of Rust objects: 1,000,000 created per round, half closed explicitly, half left to the garbage
 * collector. Every Rust value must be dropped in the end, and a second round must reuse the memory of the
 * first (Wasm memory never shrinks, so its size is the high-water mark of what Rust needed). How many
 * forgotten objects wait for the collector at once depends on when it runs, so every {@value #BATCH}
 * objects the test waits until they are dropped: the high-water mark is then the same in every round
 * unless memory is lost.
 */
class ObjectMemoryTest {
    private static final int OBJECTS = 1_000_000;
    private static final int BATCH = 50_000;

    @Test
    @Timeout(300)
    void closedAndForgottenObjectsAreAllFreed() throws InterruptedException {
        RichFixture rust = RichFixtureExnrefBindings.create(new RecordingRichHost());
        rust.newCounter("warm-up", 0).close();
        long start = rust.memoryBytes();
        long afterFirst = round(rust);
        long afterSecond = round(rust);
        System.out.printf(
                "ObjectMemoryTest: memory %,d bytes at start, %,d after %,d objects, %,d after %,d more"
                        + " (half closed, half garbage-collected in each round; 0 left live)%n",
                start, afterFirst, OBJECTS, afterSecond, OBJECTS);
        assertTrue(
                afterSecond - afterFirst <= afterFirst / 4,
                "the second round grew memory from " + afterFirst + " to " + afterSecond + " bytes: memory is lost");
    }

    /** Creates and releases {@link #OBJECTS} objects; returns the memory size once all are dropped. */
    private static long round(RichFixture rust) throws InterruptedException {
        long checksum = 0;
        for (int i = 0; i < OBJECTS; i++) {
            Counter counter = rust.newCounter("object with a name of some length", i);
            checksum += counter.increment(1);
            if (i % 2 == 0) {
                counter.close();
            } // else: forgotten, for the Cleaner
            if (i % BATCH == BATCH - 1) {
                counter = null;
                Collected.awaitNoneLive(rust::liveCounters, "Counter");
            }
        }
        assertEquals((long) OBJECTS * (OBJECTS + 1) / 2, checksum);
        Collected.awaitNoneLive(rust::liveCounters, "Counter");
        return rust.memoryBytes();
    }

    @Test
    @Timeout(300)
    void closedObjectsNeedNoMoreMemoryThanOne() {
        RichFixture rust = RichFixtureExnrefBindings.create(new RecordingRichHost());
        rust.newCounter("warm-up", 0).close();
        long start = rust.memoryBytes();
        for (int i = 0; i < OBJECTS; i++) {
            try (Counter counter = rust.newCounter("object with a name of some length", i)) {
                counter.increment(1);
            }
        }
        assertEquals(0, rust.liveCounters());
        assertEquals(start, rust.memoryBytes(), "closing each object frees its memory at once");
    }
}
