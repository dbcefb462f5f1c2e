package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.WasmBindings;

/**
 * The fuel of one proxy's calls (docs/GUIDE.md, "Running untrusted modules"): the budget every outermost call
 * starts with, and what the last call of each thread left and used. A {@link CallBoundary} has one of its own;
 * the instances of a {@link BoundaryPool} share the pool's, so {@link WasmBindings#setCallFuel} applies to
 * every instance and a thread reads its own last call whichever instance ran it.
 */
final class FuelAccount {
    /** The budget of every call; 0 for no bound. */
    private volatile long budget;

    /** This thread's last call: what it started with, what it left; null before its first call. */
    private final ThreadLocal<long[]> last = new ThreadLocal<>();

    void setBudget(long fuel) {
        if (fuel < 0) {
            throw new IllegalArgumentException("call fuel must be positive, or 0 for no bound; got " + fuel);
        }
        this.budget = fuel;
    }

    /** {@return the budget of calls, 0 for no bound} */
    long budget() {
        return budget;
    }

    /** {@return what the counter starts a call with: the budget, or {@link Long#MAX_VALUE} for no bound} */
    long start() {
        long fuel = budget;
        return fuel == 0 ? Long.MAX_VALUE : fuel;
    }

    /** Records what the current thread's call started with and left (negative once the fuel ran out). */
    void record(long start, long left) {
        long[] call = last.get();
        if (call == null) {
            last.set(call = new long[2]);
        }
        call[0] = start;
        call[1] = left;
    }

    long fuelLeft() {
        long[] call = last.get();
        return call == null ? start() : Math.max(0, call[1]);
    }

    long lastCallFuelUsed() {
        long[] call = last.get();
        return call == null ? 0 : call[0] - call[1];
    }
}
