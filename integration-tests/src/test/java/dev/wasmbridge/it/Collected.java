package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.function.IntSupplier;

/** Waits for the garbage collector to find abandoned Rust values and for their queued drops to run. */
public final class Collected {
    private Collected() {}

    /**
     * Runs the collector until {@code live} reports 0, for up to 60 seconds, then asserts it did.
     *
     * @param live a call into the instance that counts the Rust values still alive; each call first runs
     *     the drops the Cleaner queued since the last one
     * @param what what is counted, for the failure message, e.g. {@code "Rust iterator"}
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitNoneLive(IntSupplier live, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int count = live.getAsInt();
        while (count > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
            count = live.getAsInt();
        }
        assertEquals(0, count, "every " + what + " was dropped: closed, exhausted or collected");
    }
}
