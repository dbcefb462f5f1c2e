package dev.wasmbridge.it.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmbridge.runtime.WasmIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lists of objects and iterators made through a pool: a list runs on the instance of its objects, and an
 * iterator's calls on the instance that made it, while threads share the pool.
 */
class PooledObjectsAndIteratorsTest {
    @Test
    @Timeout(120)
    void listsAndIteratorsStayOnTheirInstance() throws Exception {
        ObjectsFixture pool = ObjectsFixtureExnrefBindings.pool(2, new RecordingObjectsHost());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    long total = 0;
                    for (int round = 0; round < 50; round++) {
                        List<Token> tokens = pool.tokens(5, "p");
                        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, pool.ids(tokens));
                        try (WasmIterator<Integer> numbers = pool.countBatched(20, 3)) {
                            while (numbers.hasNext()) {
                                total += numbers.next();
                            }
                        }
                        total += pool.sumIds(tokens);
                    }
                    return total;
                }));
            }
            for (Future<Long> result : results) {
                assertEquals(50L * (190 + 10), result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
