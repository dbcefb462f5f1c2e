package dev.wasmbridge.it.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.WasmAbortException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Async Rust on the abort build ({@code panic=abort}): a panic in a task aborts the instance, and the abort fails
 * every future pending on it; Java futures Rust awaits work as on the other builds.
 */
class AsyncAbortBuildTest {
    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS))
                .getCause();
    }

    @Test
    void aPanickingTaskAbortsTheInstanceAndFailsThePendingFutures() throws Exception {
        try (LaterHost host = new LaterHost()) {
            host.hold = true;
            AsyncFixture rust = AsyncFixtureAbortBindings.create(host);
            assertEquals(
                    "err:java.io.IOException:disk gone",
                    rust.fetchReport("fail").get(30, TimeUnit.SECONDS));
            List<CompletableFuture<?>> pending = List.of(rust.forever(1), rust.compute(4, 1));
            WasmAbortException abort = assertThrows(WasmAbortException.class, () -> rust.compute(2, 5));
            assertEquals(AbortReason.PANIC, abort.reason());
            assertTrue(abort.getMessage().contains("compute panicked on 5"), abort.getMessage());
            for (CompletableFuture<?> future : pending) {
                assertSame(abort, failure(future));
            }
            rust.resetState();
            assertEquals(16L, rust.compute(0, 5).get(30, TimeUnit.SECONDS));
            assertInstanceOf(OddInputException.class, failure(rust.compute(1, 5)));
        }
    }
}
