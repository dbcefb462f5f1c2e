package dev.wasmbridge.it.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.BorrowEndedException;
import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rust objects in lists and options, and Rust objects that Rust gives or lends to imports and callbacks
 * (docs/ABI.md, "Classes"); run on the exnref and legacy builds. The fixture counts every {@code Token}
 * alive and dropped, so each test checks that each Rust value is dropped exactly once: by Rust after a
 * move, by {@code close()}, or never while Java still owns it.
 */
abstract class ObjectsInValuesContract {
    private RecordingObjectsHost host;
    private ObjectsFixture rust;
    private int droppedBefore;

    /** Binds the flavour under test. */
    abstract ObjectsFixture create(ObjectsHost host);

    @BeforeEach
    void instantiate() {
        host = new RecordingObjectsHost();
        rust = create(host);
        droppedBefore = rust.droppedTokens();
    }

    /** Every test leaves no token behind: those it made were dropped, once each. */
    @AfterEach
    void nothingLeftAlive() {
        if (!rust.isTerminated()) {
            assertEquals(0, rust.liveTokens(), "every token was dropped");
        }
    }

    private int dropped() {
        return rust.droppedTokens() - droppedBefore;
    }

    // ---- Lists and Optionals of objects ------------------------------------------------------------

    @Test
    void aListResultGivesJavaNewObjects() {
        List<Token> tokens = rust.tokens(3, "t");
        assertEquals(3, tokens.size());
        assertEquals(
                List.of("t0", "t1", "t2"), tokens.stream().map(Token::label).toList());
        assertEquals(3, rust.liveTokens());
        assertThrows(UnsupportedOperationException.class, () -> tokens.add(tokens.get(0)));
        tokens.forEach(Token::close);
        assertEquals(0, rust.liveTokens());
        assertEquals(3, dropped());
        assertEquals(List.of(), rust.tokens(0, "none"));
    }

    @Test
    void aListParameterMovesEveryObjectIntoRust() {
        List<Token> tokens = rust.tokens(3, "moved");
        assertEquals(0 + 1 + 2, rust.sumIds(tokens));
        assertEquals(0, rust.liveTokens(), "Rust dropped what it took");
        assertEquals(3, dropped());
        for (Token token : tokens) {
            ClosedObjectException e = assertThrows(ClosedObjectException.class, token::id);
            assertTrue(e.getMessage().contains("moved into Rust by element"), e.getMessage());
            token.close(); // does nothing: Rust owns (and dropped) it
        }
        assertEquals(3, dropped(), "each value dropped once");
        assertEquals(0, rust.sumIds(List.of()));
    }

    @Test
    void borrowedListsLeaveTheObjectsUsable() {
        List<Token> tokens = rust.tokens(3, "b");
        assertArrayEquals(new long[] {0, 1, 2}, rust.ids(tokens));
        Token first = tokens.get(0);
        assertArrayEquals(new long[] {0, 0}, rust.ids(List.of(first, first)), "one object lent twice, shared");
        assertEquals(3, rust.relabelAll(tokens, "same"));
        assertEquals(
                List.of("same", "same", "same"),
                tokens.stream().map(Token::label).toList());
        RustPanicException e =
                assertThrows(RustPanicException.class, () -> rust.relabelAll(List.of(first, first), "twice"));
        assertTrue(e.panicMessage().contains("already borrowed"), e.panicMessage());
        assertEquals("same", first.label(), "refusing the second borrow poisoned nothing");
        assertArrayEquals(new long[0], rust.ids(List.of()));
        tokens.forEach(Token::close);
        assertEquals(3, dropped());
    }

    @Test
    void aMovedListIsCheckedBeforeAnythingMoves() {
        Token a = rust.newToken(1, "a");
        Token b = rust.newToken(2, "b");
        IllegalArgumentException twice =
                assertThrows(IllegalArgumentException.class, () -> rust.sumIds(List.of(a, b, a)));
        assertTrue(
                twice.getMessage().contains("element 2 of argument 'tokens' of ObjectsFixture.sumIds"),
                twice.getMessage());
        assertTrue(twice.getMessage().contains("element 0 too"), twice.getMessage());
        NullPointerException nullElement =
                assertThrows(NullPointerException.class, () -> rust.sumIds(Arrays.asList(a, null)));
        assertTrue(nullElement.getMessage().contains("element 1 of argument 'tokens'"), nullElement.getMessage());
        assertThrows(NullPointerException.class, () -> rust.sumIds(null));
        ObjectsFixture other = create(new RecordingObjectsHost());
        Token theirs = other.newToken(3, "theirs");
        IllegalArgumentException foreign =
                assertThrows(IllegalArgumentException.class, () -> rust.sumIds(List.of(a, theirs)));
        assertTrue(foreign.getMessage().contains("another Wasm instance"), foreign.getMessage());
        assertEquals("a", a.label(), "nothing was moved");
        assertEquals(1 + 2, rust.sumIds(List.of(a, b)));
        theirs.close();
        assertEquals(0, other.liveTokens());
    }

    @Test
    void optionalParametersMoveOrBorrowTheirObject() {
        Token taken = rust.newToken(4, "taken");
        assertEquals(4, rust.takeMaybe(Optional.of(taken)));
        assertThrows(ClosedObjectException.class, taken::id);
        assertEquals(-1, rust.takeMaybe(Optional.empty()));
        assertEquals(1, dropped());

        Token kept = rust.newToken(5, "kept");
        assertEquals("kept", rust.peekMaybe(Optional.of(kept)));
        assertEquals("none", rust.peekMaybe(Optional.empty()));
        assertTrue(rust.bumpMaybe(Optional.of(kept)));
        assertFalse(rust.bumpMaybe(Optional.empty()));
        assertEquals(6, kept.id(), "borrowed mutably, still Java's");
        NullPointerException e = assertThrows(NullPointerException.class, () -> rust.takeMaybe(null));
        assertTrue(e.getMessage().contains("Optional.empty()"), e.getMessage());
        kept.close();

        Optional<Token> made = rust.maybeToken(true);
        assertEquals("maybe", made.orElseThrow().label());
        made.get().close();
        assertEquals(Optional.empty(), rust.maybeToken(false));
        assertEquals(3, dropped());
    }

    @Test
    void methodsTakeAndReturnLists() {
        Token whole = rust.newToken(4, "whole");
        List<Token> parts = whole.split(3);
        assertThrows(ClosedObjectException.class, whole::id, "split took it");
        assertEquals(List.of(40L, 41L, 42L), parts.stream().map(Token::id).toList());
        assertEquals(
                List.of("whole", "whole", "whole"),
                parts.stream().map(Token::label).toList());
        assertEquals(1, dropped(), "the whole, inside Rust");

        Token sink = parts.get(0);
        assertEquals(40 + 41 + 42, sink.absorb(parts.subList(1, 3)));
        assertThrows(ClosedObjectException.class, parts.get(1)::id);
        assertEquals(3, dropped());
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> sink.absorb(List.of(sink)));
        assertTrue(self.getMessage().contains("element 0 of argument 'others' of Token.absorb"), self.getMessage());
        assertTrue(self.getMessage().contains("the object the method is called on"), self.getMessage());
        assertEquals(40 + 41 + 42, sink.id(), "refused before anything moved");
        sink.close();
        assertEquals(4, dropped());
    }

    @Test
    void objectsOfAResetInstanceAreStaleInListsToo() {
        List<Token> old = rust.tokens(2, "old");
        rust.resetState();
        droppedBefore = rust.droppedTokens();
        assertThrows(StaleHandleException.class, () -> rust.ids(old));
        assertThrows(StaleHandleException.class, () -> rust.sumIds(old));
        assertThrows(StaleHandleException.class, () -> rust.takeMaybe(Optional.of(old.get(0))));
        old.forEach(Token::close); // nothing: their memory went with the old instance
        assertEquals(0, dropped());
    }

    @Test
    void aPoisonedObjectIsRefusedInAList() {
        Token token = rust.newToken(1, "p");
        assertThrows(RustPanicException.class, () -> token.fail("boom"));
        assertThrows(PoisonedObjectException.class, () -> rust.ids(List.of(token)));
        assertThrows(PoisonedObjectException.class, () -> rust.sumIds(List.of(token)));
        token.close();
        assertEquals(1, dropped(), "close() dropped the poisoned value, once");
    }

    // ---- Objects Rust lends or gives to imports -----------------------------------------------------

    @Test
    void anImportGetsALentObjectForTheCallOnly() {
        AtomicReference<Token> kept = new AtomicReference<>();
        host.onInspect = token -> {
            kept.set(token);
            assertTrue(token.toString().contains("lent by Rust to ObjectsHost.inspect"), token.toString());
            return token.label() + "/" + token.id();
        };
        assertEquals("shown/5", rust.showToken(5));
        assertEquals(1, dropped(), "Rust dropped its own token after the call");
        BorrowEndedException e = assertThrows(BorrowEndedException.class, kept.get()::label);
        assertTrue(e.getMessage().contains("lent by Rust to ObjectsHost.inspect"), e.getMessage());
        assertEquals("ObjectsHost.inspect", e.lentTo());
        assertThrows(BorrowEndedException.class, () -> rust.ids(List.of(kept.get())));
        kept.get().close(); // does nothing: Rust owned it
        assertEquals(1, dropped());
    }

    @Test
    void aSharedLoanRefusesChangesAndMovesButLendsOnward() {
        host.onInspect = token -> {
            RustPanicException change = assertThrows(RustPanicException.class, () -> token.relabel("no"));
            assertTrue(change.panicMessage().contains("lent to Java as &Token"), change.panicMessage());
            IllegalArgumentException move =
                    assertThrows(IllegalArgumentException.class, () -> rust.sumIds(List.of(token)));
            assertTrue(move.getMessage().contains("which Rust lent to ObjectsHost.inspect"), move.getMessage());
            assertThrows(IllegalStateException.class, () -> token.split(2));
            assertThrows(IllegalArgumentException.class, () -> rust.takeMaybe(Optional.of(token)));
            token.close(); // does nothing
            assertArrayEquals(new long[] {7, 7}, rust.ids(List.of(token, token)), "Rust borrows the view again");
            return token.label();
        };
        assertEquals("shown", rust.showToken(7));
        assertEquals(1, dropped());
    }

    @Test
    void anExclusiveLoanLetsJavaChangeTheValue() {
        host.onEdit = token -> token.relabel("edited by Java");
        assertEquals("edited by Java", rust.editToken(3));
        assertEquals(1, dropped());
    }

    @Test
    void aLoanOfAnObjectJavaOwnsNestsInTheBorrowOfTheCall() {
        Token held = rust.newToken(8, "held");
        host.onEdit = view -> {
            RustPanicException e = assertThrows(RustPanicException.class, held::label);
            assertTrue(e.panicMessage().contains("already borrowed"), e.panicMessage());
            view.relabel(view.label() + " and changed");
        };
        assertEquals("held and changed", rust.editHeld(held));
        assertEquals("held and changed", held.label());
        held.close();
    }

    @Test
    void aPanicThroughALentObjectEndsTheCallThatLentIt() {
        host.onEdit = token -> assertThrows(RustPanicException.class, () -> token.fail("inside"));
        RustPanicException e = assertThrows(RustPanicException.class, () -> rust.editToken(1));
        assertTrue(e.panicMessage().contains("Token that Rust lent to Java was poisoned"), e.panicMessage());
        assertEquals(1, dropped(), "Rust dropped its token while unwinding");

        Token held = rust.newToken(2, "held");
        assertThrows(RustPanicException.class, () -> rust.editHeld(held));
        PoisonedObjectException poisoned = assertThrows(PoisonedObjectException.class, held::label);
        assertEquals("edit_held", poisoned.poisonedBy(), "the call that held it unwound");
        held.close();
        assertEquals(2, dropped());
    }

    @Test
    void anImportGivenAnObjectOwnsIt() {
        rust.giveToken(9, "gift");
        assertEquals(1, host.adopted.size());
        Token gift = host.adopted.get(0);
        assertEquals(List.of(4), host.notes);
        assertEquals(9, gift.id(), "usable after the call: Java owns it");
        assertEquals("gift", gift.label());
        assertEquals(1, rust.liveTokens());
        assertEquals(9, rust.sumIds(List.of(gift)), "and can move it back into Rust");
        assertEquals(1, dropped());
    }

    // ---- Objects Rust lends or gives to callbacks ---------------------------------------------------

    @Test
    void callbacksGetLentObjectsForTheirCallOnly() {
        List<Token> kept = new ArrayList<>();
        assertEquals(0 + 10 + 20, rust.visitTokens(3, token -> {
            kept.add(token);
            return token.id() * 10;
        }));
        assertEquals(3, dropped());
        for (Token token : kept) {
            assertThrows(BorrowEndedException.class, token::id);
        }
        assertEquals("by the callback", rust.editWith(token -> token.relabel("by the callback")));
        assertEquals(4, dropped());
    }

    @Test
    void aCallbackThatThrowsEndsItsLoanToo() {
        AtomicReference<Token> kept = new AtomicReference<>();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> rust.editWith(token -> {
                    kept.set(token);
                    throw new IllegalStateException("no");
                }));
        assertEquals("no", e.getMessage());
        assertThrows(BorrowEndedException.class, kept.get()::label);
        assertEquals(1, dropped(), "Rust's frames unwound and dropped the token");
    }

    @Test
    void callbacksGivenObjectsOwnThem() {
        List<Token> given = new ArrayList<>();
        rust.giveTokens(3, (token, index) -> {
            assertEquals(index, token.id());
            given.add(token);
        });
        assertEquals(3, rust.liveTokens());
        assertEquals(
                List.of("given", "given", "given"),
                given.stream().map(Token::label).toList());
        given.forEach(Token::close);
        assertEquals(3, dropped());
    }
}
