package dev.wasmbridge.it.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.ClosedObjectException;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmIterator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rust iterators as Java {@code Iterator}s, {@code WasmIterator}s and {@code Stream}s (docs/ABI.md,
 * "Iterators"); run on the exnref and legacy builds. The fixture counts its iterators alive and dropped and
 * the items they computed, so each test checks laziness and that each Rust iterator is dropped exactly once:
 * exhausted, closed or collected.
 */
abstract class IteratorsContract {
    private RecordingObjectsHost host;
    private ObjectsFixture rust;
    private int droppedBefore;

    /** Binds the flavour under test. */
    abstract ObjectsFixture create(ObjectsHost host);

    @BeforeEach
    void instantiate() {
        host = new RecordingObjectsHost();
        rust = create(host);
        droppedBefore = rust.droppedIterators();
    }

    @AfterEach
    void nothingLeftAlive() {
        assertEquals(0, rust.liveIterators(), "every iterator was dropped");
        assertEquals(0, rust.liveTokens(), "every token was dropped");
    }

    private int dropped() {
        return rust.droppedIterators() - droppedBefore;
    }

    private static <T> List<T> drain(Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }

    @Test
    void itemsAreComputedOneAtATimeAsJavaAsksForThem() {
        long before = rust.computed();
        Iterator<Integer> numbers = rust.countUp(4);
        assertEquals(before, rust.computed(), "nothing computed before the first hasNext()");
        assertTrue(numbers.hasNext());
        assertEquals(before + 1, rust.computed());
        assertTrue(numbers.hasNext(), "asking again fetches nothing");
        assertEquals(before + 1, rust.computed());
        assertEquals(0, numbers.next());
        assertEquals(1, numbers.next());
        assertEquals(before + 2, rust.computed());
        assertEquals(List.of(2, 3), drain(numbers));
        assertEquals(1, dropped(), "dropped as soon as it ended");
        assertFalse(numbers.hasNext(), "and stays ended");
        assertThrows(NoSuchElementException.class, numbers::next);
        assertEquals(1, dropped());
    }

    @Test
    void unsignedItems() {
        assertEquals(List.of(0, 1, 2), drain(rust.countUp(3)));
        Iterator<Integer> big = rust.countUp(-1); // u32::MAX items, lazily
        assertEquals(0, big.next());
        ((WasmIterator<Integer>) big).close();
        assertEquals(2, dropped());
    }

    @Test
    void anEndlessIteratorIsClosedEarly() {
        WasmIterator<Long> naturals = rust.naturals();
        assertEquals(List.of(0L, 1L, 2L), List.of(naturals.next(), naturals.next(), naturals.next()));
        assertEquals(1, rust.liveIterators());
        naturals.close();
        assertEquals(0, rust.liveIterators());
        assertEquals(1, dropped());
        ClosedObjectException e = assertThrows(ClosedObjectException.class, naturals::hasNext);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(ClosedObjectException.class, naturals::next);
        naturals.close();
        assertEquals(1, dropped(), "closing twice drops once");
    }

    @Test
    void aBatchedIteratorHandsOverSeveralItemsPerCall() {
        long before = rust.computed();
        WasmIterator<Integer> numbers = rust.countBatched(10, 4);
        assertEquals(0, numbers.next());
        assertEquals(before + 4, rust.computed(), "one call computed a batch of 4");
        assertEquals(1, numbers.next());
        assertEquals(before + 4, rust.computed());
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), drain(numbers));
        assertEquals(1, dropped());
    }

    @Test
    void streams() {
        assertEquals(List.of("a", "bb", "ccc"), rust.words(" a bb  ccc ").toList());
        assertEquals(1, dropped());
        try (Stream<String> words = rust.words("one two three four")) {
            assertEquals(List.of("one", "two"), words.limit(2).toList());
        }
        assertEquals(2, dropped(), "closing the stream dropped the iterator it did not finish");
        assertEquals(
                List.of(Suit.HEARTS, Suit.SPADES, Suit.HEARTS), rust.suits().toList());
        assertEquals(3, rust.checkedCount(3).mapToInt(Integer::intValue).sum());
        assertEquals(4, dropped());
    }

    @Test
    void itemsOfEveryEncodedKind() {
        assertEquals(List.of(new Spot(0, 0), new Spot(1, -1), new Spot(2, -2)), drain(rust.spots(3)));
        assertEquals(List.of(Optional.of("a"), Optional.empty(), Optional.of("b")), drain(rust.maybeWords("a,,b")));
        assertEquals(2, dropped());
    }

    @Test
    void objectItemsAreObjectsJavaOwns() {
        List<Token> tokens = drain(rust.tokenStream(3, 1));
        assertEquals(3, rust.liveTokens());
        assertEquals(List.of(0L, 1L, 2L), tokens.stream().map(Token::id).toList());
        tokens.forEach(Token::close);
        assertEquals(0, rust.liveTokens());

        WasmIterator<Token> batched = rust.tokenStream(5, 3);
        Token first = batched.next();
        assertEquals(3, rust.liveTokens(), "a batch of 3 made 3 tokens");
        batched.close();
        assertEquals(1, rust.liveTokens(), "closing the iterator closed the 2 tokens fetched but not returned");
        assertEquals("streamed", first.label());
        first.close();
        assertEquals(2, dropped());
    }

    @Test
    void aClassMethodReturnsAnIteratorThatOutlivesTheObject() {
        Token token = rust.newToken(1, "abc");
        Iterator<String> letters = token.letters();
        token.close();
        assertEquals(List.of("a", "b", "c"), drain(letters), "it iterates a copy");
        assertEquals(1, dropped());
    }

    @Test
    void aPanicInTheIteratorIsARustPanicAndPoisonsIt() {
        WasmIterator<Integer> failing = rust.failingAfter(2);
        assertEquals(0, failing.next());
        assertEquals(1, failing.next());
        RustPanicException e = assertThrows(RustPanicException.class, failing::hasNext);
        assertTrue(e.panicMessage().endsWith("item 2 failed"), e.panicMessage());
        PoisonedObjectException poisoned = assertThrows(PoisonedObjectException.class, failing::hasNext);
        assertEquals("wasmbridge_iter_next", poisoned.poisonedBy());
        assertEquals(e.panicMessage(), poisoned.reason());
        assertEquals(1, rust.liveIterators());
        failing.close();
        assertEquals(1, dropped(), "close() dropped the poisoned iterator");
    }

    @Test
    void iteratorsOfAResetInstanceAreStale() {
        WasmIterator<Long> old = rust.naturals();
        assertEquals(0L, old.next());
        rust.resetState();
        droppedBefore = rust.droppedIterators();
        StaleHandleException e = assertThrows(StaleHandleException.class, old::hasNext);
        assertTrue(e.getMessage().contains("resetState"), e.getMessage());
        old.close(); // nothing: its memory went with the old instance
        assertEquals(0, dropped());
        assertEquals(List.of(0, 1), drain(rust.countUp(2)), "the new instance's iterators work");
    }

    @Test
    void anErrBeforeTheIteratorIsAnException() {
        RustErrorException e = assertThrows(RustErrorException.class, () -> rust.checkedCount(-1));
        assertTrue(e.getMessage().contains("negative count: -1"), e.getMessage());
        assertEquals(0, dropped());
    }

    @Test
    void itemsWithSideEffectsHappenWhenJavaAsksForThem() {
        Iterator<Integer> ticking = rust.ticking(3);
        assertEquals(List.of(), host.ticks);
        assertEquals(0, ticking.next());
        assertEquals(List.of(0), host.ticks, "the import ran for the first item only");
        assertEquals(List.of(1, 2), drain(ticking));
        assertEquals(List.of(0, 1, 2), host.ticks);
    }

    @Test
    void abandonedIteratorsAreDroppedAfterCollection() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            Iterator<Long> abandoned = rust.naturals();
            abandoned.next();
        }
        assertEquals(10, rust.liveIterators());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rust.liveIterators() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(10, dropped(), "each dropped once, by the Cleaner's queued drop");
    }
}
