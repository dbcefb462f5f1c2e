package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.AbortHandler;
import dev.wasmbridge.runtime.PanicPolicy;
import dev.wasmbridge.runtime.WasmBridgeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Several instances of one module behind one proxy, for servers that call Rust from many threads. Each
 * instance runs one call at a time; a call takes a free instance (waiting if there is none) and gives it
 * back when it ends. The boundary rules apply per instance: a panic leaves its instance live, an abort
 * terminates only its instance (and runs the abort handler for it).
 *
 * <p>Rust state is per instance: consecutive calls may land on different instances, so a pool suits
 * stateless Rust functions, or state that is fine to keep per instance (caches). A Rust object
 * ({@link RustObject}) lives in the instance that made it: its methods, and calls that take it as an
 * argument ({@link #enterOwner}), run on that instance, waiting until it is free.
 *
 * <p>A thread inside a call on one instance that enters another (a Java import using an object of another
 * instance) holds both; two threads doing that in opposite directions wait for each other forever, as with
 * any two locks.
 */
public final class BoundaryPool implements Instances {
    private final List<CallBoundary> all;

    /** The fuel budget of every instance, and what each thread's last call used (see {@link FuelAccount}). */
    private final FuelAccount fuel = new FuelAccount();

    /** Guards {@link #free}; {@link #released} is signalled whenever an instance comes back. */
    private final ReentrantLock lock = new ReentrantLock();

    private final Condition released = lock.newCondition();

    /** Free instances; the most recently used first, which keeps its memory warm in the CPU caches. */
    private final ArrayDeque<CallBoundary> free = new ArrayDeque<>();

    /** The instances the current thread is inside, innermost last. */
    private final ThreadLocal<ArrayDeque<CallBoundary>> held = new ThreadLocal<>();

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
     * @throws IllegalArgumentException if {@code size} is less than 1, or the factory returns an instance twice
     *     or one that is already in a pool
     */
    public static BoundaryPool create(int size, Supplier<CallBoundary> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one instance, got " + size);
        }
        List<CallBoundary> instances = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            CallBoundary instance = Objects.requireNonNull(factory.get(), "the factory returned null");
            if (instance.isPooled() || instances.contains(instance)) {
                throw new IllegalArgumentException("The factory of a pool must make a new instance each time, but it"
                        + " returned one that is already in a pool.");
            }
            instances.add(instance);
        }
        return new BoundaryPool(instances);
    }

    /** The number of instances. */
    public int size() {
        return all.size();
    }

    /**
     * The instance of the call in progress on this thread when there is one (a call from a Java import),
     * otherwise a free one, waiting until there is one.
     *
     * @throws WasmBridgeException if the thread is interrupted while waiting
     */
    @Override
    public CallBoundary enter() {
        ArrayDeque<CallBoundary> mine = held.get();
        if (mine != null) {
            CallBoundary innermost = mine.peekLast();
            if (innermost != null && innermost.isHeldByCurrentThread()) {
                return innermost.enter(); // a re-entrant call from a Java import: stay on the same instance
            }
        }
        return takeAny().enterTaken();
    }

    /**
     * The instance that made {@code object} when it is a {@link RustObject} of this pool (waiting until it is
     * free), otherwise {@link #enter()}.
     */
    @Override
    public CallBoundary enterOwner(Object object, String what) {
        if (object instanceof RustObject rustObject && rustObject.owner().belongsTo(this)) {
            return rustObject.owner().enter();
        }
        return enter();
    }

    private CallBoundary takeAny() {
        CallBoundary instance;
        lock.lock();
        try {
            while (free.isEmpty()) {
                awaitRelease();
            }
            instance = free.pollFirst();
        } finally {
            lock.unlock();
        }
        push(instance);
        return instance;
    }

    /** Takes {@code instance} from the free ones for the current thread, waiting until it is free. */
    void take(CallBoundary instance) {
        lock.lock();
        try {
            while (!free.remove(instance)) {
                awaitRelease();
            }
        } finally {
            lock.unlock();
        }
        push(instance);
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmBridgeException("Interrupted while waiting for a free Wasm instance of the pool.", e);
        }
    }

    /** Called by an instance when its outermost call has ended. */
    void release(CallBoundary instance) {
        ArrayDeque<CallBoundary> mine = held.get();
        if (mine != null) {
            mine.removeLastOccurrence(instance);
            if (mine.isEmpty()) {
                held.remove();
            }
        }
        lock.lock();
        try {
            free.addFirst(instance);
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void push(CallBoundary instance) {
        ArrayDeque<CallBoundary> mine = held.get();
        if (mine == null) {
            mine = new ArrayDeque<>(2);
            held.set(mine);
        }
        mine.addLast(instance);
    }

    /** The number of instances no call is running on (for tests and monitoring). */
    public int freeInstances() {
        lock.lock();
        try {
            return free.size();
        } finally {
            lock.unlock();
        }
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

    /** Sets the policy of every instance. */
    @Override
    public void setPanicPolicy(PanicPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        all.forEach(instance -> instance.setPanicPolicy(policy));
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

    /** Revokes the object in every instance. */
    @Override
    public boolean revoke(Object object) {
        Objects.requireNonNull(object, "object");
        boolean held = false;
        for (CallBoundary instance : all) {
            held |= instance.revoke(object);
        }
        return held;
    }

    /** The Java objects held over every instance. */
    @Override
    public int heldObjects() {
        return all.stream().mapToInt(CallBoundary::heldObjects).sum();
    }

    @Override
    public void setCallTimeout(Duration timeout) {
        all.forEach(instance -> instance.setCallTimeout(timeout));
    }

    FuelAccount fuelAccount() {
        return fuel;
    }

    /** Sets the fuel of every later call on every instance. */
    @Override
    public void setCallFuel(long fuel) {
        all.get(0).requireMetered();
        this.fuel.setBudget(fuel);
    }

    /** What the last call of this thread left, whichever instance ran it. */
    @Override
    public long fuelLeft() {
        all.get(0).requireMetered();
        return fuel.fuelLeft();
    }

    /** What the last call of this thread used, whichever instance ran it. */
    @Override
    public long lastCallFuelUsed() {
        all.get(0).requireMetered();
        return fuel.lastCallFuelUsed();
    }
}
