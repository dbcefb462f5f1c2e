package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Long runs of Rust objects: 1,000,000 created per round, half closed explicitly, half left to the garbage
 * collector. Every Rust value must be dropped in the end, and later rounds must reuse the memory of the
 * earlier ones (Wasm memory never shrinks, so its size is the high-water mark of what Rust needed). How
 * many forgotten objects wait for the collector at the peak depends on when it runs, so the first round's
 * mark can be low; lost memory shows as growth in every round, so the third is compared with the second.
 */
class ObjectMemoryTest {
    private static final int OBJECTS = 1_000_000;

    @Test
    @Timeout(300)
    void closedAndForgottenObjectsAreAllFreed() throws InterruptedException {
        RichFixture rust = RichFixtureExnrefBindings.create(new RecordingRichHost());
        rust.newCounter("warm-up", 0).close();
        long start = rust.memoryBytes();
        long afterFirst = round(rust);
        long afterSecond = round(rust);
        long afterThird = round(rust);
        System.out.printf("ObjectMemoryTest: memory %,d bytes at start, %,d, %,d and %,d after each round of %,d"
                + " objects (half closed, half garbage-collected in each round; 0 left live)%n",
                start, afterFirst, afterSecond, afterThird, OBJECTS);
        assertTrue(afterThird - afterSecond <= afterSecond / 4,
                "the third round grew memory from " + afterSecond + " to " + afterThird + " bytes: memory is lost");
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
        }
        assertEquals((long) OBJECTS * (OBJECTS + 1) / 2, checksum);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int live = rust.liveCounters();
        while (live > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            live = rust.liveCounters(); // each call first drops what the Cleaner queued
        }
        assertEquals(0, live, "every Rust value was dropped, closed or collected");
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
