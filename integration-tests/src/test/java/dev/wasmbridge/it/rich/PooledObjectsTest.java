package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rust objects made through a pool: every call on an object runs on the instance that holds it. */
class PooledObjectsTest {
    @Test
    @Timeout(120)
    void objectsStayOnTheirInstanceWhileThreadsShareThePool() throws Exception {
        RichFixture pool = RichFixtureExnrefBindings.pool(2, new RecordingRichHost());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    List<Counter> counters = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        counters.add(pool.newCounter("t" + thread + "-" + i, i));
                    }
                    long total = 0;
                    for (int round = 0; round < 5; round++) {
                        for (Counter counter : counters) {
                            total += counter.increment(1);
                        }
                    }
                    for (int i = 0; i < counters.size(); i++) {
                        assertEquals("t" + thread + "-" + i, counters.get(i).name());
                        assertEquals(i + 5, counters.get(i).get());
                        counters.get(i).close();
                    }
                    return total;
                }));
            }
            long expected = 0;
            for (int i = 0; i < 200; i++) {
                for (int round = 1; round <= 5; round++) {
                    expected += i + round;
                }
            }
            for (Future<Long> result : results) {
                assertEquals(expected, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
