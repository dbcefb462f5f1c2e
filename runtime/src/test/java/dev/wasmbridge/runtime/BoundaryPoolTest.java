package dev.wasmbridge.runtime;

import static dev.wasmbridge.runtime.BoundaryFixture.THING_GET;
import static dev.wasmbridge.runtime.BoundaryFixture.VIA_IMPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pool's bookkeeping (its free instances and which instances each thread is inside) stays right however a
 * pooled instance is entered: through the pool, directly, nested in another.
 */
class BoundaryPoolTest {
    private BoundaryFixture fixture;
    private BoundaryPool pool;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        fixture = new BoundaryFixture();
        pool = BoundaryPool.create(2, fixture::create);
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
    }

    /** The instance a plain call through the pool lands on. */
    private CallBoundary someInstance() {
        CallBoundary call = pool.enter();
        call.exit();
        return call;
    }

    @Test
    void directlyEnteringAPooledInstanceKeepsTheFreeListRight() {
        CallBoundary instance = someInstance();
        for (int i = 0; i < 5; i++) {
            CallBoundary call = instance.enter();
            try {
                assertEquals(1, pool.freeInstances());
                CallBoundary nested = pool.enter();
                try {
                    assertSame(instance, nested, "a nested call stays on the instance in progress");
                } finally {
                    nested.exit();
                }
            } finally {
                call.exit();
            }
            assertEquals(2, pool.freeInstances());
        }
    }

    @Test
    void theFactoryMustMakeNewInstances() {
        CallBoundary one = fixture.create();
        assertThrows(IllegalArgumentException.class, () -> BoundaryPool.create(2, () -> one));
        CallBoundary pooled = someInstance();
        assertThrows(IllegalArgumentException.class, () -> BoundaryPool.create(1, () -> pooled));
    }
}
