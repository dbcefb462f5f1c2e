package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every string and byte array the host allocates in Wasm memory is freed: a million round trips leave
 * linear memory at the size a few warm-up calls reach.
 */
class MemoryStabilityTest {
    private static final int ROUND_TRIPS = Integer.getInteger("wasmbridge.roundTrips", 1_000_000);

    @Test
    void millionStringRoundTripsDoNotGrowMemory() {
        TypesFixture rust = TypesFixtureExnrefBindings.create(new RecordingHost());
        for (int i = 0; i < 1_000; i++) {
            rust.concat("warm-up " + i, "🦀");
        }
        long before = rust.memoryBytes();
        long start = System.nanoTime();
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String text = "round trip " + i;
            String back = rust.concat(text, "🦀");
            if (back.length() != text.length() + 2) {
                assertEquals(text + "🦀", back);
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        long after = rust.memoryBytes();
        System.out.printf(
                "Wasm memory before %d bytes, after %d string round trips %d bytes (%d s)%n",
                before, ROUND_TRIPS, after, seconds);
        assertEquals(before, after, "Wasm memory grew over " + ROUND_TRIPS + " string round trips");
    }

    @Test
    void bytesAndImportsDoNotGrowMemory() {
        TypesFixture rust = TypesFixtureExnrefBindings.create(new RecordingHost());
        byte[] payload = new byte[4096];
        for (int i = 0; i < 100; i++) {
            rust.callHostBytes(payload);
            rust.callHostGreeting("warm-up");
        }
        long before = rust.memoryBytes();
        for (int i = 0; i < 5_000; i++) {
            assertEquals(8192, rust.callHostBytes(payload).length);
            rust.callHostGreeting("name " + i);
            rust.bytesReversed(payload);
        }
        assertEquals(before, rust.memoryBytes(), "Wasm memory grew over byte and import round trips");
    }
}
