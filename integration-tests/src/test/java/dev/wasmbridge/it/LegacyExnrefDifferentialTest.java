package dev.wasmbridge.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The same Rust sources built with legacy exception handling (translated by wasm-eh) and with exnref
 * behave exactly alike through the generated bindings: same results, same exceptions, same panic messages.
 */
class LegacyExnrefDifferentialTest {
    @Test
    void sameOutcomesCallForCall() {
        List<String> exnref = outcomes(PanicFixtureExnrefBindings::create);
        List<String> legacy = outcomes(PanicFixtureLegacyBindings::create);
        assertEquals(exnref.size(), legacy.size());
        for (int i = 0; i < exnref.size(); i++) {
            assertEquals(exnref.get(i), legacy.get(i), "call " + i);
        }
    }

    /**
     * No call of the script aborts, in either build: the same wrong outcome in both would pass the comparison
     * (the HotSpot bug behind {@code jit.HotReallocContract} struck both builds at once in most runs).
     */
    @Test
    void noCallAborts() {
        for (Function<PanicHost, PanicFixture> factory : List.<Function<PanicHost, PanicFixture>>of(
                PanicFixtureExnrefBindings::create, PanicFixtureLegacyBindings::create)) {
            List<String> outcomes = outcomes(factory);
            for (int i = 0; i < outcomes.size(); i++) {
                assertFalse(outcomes.get(i).startsWith(ABORTED), "call " + i + ": " + outcomes.get(i));
            }
        }
    }

    private static List<String> outcomes(Function<PanicHost, PanicFixture> factory) {
        ScriptedHost host = new ScriptedHost();
        PanicFixture rust = factory.apply(host);
        host.rust = rust;
        List<String> outcomes = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            int a = random.nextInt(100) - 50;
            int b = random.nextInt(5) - 2;
            int op = random.nextInt(10);
            host.toThrow = op == 7 ? new IllegalStateException("host " + i) : null;
            outcomes.add(outcome(() -> {
                switch (op) {
                    case 0:
                        return rust.divide(a, b);
                    case 1:
                        return rust.element(b + 2 + (a % 3 == 0 ? 5 : 0));
                    case 2:
                        return rust.panicWith("message " + a);
                    case 3:
                        return rust.pushState(a);
                    case 4:
                        return rust.stateSum();
                    case 5:
                        return rust.reenter(a, b);
                    case 6:
                        return rust.callHostGreeting("n" + a);
                    case 7:
                        return rust.callHost(a);
                    case 8:
                        return rust.pushViaHost(a);
                    default:
                        return rust.drops();
                }
            }));
            if (rust.isTerminated()) {
                rust.resetState();
            }
        }
        return outcomes;
    }

    /** How {@link #outcome} starts the outcome of a call that aborted the instance. */
    private static final String ABORTED = "aborted: ";

    private static String outcome(java.util.function.Supplier<Object> call) {
        try {
            return "returned " + call.get();
        } catch (RuntimeException e) {
            if (e instanceof dev.wasmbridge.runtime.WasmAbortException) {
                // an abort is never expected here: keep the engine's stack trace to tell where Rust trapped
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                System.err.println("abort in differential run: " + trace);
                return ABORTED + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            return "threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
