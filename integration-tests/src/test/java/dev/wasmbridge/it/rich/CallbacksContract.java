package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.RustPanicException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Java objects Rust calls back during an export call; run on the exnref and legacy builds. */
abstract class CallbacksContract {
    private RichFixture rust;

    /** Binds the flavour under test. */
    abstract RichFixture create(RichHost host);

    @BeforeEach
    void instantiate() {
        rust = create(new RecordingRichHost());
    }

    @Test
    void rustCallsJavaWithTypedArgumentsAndResults() {
        assertEquals(18, rust.applyTwice(x -> x * 3, 2));
        List<String> seen = new ArrayList<>();
        assertEquals(2, rust.countMatching(List.of("apple", "kiwi", "avocado"), (word, index) -> {
            seen.add(word + "@" + index);
            return word.startsWith("a");
        }));
        assertEquals(List.of("apple@0", "kiwi@1", "avocado@2"), seen);
        assertEquals(0, rust.countMatching(List.of(), (word, index) -> true));
        assertEquals(
                List.of(new Point(2, 1), new Point(-4, 3)),
                rust.mapPoints(List.of(new Point(1, 2), new Point(3, -4)), p -> new Point(p.y(), p.x())));
    }

    @Test
    void aCallbackMayCallRustAgain() {
        assertEquals(5, rust.applyTwice(x -> rust.applyTwice(y -> y + 1, x), 1));
    }

    @Test
    void anExceptionInACallbackUnwindsRustAndReachesTheCaller() {
        int dropsBefore = rust.guardDrops();
        List<Integer> calls = new ArrayList<>();
        IllegalStateException thrown = new IllegalStateException("stop at 3");
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> rust.callNTimes(10, i -> {
                    calls.add(i);
                    if (i == 3) {
                        throw thrown;
                    }
                }));
        assertSame(thrown, e, "the Java caller gets the callback's own exception");
        assertEquals(List.of(0, 1, 2, 3), calls);
        assertEquals(dropsBefore + 1, rust.guardDrops(), "Rust's destructors ran while unwinding");
        assertEquals(2, rust.callNTimes(2, i -> {}), "the instance is still live");
    }

    @Test
    void aPanicAfterTheCallbackIsARustPanic() {
        boolean[] ran = {false};
        RustPanicException e =
                assertThrows(RustPanicException.class, () -> rust.callbackThenPanic(() -> ran[0] = true));
        assertTrue(ran[0]);
        assertTrue(e.panicMessage().endsWith("after the callback"), e.panicMessage());
    }

    @Test
    void objectMethodsTakeCallbacksAndKeepTheirBorrowRules() {
        try (Counter counter = rust.newCounter("steps", 10)) {
            List<Long> steps = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            assertEquals(13, counter.eachStep(3, count -> {
                steps.add(count);
                try {
                    counter.get(); // &self while Rust holds &mut self
                } catch (RustPanicException e) {
                    problems.add(e.panicMessage());
                }
            }));
            assertEquals(List.of(11L, 12L, 13L), steps);
            assertEquals(3, problems.size());
            assertTrue(problems.get(0).contains("already borrowed"), problems.get(0));
            assertEquals(13, counter.get());
        }
    }

    @Test
    void nullCallbackIsRefusedNamingTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> rust.applyTwice(null, 1));
        assertTrue(e.getMessage().contains("argument 'f' of RichFixture.applyTwice"), e.getMessage());
    }
}
