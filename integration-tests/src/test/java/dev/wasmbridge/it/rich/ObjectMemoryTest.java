package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long run of Rust objects: 1,000,000 created, half closed explicitly, half left to the garbage collector.
 * Rust memory must stay near its starting size and every Rust value must be dropped in the end.
 */
class ObjectMemoryTest {
    private static final int OBJECTS = 1_000_000;

    @Test
    @Timeout(300)
    void closedAndForgottenObjectsAreAllFreed() throws InterruptedException {
        RichFixture rust = RichFixtureBindings.create(new RecordingRichHost());
        rust.newCounter("warm-up", 0).close();
        long before = rust.memoryBytes();
        long checksum = 0;
        for (int i = 0; i < OBJECTS; i++) {
            Counter counter = rust.newCounter("object with a name of some length", i);
            checksum += counter.increment(1);
            if (i % 2 == 0) {
                counter.close();
            } // else: forgotten, for the Cleaner
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int live = rust.liveCounters();
        while (live > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            live = rust.liveCounters(); // each call first drops what the Cleaner queued
        }
        long after = rust.memoryBytes();
        System.out.printf("ObjectMemoryTest: %,d objects, memory %,d bytes before, %,d after; %d still live%n",
                OBJECTS, before, after, live);
        assertEquals((long) OBJECTS * (OBJECTS + 1) / 2, checksum);
        assertEquals(0, live, "every Rust value was dropped, closed or collected");
        assertTrue(after - before <= 4 * 1024 * 1024, "memory grew by " + (after - before) + " bytes");
    }
}
