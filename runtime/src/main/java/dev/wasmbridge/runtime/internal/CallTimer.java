package dev.wasmbridge.runtime.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Stops a runaway call: interrupts the calling thread when its deadline passes. The engine checks the
 * interrupt flag as it runs, so the call ends with an interruption the boundary reports as a timeout.
 */
final class CallTimer {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private CallTimer() {}

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "wasmbridge-call-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Starts timing a call on the current thread. */
    static Deadline start(Duration timeout) {
        return new Deadline(Thread.currentThread(), timeout);
    }

    /** One timed call. */
    static final class Deadline {
        private final ScheduledFuture<?> interrupt;
        private volatile boolean expired;

        private Deadline(Thread caller, Duration timeout) {
            this.interrupt = TIMER.schedule(
                    () -> {
                        expired = true;
                        caller.interrupt();
                    },
                    timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        }

        /** Whether the deadline passed (and the calling thread was interrupted). */
        boolean expired() {
            return expired;
        }

        /** Stops the timer; clears the interrupt if it fired after the call had already finished. */
        void cancel() {
            if (!interrupt.cancel(false)) {
                try {
                    interrupt.get(); // the interrupt is being delivered: wait so it cannot land later
                } catch (Exception ignored) {
                    // cancelled or failed: nothing was delivered
                }
                if (expired) {
                    Thread.interrupted();
                }
            }
        }
    }
}
