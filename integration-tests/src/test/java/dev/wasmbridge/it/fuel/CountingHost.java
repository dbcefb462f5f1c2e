package dev.wasmbridge.it.fuel;

import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;
import java.util.concurrent.CountDownLatch;

/** The panic fixture's imports: {@code hostReenter} calls back into Rust; {@code hostTransform} may wait. */
class CountingHost implements PanicHost {
    PanicFixture rust;
    /** When set, {@code hostTransform} signals {@link #entered} and waits for it to be counted down. */
    CountDownLatch release;

    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public int hostTransform(int value) {
        if (release != null) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return value * 2;
    }

    @Override
    public String hostGreeting(String name) {
        return "hello " + name;
    }

    @Override
    public int hostReenter(int a, int b) {
        return rust.divide(a, b);
    }
}
