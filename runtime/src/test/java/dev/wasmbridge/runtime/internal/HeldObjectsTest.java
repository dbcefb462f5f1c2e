package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table of Java objects Rust holds: handles, counts, identity, revocation, clearing. */
class HeldObjectsTest {
    private final HeldObjects held = new HeldObjects();

    private static ObjectAdapter adapter() {
        return (method, in, out) -> {};
    }

    @Test
    void handlesAreNeverZeroAndFindTheirAdapter() {
        ObjectAdapter first = adapter();
        ObjectAdapter second = adapter();
        int a = held.hold(new Object(), first);
        int b = held.hold(new Object(), second);
        assertNotEquals(0, a);
        assertNotEquals(0, b);
        assertNotEquals(a, b);
        assertSame(first, held.find(a));
        assertSame(second, held.find(b));
        assertNull(held.find(0));
        assertNull(held.find(-1));
        assertNull(held.find(12345));
        assertEquals(2, held.size());
    }

    @Test
    void theSameObjectGetsTheSameHandleAndIsReleasedByItsLastReference() {
        Object listener = new Object();
        int handle = held.hold(listener, adapter());
        assertEquals(handle, held.hold(listener, adapter()));
        assertEquals(2, held.count(handle));
        assertEquals(1, held.size());
        assertTrue(held.release(handle));
        assertNotNull(held.find(handle), "one reference left");
        assertTrue(held.release(handle));
        assertNull(held.find(handle));
        assertEquals(0, held.size());
        assertFalse(held.release(handle), "a released handle is ignored");
    }

    @Test
    void aReusedSlotHasANewHandleSoAStaleOneFindsNothing() {
        int first = held.hold(new Object(), adapter());
        held.release(first);
        ObjectAdapter next = adapter();
        int second = held.hold(new Object(), next);
        assertNotEquals(first, second, "same slot, another generation");
        assertNull(held.find(first));
        assertFalse(held.release(first), "the stale handle does not release the new object");
        assertSame(next, held.find(second));
    }

    @Test
    void aRevokedObjectIsForgottenButItsSlotWaitsForRust() {
        Object callback = new Object();
        int handle = held.hold(callback, adapter());
        assertTrue(held.revoke(callback));
        assertFalse(held.revoke(callback));
        assertNull(held.find(handle));
        assertEquals(0, held.size());
        int again = held.hold(callback, adapter());
        assertNotEquals(handle, again, "passed again after revocation: a new handle");
        assertTrue(held.release(handle), "Rust's old reference is released without error");
        assertNotNull(held.find(again));
    }

    @Test
    void clearForgetsEverythingAndOldHandlesFindNothing() {
        List<Integer> handles = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            handles.add(held.hold(new Object(), adapter()));
        }
        assertEquals(100, new HashSet<>(handles).size());
        held.clear();
        assertEquals(0, held.size());
        Set<Integer> fresh = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            fresh.add(held.hold(new Object(), adapter()));
        }
        for (int handle : handles) {
            assertNull(held.find(handle) == null ? null : "found", "old handle " + handle);
            assertFalse(fresh.contains(handle), "old handle " + handle + " reused at once");
        }
    }

    @Test
    void referencesHeldForACallThatNeverStartedAreReleasedWhenItEnds() {
        Object kept = new Object();
        Object lost = new Object();
        int keptHandle = held.hold(kept, adapter());
        held.pending(keptHandle, 1);
        held.started(1); // the call ran: Rust owns it
        held.exit(0);
        assertNotNull(held.find(keptHandle));
        int lostHandle = held.hold(lost, adapter());
        held.pending(lostHandle, 1);
        held.exit(0); // refused before it started (an argument after it was null)
        assertNull(held.find(lostHandle));
        assertEquals(1, held.size());
    }
}
