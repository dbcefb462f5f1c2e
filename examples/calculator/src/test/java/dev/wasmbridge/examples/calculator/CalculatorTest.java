package dev.wasmbridge.examples.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmAbortException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The example's behaviour: typed calls, the Rust Session object, errors, a caught panic, an abort + reset. */
class CalculatorTest {
    private final Calculator calc = CalculatorBindings.create();

    @Test
    void freeFunctionsTakeAndReturnTypedValues() throws CalcException {
        assertEquals(List.of("x", "=", "2", "*", "(", "3", "+", "4.5", ")"), calc.tokenize("x = 2*(3+4.5)"));
        assertEquals(14.0, calc.evaluate("2 * (3 + 4)"));
        assertEquals(512.0, calc.evaluate("2^3^2"), "^ is right-associative");
        assertEquals(-8.0, calc.evaluate("-2^3"));
        assertEquals(2.5, calc.evaluate("avg(1, 2, 3, 4)"));
        assertEquals(Math.PI, calc.evaluate("pi"));
        assertEquals("42", calc.formatNumber(42.0));
        assertEquals("0.3333333333", calc.formatNumber(1.0 / 3));
        assertEquals("-inf", calc.formatNumber(Double.NEGATIVE_INFINITY));
        assertEquals("1.5e20", calc.formatNumber(1.5e20));
        assertEquals("héllo", calc.tokenize("héllo").get(0), "identifiers may be any Unicode letters");
    }

    @Test
    void rustErrorsBecomeTheDeclaredCheckedException() {
        assertEquals(
                "division by zero",
                assertThrows(CalcException.class, () -> calc.evaluate("1 / 0")).getMessage());
        assertEquals(
                "unknown function 'nope'",
                assertThrows(CalcException.class, () -> calc.evaluate("nope(1)"))
                        .getMessage());
        assertEquals(
                "unexpected '*'",
                assertThrows(CalcException.class, () -> calc.evaluate("3 + * 4"))
                        .getMessage());
        assertEquals(
                "unexpected character '$' at column 3",
                assertThrows(CalcException.class, () -> calc.tokenize("1 $ 2")).getMessage());
    }

    @Test
    void aSessionKeepsItsVariables() throws CalcException {
        try (Session session = calc.newSession()) {
            assertEquals(14.0, session.eval("x = 2 * (3 + 4)"));
            assertEquals(15.0, session.eval("y = x + 1"));
            assertEquals(29.0, session.eval("x + y"));
            assertEquals(List.of("ans", "x", "y"), session.variables());
            assertEquals(OptionalDouble.of(14.0), session.get("x"));
            assertEquals(OptionalDouble.of(29.0), session.get("ans"));
            assertEquals(OptionalDouble.empty(), session.get("z"));
            assertEquals(3, session.evaluations());

            CalcException error = assertThrows(CalcException.class, () -> session.eval("z * 2"));
            assertEquals("unknown variable 'z'", error.getMessage());
            assertThrows(CalcException.class, () -> session.eval("pi = 3"));
            assertEquals(3, session.evaluations(), "failed lines are not counted");
            assertEquals(OptionalDouble.of(14.0), session.get("x"), "an error leaves the variables as they were");

            session.clear();
            assertEquals(List.of(), session.variables());
        }
    }

    @Test
    void twoSessionsAreIndependent() throws CalcException {
        try (Session a = calc.newSession();
                Session b = calc.newSession()) {
            a.eval("x = 1");
            b.eval("x = 2");
            assertEquals(OptionalDouble.of(1.0), a.get("x"));
            assertEquals(OptionalDouble.of(2.0), b.get("x"));
        }
    }

    @Test
    void aPanicIsCaughtAndTheInstanceStaysUsable() throws CalcException {
        Session session = calc.newSession();
        session.eval("x = 42");

        RustPanicException panic = assertThrows(RustPanicException.class, () -> calc.tokenAt("1 + 2", 7));
        assertTrue(panic.panicMessage().contains("index out of bounds"), panic.panicMessage());

        assertFalse(calc.isTerminated());
        assertEquals("+", calc.tokenAt("1 + 2", 1));
        assertEquals(OptionalDouble.of(42.0), session.get("x"), "the session survived the panic");
    }

    @Test
    void anAbortIsReportedAndResetStateRecovers() throws CalcException {
        Session session = calc.newSession();
        session.eval("x = 42");
        List<AbortEvent> events = new ArrayList<>();
        calc.setOnAbort(events::add);

        WasmAbortException abort = assertThrows(WasmAbortException.class, () -> calc.crash("test"));
        assertEquals(AbortReason.TRAP, abort.reason());
        assertEquals(1, events.size());
        assertEquals("crash", events.get(0).exportName());
        assertTrue(calc.isTerminated());
        assertThrows(ModuleTerminatedException.class, () -> calc.evaluate("1 + 1"));

        calc.resetState();
        assertFalse(calc.isTerminated());
        assertEquals(2, calc.generation());
        assertThrows(StaleHandleException.class, session::variables, "the old session died with its instance");
        try (Session fresh = calc.newSession()) {
            assertEquals(2.0, fresh.eval("1 + 1"));
            assertEquals(OptionalDouble.empty(), fresh.get("x"));
        }
    }

    @Test
    void theTourRunsToTheEnd() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CalculatorApp.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("> x = 2 * (3 + 4)  =  14"), text);
        assertTrue(text.contains("caught RustPanicException: panicked at"), text);
        assertTrue(text.contains("caught WasmAbortException: reason TRAP; terminated: true"), text);
        assertTrue(text.contains("fresh session variables: [ans, x]"), text);
    }
}
