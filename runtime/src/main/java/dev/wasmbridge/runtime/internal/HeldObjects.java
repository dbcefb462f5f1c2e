package dev.wasmbridge.runtime.internal;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Java objects Rust holds in one instance (docs/ABI.md, "Held Java objects"): stored callbacks and Java
 * objects of a {@code @WasmInterface}, each in a slot with a reference count.
 *
 * <ul>
 *   <li>A handle is never {@code 0}: the slot's index plus one in the low {@value #INDEX_BITS} bits, and the
 *       slot's generation above them, so that a handle Rust kept after its slot was freed and reused finds
 *       nothing instead of another object.
 *   <li>The same Java object held again gets the same handle, its count one more ({@link #hold}); each
 *       {@link #release} takes one away, and the last frees the slot and forgets the object.
 *   <li>{@link #revoke} forgets the object at once (Rust's calls then find nothing), but keeps the slot
 *       until Rust has released every reference, so its handle is not reused while Rust still has it.
 *   <li>{@link #clear} forgets everything (reset, abort): no Java reference is kept.
 * </ul>
 *
 * <p>Not thread-safe: used under the boundary's lock.
 */
final class HeldObjects {
    /** How many low bits of a handle hold the slot's index plus one. */
    static final int INDEX_BITS = 20;

    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;

    /** How many generations a slot has before they wrap (the handle stays a positive {@code int}). */
    private static final int GENERATIONS = 1 << (31 - INDEX_BITS);

    private Object[] objects = new Object[8];
    private ObjectAdapter[] adapters = new ObjectAdapter[8];
    /** Rust's references to each slot: above 0 while it is in use (held, or revoked but not yet released). */
    private int[] counts = new int[8];

    private int[] generations = new int[8];

    /** The free slots below {@link #top}, as a stack of indices. */
    private int[] free = new int[8];

    private int freeCount;

    /** Slots at and above this index have never been used. */
    private int top;

    private final Map<Object, Integer> byObject = new IdentityHashMap<>();

    /**
     * The references held for export calls that have not started yet, with the call depth of each: an
     * argument after them may still fail (a null), or the call may be refused, and then Rust never takes
     * them. {@link #started} hands them to Rust; {@link #exit} releases those of a call that never started.
     */
    private int[] pendingHandles = new int[4];

    private int[] pendingDepths = new int[4];
    private int pendingCount;

    /**
     * Holds {@code object} for Rust, or holds it once more.
     *
     * @param object the Java object (its identity is what counts)
     * @param adapter runs its methods for Rust
     * @return its handle, never 0
     * @throws IllegalStateException if a million objects are held already
     */
    int hold(Object object, ObjectAdapter adapter) {
        Integer known = byObject.get(object);
        if (known != null) {
            counts[index(known)]++;
            return known;
        }
        int index;
        if (freeCount > 0) {
            index = free[--freeCount];
        } else {
            if (top == INDEX_MASK) {
                throw new IllegalStateException("Rust holds " + top + " Java objects of one instance already,"
                        + " the most it can; drop some in Rust before passing more.");
            }
            if (top == objects.length) {
                int length = top * 2;
                objects = Arrays.copyOf(objects, length);
                adapters = Arrays.copyOf(adapters, length);
                counts = Arrays.copyOf(counts, length);
                generations = Arrays.copyOf(generations, length);
                free = Arrays.copyOf(free, length);
            }
            index = top++;
        }
        objects[index] = object;
        adapters[index] = adapter;
        counts[index] = 1;
        int handle = (generations[index] << INDEX_BITS) | (index + 1);
        byObject.put(object, handle);
        return handle;
    }

    /** Records that the reference {@code handle} was held for an argument of the call at {@code depth}. */
    void pending(int handle, int depth) {
        if (pendingCount == pendingHandles.length) {
            pendingHandles = Arrays.copyOf(pendingHandles, pendingCount * 2);
            pendingDepths = Arrays.copyOf(pendingDepths, pendingCount * 2);
        }
        pendingHandles[pendingCount] = handle;
        pendingDepths[pendingCount++] = depth;
    }

    /** The export call at {@code depth} starts: Rust takes the references held for its arguments. */
    void started(int depth) {
        while (pendingCount > 0 && pendingDepths[pendingCount - 1] >= depth) {
            pendingCount--;
        }
    }

    /** A call ends, leaving {@code depth} calls: references held for a call that never started are released. */
    void exit(int depth) {
        while (pendingCount > 0 && pendingDepths[pendingCount - 1] > depth) {
            release(pendingHandles[--pendingCount]);
        }
    }

    /** {@return the adapter of {@code handle}, or null when it holds nothing (released, revoked, stale)} */
    ObjectAdapter find(int handle) {
        int index = live(handle);
        return index < 0 ? null : adapters[index];
    }

    /**
     * Rust dropped one reference to {@code handle}; the last one frees the slot. A handle that holds nothing
     * is ignored (a reset made it stale, or Rust released it once too often: nothing Java can act on).
     *
     * @return whether the handle was in use
     */
    boolean release(int handle) {
        int index = slot(handle);
        if (index < 0) {
            return false;
        }
        if (--counts[index] > 0) {
            return true;
        }
        if (objects[index] != null) {
            byObject.remove(objects[index]);
        }
        objects[index] = null;
        adapters[index] = null;
        generations[index] = (generations[index] + 1) % GENERATIONS;
        free[freeCount++] = index;
        return true;
    }

    /**
     * Forgets {@code object}: Rust's calls through its handle find nothing from now on, and no reference to
     * it is kept. The slot stays in use until Rust releases it.
     *
     * @return whether the object was held
     */
    boolean revoke(Object object) {
        Integer handle = byObject.remove(object);
        if (handle == null) {
            return false;
        }
        int index = index(handle);
        objects[index] = null;
        adapters[index] = null;
        return true;
    }

    /** Forgets every object and slot (the instance was reset or aborted: its handles are gone with it). */
    void clear() {
        for (int i = 0; i < top; i++) {
            if (counts[i] > 0) {
                generations[i] = (generations[i] + 1) % GENERATIONS;
            }
            objects[i] = null;
            adapters[i] = null;
            counts[i] = 0;
        }
        byObject.clear();
        pendingCount = 0;
        freeCount = 0;
        for (int i = top - 1; i >= 0; i--) {
            free[freeCount++] = i;
        }
    }

    /** {@return how many Java objects are held (not revoked)} */
    int size() {
        return byObject.size();
    }

    /** {@return the reference count of {@code handle}, 0 when it holds nothing} For tests. */
    int count(int handle) {
        int index = slot(handle);
        return index < 0 ? 0 : counts[index];
    }

    private static int index(int handle) {
        return (handle & INDEX_MASK) - 1;
    }

    /** The slot of {@code handle} when it is in use with the handle's generation, else -1. */
    private int slot(int handle) {
        int index = index(handle);
        if (handle <= 0
                || index < 0
                || index >= top
                || counts[index] == 0
                || generations[index] != handle >>> INDEX_BITS) {
            return -1;
        }
        return index;
    }

    /** The slot of {@code handle} when it also still has its object (not revoked), else -1. */
    private int live(int handle) {
        int index = slot(handle);
        return index >= 0 && adapters[index] != null ? index : -1;
    }
}
