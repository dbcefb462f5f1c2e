package dev.wasmbridge.it.async;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An {@link AsyncHost} whose futures complete on threads of its own: {@link #later} with {@link #expectedLater}
 * (a failure for keys divisible by 7), {@link #fetch} at once ({@code "fail"}: an {@code IOException}) or later
 * ({@code "slow:..."}). {@link #later} throws for a negative key. With {@link #hold}, {@link #later} returns futures nobody completes;
 * with {@link #releaseHeldOnLater}, it completes them. Remembers every
 * future weakly, to check that nothing keeps them.
 */
final class LaterHost implements AsyncHost, AutoCloseable {
    private final ExecutorService completer = Executors.newFixedThreadPool(3);
    final ConcurrentLinkedQueue<WeakReference<CompletableFuture<?>>> made = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<CompletableFuture<Long>> held = new ConcurrentLinkedQueue<>();
    volatile boolean hold;

    /** With it, {@link #later} first completes every held future with {@link #RELEASED}, on the calling thread. */
    volatile boolean releaseHeldOnLater;

    /** What {@link #releaseHeldOnLater} completes the held futures with. */
    static final long RELEASED = 100;

    /**
     * When set, the futures completed on the host's threads wait for it to open first: a test that opens it
     * once it made all its calls has every such future pending at once, whatever the threads' timing.
     */
    volatile CountDownLatch gate;

    /** Runs {@code completion} on one of the host's threads, after {@link #gate} opens. */
    private void later(Runnable completion) {
        CountDownLatch waitFor = gate;
        completer.execute(() -> {
            if (waitFor != null) {
                try {
                    waitFor.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            completion.run();
        });
    }

    /** What {@code later(key)} completes with: {@code key * 2}, or null for a failure. */
    static Long expectedLater(long key) {
        return key % 7 == 0 ? null : key * 2;
    }

    @Override
    public CompletableFuture<Long> later(long key) {
        if (key < 0) {
            throw new UnsupportedOperationException("negative key " + key);
        }
        if (releaseHeldOnLater) {
            for (CompletableFuture<Long> waiting; (waiting = held.poll()) != null; ) {
                waiting.complete(RELEASED);
            }
        }
        CompletableFuture<Long> future = new CompletableFuture<>();
        made.add(new WeakReference<>(future));
        if (hold) {
            held.add(future);
            return future;
        }
        later(() -> {
            Long value = expectedLater(key);
            if (value == null) {
                future.completeExceptionally(new IllegalStateException("no " + key));
            } else {
                future.complete(value);
            }
        });
        return future;
    }

    @Override
    public CompletableFuture<String> fetch(String key) {
        CompletableFuture<String> future = new CompletableFuture<>();
        made.add(new WeakReference<>(future));
        if (key.equals("fail")) {
            future.completeExceptionally(new IOException("disk gone"));
        } else if (key.startsWith("slow:")) {
            later(() -> future.complete(key.substring(5)));
        } else if (key.equals("slow-fail")) {
            later(() -> future.completeExceptionally(new IllegalArgumentException("late")));
        } else {
            future.complete(key.toUpperCase(Locale.ROOT));
        }
        return future;
    }

    /** The futures not collected yet. */
    List<CompletableFuture<?>> alive() {
        return made.stream().map(WeakReference::get).filter(f -> f != null).toList();
    }

    @Override
    public void close() {
        completer.shutdownNow();
    }
}
