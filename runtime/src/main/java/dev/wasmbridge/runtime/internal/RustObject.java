package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.BorrowEndedException;
import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmBindings;
import dev.wasmbridge.runtime.WasmObject;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

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
 *       instance, on the calling thread;
 *   <li>an object that Rust <em>lent</em> to Java ({@code &T} or {@code &mut T} passed to an import or a
 *       callback) is a view of a value Rust owns: usable during that call only ({@link #endBorrow()}, then
 *       {@link BorrowEndedException}), never moved into Rust, never dropped from Java ({@code close()} does
 *       nothing).
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
    /** Null for an object Rust lent to Java: Java never drops it. */
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
     * A view of a value that Rust lends to Java for one call of an import or a callback ({@code &T} or
     * {@code &mut T}): usable until {@link #endBorrow()}, which generated code calls when that call returns.
     * Java never drops it; Rust refuses to move it, and to borrow a {@code &T} view exclusively.
     *
     * @param owner the instance whose call lent it
     * @param pointer the handle of the view Rust made (never 0)
     * @param typeName the Rust type, for messages: {@code "Counter"}
     * @param lentTo the import or callback method it is lent to, for messages: {@code "Host.inspect"}
     * @throws IllegalArgumentException if {@code pointer} is 0
     */
    protected RustObject(CallBoundary owner, int pointer, String typeName, String lentTo) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        if (pointer == 0) {
            throw new IllegalArgumentException("A handle of " + typeName + " is never 0 (docs/ABI.md, \"Classes\").");
        }
        this.pointer = pointer;
        this.dropExport = -1;
        this.generation = owner.generation();
        this.state.set(State.lentTo(Objects.requireNonNull(lentTo, "lentTo")));
        this.cleanable = null;
    }

    /**
     * Ends the loan of an object Rust lent to Java, when the import or callback call it was lent for
     * returns: later uses throw {@link BorrowEndedException}. Does nothing for an object Java owns.
     */
    public final void endBorrow() {
        State current = state.get();
        if (current.lentTo != null && !current.ended && state.compareAndSet(current, State.borrowEnded(current))) {
            owner.forgetPoison(pointer); // Rust frees the view: its handle may be reused
        }
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
        State current = state.get();
        if (current.lentTo != null && !current.ended) {
            throw new IllegalStateException(describe() + " was lent by Rust to " + current.lentTo + ", so " + what
                    + ", which takes it by value, cannot move it into Rust: Rust owns it. Call it on an object"
                    + " Java owns.");
        }
        markMoved(what, what);
        return pointer;
    }

    /**
     * For a method that borrows this object ({@code &self}, {@code &mut self}): refuses an argument that Rust
     * takes by value ({@code T}, or in a {@code Vec<T>} or {@code Option<T>}) if it is this object, before
     * anything is moved. Rust would refuse the move anyway, after Java had given the object up.
     *
     * @param argument the argument: an object, a {@code List} or an {@code Optional} of them
     * @param what names the argument in messages
     * @throws IllegalArgumentException if it is, or holds, this object
     */
    protected final void checkNotSelf(Object argument, String what) {
        List<?> objects = argument instanceof List<?> list
                ? list
                : argument instanceof Optional<?> optional ? optional.stream().toList() : List.of(argument);
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) == this) {
                String element = argument instanceof List<?> ? "element " + i + " of " + what : what;
                throw new IllegalArgumentException(element + " is " + describe() + ", the object the method is"
                        + " called on, which the method borrows: Rust cannot take it by value at the same time."
                        + " Pass another object.");
            }
        }
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
        RustObject rustObject = checkMovable(call, object, what);
        rustObject.markMoved(what, what);
        return rustObject.pointer;
    }

    /** {@link #check}, and refuses an object Rust lent to Java: it cannot be moved into Rust. */
    private static RustObject checkMovable(CallBoundary call, Object object, String what) {
        RustObject rustObject = check(call, object, what);
        State current = rustObject.state.get();
        if (current.lentTo != null) {
            throw new IllegalArgumentException(what + " is " + rustObject.describe() + ", which Rust lent to "
                    + current.lentTo + ", but the Rust side takes it by value: an object Rust lent cannot be moved"
                    + " into Rust (Rust owns it). Pass an object Java owns.");
        }
        return rustObject;
    }

    // ---- Lists and Optionals of objects (docs/ABI.md, "Classes") --------------------------------------

    /**
     * The first Rust object in {@code value}, a {@code List} or {@code Optional} of objects, or {@code value}
     * itself: what a call that passes it runs on ({@link Instances#enterOwner}).
     */
    public static Object firstObject(Object value) {
        if (value instanceof Collection<?> list) {
            for (Object element : list) {
                if (element != null) {
                    return element;
                }
            }
            return null;
        }
        if (value instanceof Optional<?> optional) {
            return optional.orElse(null);
        }
        return value;
    }

    /**
     * Checks a {@code List} argument whose objects Rust takes by value ({@code Vec<T>}) before anything is
     * moved: every element as {@link #borrow} does, and that no object is in it twice.
     *
     * @throws NullPointerException if the list or an element is null
     * @throws IllegalArgumentException if an element is not usable here, or is in the list twice
     */
    public static void checkAll(CallBoundary call, List<?> objects, String what) {
        movable(call, objects, what);
    }

    private static List<RustObject> movable(CallBoundary call, List<?> objects, String what) {
        requireList(objects, what);
        List<RustObject> checked = new ArrayList<>(objects.size());
        Map<RustObject, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            RustObject element = checkMovable(call, objects.get(i), "element " + i + " of " + what);
            Integer earlier = seen.put(element, i);
            if (earlier != null) {
                throw new IllegalArgumentException("element " + i + " of " + what + " is " + element.describe()
                        + ", which is element " + earlier + " too, but the Rust side takes each object by value:"
                        + " an object can be moved into Rust once. Pass it once.");
            }
            checked.add(element);
        }
        return checked;
    }

    /**
     * A {@code List} argument whose objects Rust takes by value ({@code Vec<T>}): checks them as {@link
     * #checkAll} does, lends their handles (the value encoding of a {@code Vec<u32>}) and marks each
     * moved. Call it last, as {@link #move}.
     *
     * @return the slice to pass
     */
    public static long moveAll(CallBoundary call, List<?> objects, String what) {
        List<RustObject> checked = movable(call, objects, what);
        long slice = call.lend(SliceType.BYTES, handles(checked), what);
        for (int i = 0; i < checked.size(); i++) {
            String element = "element " + i + " of " + what;
            checked.get(i).markMoved(element, element);
        }
        return slice;
    }

    /**
     * A {@code List} argument whose objects Rust borrows ({@code Vec<&T>}, {@code Vec<&mut T>}): checks each
     * as {@link #borrow} does and lends their handles (the value encoding of a {@code Vec<u32>}). An object
     * may be in it twice; Rust refuses two exclusive borrows of one object.
     *
     * @return the slice to pass
     * @throws NullPointerException if the list or an element is null
     */
    public static long borrowAll(CallBoundary call, List<?> objects, String what) {
        requireList(objects, what);
        List<RustObject> checked = new ArrayList<>(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            checked.add(check(call, objects.get(i), "element " + i + " of " + what));
        }
        return call.lend(SliceType.BYTES, handles(checked), what);
    }

    private static void requireList(List<?> objects, String what) {
        if (objects == null) {
            throw new NullPointerException(what + " is null, but the Rust side takes a list of objects; pass a"
                    + " list (List.of() for none).");
        }
    }

    /** The value encoding of the handles, a {@code Vec<u32>}: the count, then each handle. */
    private static byte[] handles(List<RustObject> objects) {
        ValueWriter out = new ValueWriter();
        out.writeCount(objects.size());
        for (RustObject object : objects) {
            out.writeInt(object.pointer);
        }
        return out.toByteArray();
    }

    /**
     * Checks an {@code Optional} argument whose object Rust takes by value ({@code Option<T>}) before anything
     * is moved, as {@link #checkAll}.
     *
     * @throws NullPointerException if the Optional itself is null
     */
    public static void checkOptional(CallBoundary call, Optional<?> object, String what) {
        if (requireOptional(object, what).isPresent()) {
            checkMovable(call, object.get(), what);
        }
    }

    /**
     * An {@code Optional} argument whose object Rust takes by value ({@code Option<T>}): {@code 0} when it is
     * empty, else as {@link #move}.
     *
     * @return the handle to pass, or 0
     */
    public static int moveOptional(CallBoundary call, Optional<?> object, String what) {
        return requireOptional(object, what).isPresent() ? move(call, object.get(), what) : 0;
    }

    /**
     * An {@code Optional} argument whose object Rust borrows ({@code Option<&T>}, {@code Option<&mut T>}):
     * {@code 0} when it is empty, else as {@link #borrow}.
     *
     * @return the handle to pass, or 0
     */
    public static int borrowOptional(CallBoundary call, Optional<?> object, String what) {
        return requireOptional(object, what).isPresent() ? borrow(call, object.get(), what) : 0;
    }

    private static Optional<?> requireOptional(Optional<?> object, String what) {
        if (object == null) {
            throw new NullPointerException(
                    what + " is null, but the Rust side takes an Option; pass" + " Optional.empty() for None.");
        }
        return object;
    }

    /**
     * The objects of a {@code Vec<T>} result: reads the handles (the value encoding of a {@code Vec<u32>}),
     * frees the slice, and makes each a new object that Java owns.
     *
     * @param wrap makes the object of a handle, e.g. {@code h -> new CounterObject(call, h)}
     * @return an unmodifiable list
     * @throws dev.wasmbridge.runtime.WasmBridgeException if the slice is not a valid encoding
     */
    public static <T> List<T> takeAll(CallBoundary call, long slice, IntFunction<T> wrap) {
        ValueReader in = new ValueReader(call.take(SliceType.BYTES, slice));
        int count = in.readCount();
        List<T> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            objects.add(wrap.apply(in.readInt()));
        }
        in.finish();
        return Collections.unmodifiableList(objects);
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
        if (current == State.LIVE || current.lentTo != null && !current.ended) {
            if (generation != owner.generation()) {
                status = "stale";
            } else if (owner.isTerminated()) {
                status = "instance terminated";
            } else if (owner.isPoisoned(pointer)) {
                status = "poisoned";
            } else {
                status = current.description;
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
    final String describe() {
        return typeName + "@" + Integer.toUnsignedString(pointer);
    }

    /**
     * Throws what using the object now would throw: {@link ClosedObjectException}, {@link
     * StaleHandleException} or {@link PoisonedObjectException}.
     *
     * @param use what tries to use it, for the message
     */
    final void checkOpen(String use) {
        checkUsable(use);
    }

    private void checkUsable(String use) {
        State current = state.get();
        if (current != State.LIVE) {
            if (current.lentTo == null) {
                throw new ClosedObjectException(describe(), use, current.movedBy);
            }
            if (current.ended) {
                throw new BorrowEndedException(describe(), use, current.lentTo);
            }
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

    /** Whether Rust lent this object to Java (it is then never dropped from Java). */
    final boolean isLent() {
        return state.get().lentTo != null;
    }

    /**
     * Where the object is in its life. Compared by identity; only {@link #LIVE} and a loan ({@link #lentTo})
     * can change.
     */
    private static final class State {
        static final State LIVE = new State("live", null, null, false);
        static final State CLOSED = new State("closed", null, null, false);
        /** Garbage collected while live: its drop is queued on the instance. */
        static final State COLLECTED = new State("collected", null, null, false);

        final String description;
        /** What moved the object into Rust, or null. */
        final String movedBy;
        /** For an object Rust lent to Java: the import or callback method it is lent to; else null. */
        final String lentTo;
        /** For an object Rust lent to Java: whether the call it was lent for has returned. */
        final boolean ended;

        private State(String description, String movedBy, String lentTo, boolean ended) {
            this.description = description;
            this.movedBy = movedBy;
            this.lentTo = lentTo;
            this.ended = ended;
        }

        static State movedBy(String what) {
            return new State("moved by " + what, what, null, false);
        }

        static State lentTo(String what) {
            return new State("lent by Rust to " + what, null, what, false);
        }

        static State borrowEnded(State lent) {
            return new State("lent by Rust to " + lent.lentTo + ", which has returned", null, lent.lentTo, true);
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
