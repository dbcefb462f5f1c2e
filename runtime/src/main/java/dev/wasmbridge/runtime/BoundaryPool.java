package dev.wasmbridge.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Supplier;

/**
 * Several instances of one module behind one proxy, for servers that call Rust from many threads. Each
 * instance runs one call at a time; a call takes a free instance (waiting if there is none) and gives it
 * back when it ends. The boundary rules apply per instance: a panic leaves its instance live, an abort
 * terminates only its instance (and runs the abort handler for it).
 *
 * <p>Rust state is per instance: consecutive calls may land on different instances, so a pool suits
 * stateless Rust functions, or state that is fine to keep per instance (caches).
 */
public final class BoundaryPool implements Instances {
    private final List<CallBoundary> all;
    /** Free instances; the most recently used first, which keeps its memory warm in the CPU caches. */
    private final LinkedBlockingDeque<CallBoundary> free = new LinkedBlockingDeque<>();

    private final ThreadLocal<CallBoundary> current = new ThreadLocal<>();

    private BoundaryPool(List<CallBoundary> instances) {
        this.all = List.copyOf(instances);
        for (CallBoundary instance : all) {
            instance.joinPool(this);
            free.add(instance);
        }
    }

    /**
     * A pool of {@code size} instances made by {@code factory}.
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public static BoundaryPool create(int size, Supplier<CallBoundary> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one instance, got " + size);
        }
        CallBoundary[] instances = new CallBoundary[size];
        for (int i = 0; i < size; i++) {
            instances[i] = factory.get();
        }
        return new BoundaryPool(List.of(instances));
    }

    /** The number of instances. */
    public int size() {
        return all.size();
    }

    @Override
    public CallBoundary enter() {
        CallBoundary mine = current.get();
        if (mine != null && mine.isHeldByCurrentThread()) {
            return mine.enter(); // a re-entrant call from a Java import: stay on the same instance
        }
        CallBoundary instance;
        try {
            instance = free.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmBridgeException("Interrupted while waiting for a free Wasm instance of the pool.", e);
        }
        current.set(instance);
        return instance.enter();
    }

    /** Called by an instance when its outermost call has ended. */
    void release(CallBoundary instance) {
        current.remove();
        free.addFirst(instance);
    }

    /** The sum over the instances. */
    @Override
    public long memoryBytes() {
        return all.stream().mapToLong(CallBoundary::memoryBytes).sum();
    }

    @Override
    public void setOnAbort(AbortHandler handler) {
        all.forEach(instance -> instance.setOnAbort(handler));
    }

    /** Resets every instance. */
    @Override
    public void resetState() {
        all.forEach(CallBoundary::resetState);
    }

    /** The highest generation of the instances. */
    @Override
    public int generation() {
        return all.stream().mapToInt(CallBoundary::generation).max().orElseThrow();
    }

    /** Whether any instance is terminated. */
    @Override
    public boolean isTerminated() {
        return all.stream().anyMatch(CallBoundary::isTerminated);
    }

    @Override
    public void setCallTimeout(Duration timeout) {
        all.forEach(instance -> instance.setCallTimeout(timeout));
    }
}
