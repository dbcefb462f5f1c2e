package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmBindings;
import dev.wasmbridge.runtime.WasmObject;
import java.lang.ref.Cleaner;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The superclass of every generated class of a Rust object (docs/ABI.md, "Classes"): holds the handle, the
 * instance that made it and its generation, and enforces the rules of the handle's life:
 *
 * <ul>
 *   <li>{@link #close()} drops the Rust value once; using the object afterwards throws {@link
 *       ClosedObjectException};
 *   <li>a method or argument that takes the object by value ({@code T}) moves it into Rust ({@link #moveOut},
 *       {@link #move}): Rust frees it, and the object is unusable afterwards;
 *   <li>an object whose instance was {@linkplain WasmBindings#resetState() reset} is stale: it never touches
 *       the new instance's memory ({@link StaleHandleException}; {@code close()} does nothing);
 *   <li>an object that a call held when it unwound (a Rust panic, a Java import's exception) may be poisoned
 *       (docs/ABI.md, "Poisoned objects"): every use throws {@link PoisonedObjectException}, and only {@code
 *       close()} (or collection) is left, which drops it;
 *   <li>an object that is garbage collected while still live is dropped at the start of the next call on its
 *       instance, on the calling thread.
 * </ul>
 *
 * <p>Exactly one of close, move and collection wins (an atomic state), so the Rust value is never dropped
 * twice. A generated method follows one pattern:
 *
 * <pre>{@code
 * public int increment(int by) {
 *     CallBoundary call = enter("Counter.increment");
 *     try {
 *         return (int) call.call(INCREMENT, pointer(), by);
 *     } finally {
 *         call.exit();
 *     }
 * }
 * }</pre>
 */
public abstract class RustObject implements WasmObject {
    private static final Cleaner CLEANER = Cleaner.create();

    private final CallBoundary owner;
    private final int pointer;
    private final int dropExport;
    private final String typeName;
    private final int generation;
    private final AtomicReference<State> state = new AtomicReference<>(State.LIVE);
    private final Cleaner.Cleanable cleanable;

    /**
     * Takes ownership of a handle that a call on {@code owner} returned; from now on the object is dropped by
     * {@link #close()}, or when it is garbage collected.
     *
     * @param owner the instance the creating call ran on
     * @param pointer the handle Rust returned (never 0)
     * @param dropExport the index of {@code T::drop} in the export list of {@code owner}
     * @param typeName the Rust type, for messages: {@code "Counter"}
     * @throws IllegalArgumentException if {@code pointer} is 0 or {@code dropExport} is not a drop export
     */
    protected RustObject(CallBoundary owner, int pointer, int dropExport, String typeName) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        if (pointer == 0) {
            throw new IllegalArgumentException("A handle of " + typeName + " is never 0 (docs/ABI.md, \"Classes\"):"
                    + " 0 is None of an Option<" + typeName + "> result, which has no object.");
        }
        owner.checkDropExport(dropExport, typeName);
        this.pointer = pointer;
        this.dropExport = dropExport;
        this.generation = owner.generation();
        this.cleanable = CLEANER.register(this, new Collected(state, owner, generation, dropExport, pointer));
    }

    /**
     * Starts a call on this object: enters the instance that made it (through its pool, if it has one) and
     * checks that the object is usable. Pair with {@link CallBoundary#exit()} in a {@code finally} block.
     *
     * @param what the method, for messages: {@code "Counter.increment"}
     * @throws ClosedObjectException if the object was closed or moved into Rust
     * @throws StaleHandleException if the object's instance was reset since it was made
     * @throws PoisonedObjectException if a call that held the object unwound
     */
    protected final CallBoundary enter(String what) {
        CallBoundary call = owner.enter();
        try {
            checkUsable(what);
        } catch (RuntimeException | Error e) {
            call.exit();
            throw e;
        }
        return call;
    }

    /** The handle, to pass to Rust in the call in progress (after {@link #enter(String)}). */
    protected final int pointer() {
        return pointer;
    }

    /**
     * For a method that takes {@code self} by value: marks the object moved into Rust by {@code what}, so it
     * is never dropped from Java, and returns the handle to pass. Call it after {@link #enter(String)}.
     *
     * @throws ClosedObjectException if the object was closed or moved in the meantime
     */
    protected final int moveOut(String what) {
        markMoved(what, what);
        return pointer;
    }

    /**
     * Checks an argument that Rust borrows ({@code &T} or {@code &mut T}) and returns its handle.
     *
     * @param call the call in progress, from {@link Instances#enterOwner}
     * @param object the argument
     * @param what names the argument in messages, e.g. {@code "argument 'counter' of Bank.audit"}
     * @throws NullPointerException if {@code object} is null
     * @throws IllegalArgumentException if {@code object} is not an object made by Rust, or was made by another
     *     instance than {@code call}'s
     * @throws ClosedObjectException if it was closed or moved into Rust
     * @throws StaleHandleException if its instance was reset since it was made
     * @throws PoisonedObjectException if a call that held it unwound
     */
    public static int borrow(CallBoundary call, Object object, String what) {
        return check(call, object, what).pointer;
    }

    /**
     * Like {@link #borrow}, for an argument that Rust takes by value ({@code T}): also marks the object moved,
     * so it is never dropped from Java and is unusable afterwards.
     *
     * <p>Call it last, once every other argument is lent: if anything fails between the move and the call,
     * or Rust panics before taking the value, the object stays marked moved and its Rust value is never
     * dropped (a leak, never a double free).
     */
    public static int move(CallBoundary call, Object object, String what) {
        RustObject rustObject = check(call, object, what);
        rustObject.markMoved(what, what);
        return rustObject.pointer;
    }

    private static RustObject check(CallBoundary call, Object object, String what) {
        Objects.requireNonNull(call, "call");
        if (object == null) {
            throw new NullPointerException(what + " is null, but the Rust side takes an object; pass one.");
        }
        if (!(object instanceof RustObject rustObject)) {
            throw new IllegalArgumentException(
                    what + " is a " + object.getClass().getName() + ", which Rust did not"
                            + " make: only objects that the bindings returned can be passed to Rust.");
        }
        if (rustObject.owner != call) {
            throw new IllegalArgumentException(what + " is " + rustObject.describe() + ", which belongs to another"
                    + " Wasm instance" + (rustObject.owner.isPooled() ? " (of a pool)" : "") + ": an object can only"
                    + " be passed to the instance that made it. Make the object with the same instance, or pass"
                    + " plain values.");
        }
        rustObject.checkUsable(what);
        return rustObject;
    }

    /**
     * Drops the Rust value by calling {@code T::drop}; see {@link WasmObject#close()}. Does nothing when the
     * object is already closed, moved, stale, or its instance is terminated. Never throws: a drop that panics
     * leaves the value to Rust (never to be dropped again), a drop that aborts terminates the instance (the
     * abort handler hears of it).
     */
    @Override
    public final void close() {
        if (state.get() != State.LIVE) {
            return;
        }
        CallBoundary call;
        try {
            call = owner.enter();
        } catch (RuntimeException e) {
            return; // interrupted while waiting for the pooled instance: the object stays live
        }
        try {
            if (generation != owner.generation() || owner.isTerminated()) {
                return;
            }
            if (!state.compareAndSet(State.LIVE, State.CLOSED)) {
                return;
            }
            cleanable.clean(); // deregisters; the action sees CLOSED and queues nothing
            try {
                call.call(dropExport, pointer);
            } catch (RuntimeException e) {
                // see above: nothing left to do, and close() must not throw
            }
            owner.forgetPoison(pointer);
        } finally {
            call.exit();
        }
    }

    /**
     * The Rust type, the handle and the state: {@code "Counter@1048 (live)"}, {@code "(closed)"}, {@code
     * "(moved by Counter.into_total)"}, {@code "(stale)"}, {@code "(instance terminated)"} or {@code
     * "(poisoned)"}.
     */
    @Override
    public String toString() {
        State current = state.get();
        String status;
        if (current == State.LIVE) {
            if (generation != owner.generation()) {
                status = "stale";
            } else if (owner.isTerminated()) {
                status = "instance terminated";
            } else if (owner.isPoisoned(pointer)) {
                status = "poisoned";
            } else {
                status = "live";
            }
        } else {
            status = current.description;
        }
        return describe() + " (" + status + ")";
    }

    /**
     * Runs what the Cleaner runs when the object becomes unreachable, while it is still reachable: for
     * tests of what happens to collected objects, without waiting for the garbage collector.
     */
    void simulateGarbageCollection() {
        cleanable.clean();
    }

    /** The instance that made this object. */
    CallBoundary owner() {
        return owner;
    }

    /** The object without its state: {@code "Counter@1048"}. */
    private String describe() {
        return typeName + "@" + Integer.toUnsignedString(pointer);
    }

    private void checkUsable(String use) {
        State current = state.get();
        if (current != State.LIVE) {
            throw new ClosedObjectException(describe(), use, current.movedBy);
        }
        owner.checkGeneration(generation, describe());
        owner.checkPoison(pointer, describe(), use);
    }

    private void markMoved(String by, String use) {
        State moved = State.movedBy(by);
        if (!state.compareAndSet(State.LIVE, moved)) {
            throw new ClosedObjectException(describe(), use, state.get().movedBy);
        }
        cleanable.clean(); // deregisters; the action sees MOVED and queues nothing
    }

    /** Where the object is in its life. Compared by identity; only {@link #LIVE} can change. */
    private static final class State {
        static final State LIVE = new State("live", null);
        static final State CLOSED = new State("closed", null);
        /** Garbage collected while live: its drop is queued on the instance. */
        static final State COLLECTED = new State("collected", null);

        final String description;
        /** What moved the object into Rust, or null. */
        final String movedBy;

        private State(String description, String movedBy) {
            this.description = description;
            this.movedBy = movedBy;
        }

        static State movedBy(String what) {
            return new State("moved by " + what, what);
        }
    }

    /**
     * The Cleaner's action: queues the drop when the object was garbage collected while live. Holds no
     * reference to the object (it would never become unreachable).
     */
    private static final class Collected implements Runnable {
        private final AtomicReference<State> state;
        private final CallBoundary owner;
        private final int generation;
        private final int dropExport;
        private final int pointer;

        Collected(AtomicReference<State> state, CallBoundary owner, int generation, int dropExport, int pointer) {
            this.state = state;
            this.owner = owner;
            this.generation = generation;
            this.dropExport = dropExport;
            this.pointer = pointer;
        }

        @Override
        public void run() {
            if (state.compareAndSet(State.LIVE, State.COLLECTED)) {
                owner.queueDrop(generation, dropExport, pointer);
            }
        }
    }
}
