package dev.wasmbridge.examples.calculator;

import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmAbortException;
import java.util.List;

/**
 * A calculator whose language (tokenizer, parser, evaluator) is the Rust library in
 * examples/calculator/rust. Run it with {@code mvn -B -q -f examples/calculator exec:java} after installing
 * the project; pass expressions as arguments ({@code -Dexec.args="'r = 3' 'pi * r^2'"}) to evaluate your
 * own lines instead of the tour.
 */
public final class CalculatorApp {
    private CalculatorApp() {}

    public static void main(String[] args) {
        Calculator calc = CalculatorBindings.create();
        if (args.length > 0) {
            try (Session session = calc.newSession()) {
                for (String line : args) {
                    run(calc, session, line);
                }
            }
            return;
        }

        System.out.println("== Typed calls and strings");
        String line = "area = pi * r^2";
        try {
            System.out.println("tokenize(\"" + line + "\") = " + calc.tokenize(line));
            System.out.println("evaluate(\"sqrt(2) * max(1, 4, 2)\") = " + calc.evaluate("sqrt(2) * max(1, 4, 2)"));
        } catch (CalcException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("formatNumber(1.0 / 3) = " + calc.formatNumber(1.0 / 3) + ", formatNumber(1e21 / 7) = "
                + calc.formatNumber(1e21 / 7));

        System.out.println();
        System.out.println("== A Rust object: Session keeps variables between lines");
        Session session = calc.newSession();
        for (String input : List.of("r = 1.5", "area = pi * r^2", "x = 2 * (3 + 4)", "avg(x, area, ans) - 1")) {
            run(calc, session, input);
        }
        System.out.println("variables: " + session.variables() + "; get(\"x\") = " + session.get("x")
                + "; get(\"y\") = " + session.get("y"));

        System.out.println();
        System.out.println("== Rust errors (Result::Err) become a checked CalcException");
        for (String input : List.of("x / (r - 1.5)", "2 * y", "sqrt(-4)", "3 + * 4", "pi = 3")) {
            run(calc, session, input);
        }

        System.out.println();
        System.out.println("== A Rust panic is caught, and the instance stays usable");
        try {
            calc.tokenAt("1 + 2", 7);
        } catch (RustPanicException panic) {
            System.out.println("caught RustPanicException: " + panic.panicMessage());
        }
        System.out.println("after the panic: tokenAt(\"1 + 2\", 1) = " + calc.tokenAt("1 + 2", 1) + ", x is still "
                + calc.formatNumber(session.get("x").orElseThrow()));

        System.out.println();
        System.out.println("== An abort (std::process::abort) terminates the instance; resetState() recovers");
        calc.setOnAbort(event -> System.out.println("onAbort: '" + event.exportName() + "' aborted, reason "
                + event.reason() + ", generation " + event.generation()));
        try {
            calc.crash("demonstration");
        } catch (WasmAbortException abort) {
            System.out.println(
                    "caught WasmAbortException: reason " + abort.reason() + "; terminated: " + calc.isTerminated());
        }
        calc.resetState();
        System.out.println("resetState(): generation " + calc.generation() + ", terminated: " + calc.isTerminated());
        try {
            session.variables();
        } catch (StaleHandleException stale) {
            System.out.println("the old session belonged to the aborted instance: StaleHandleException");
        }
        try (Session fresh = calc.newSession()) {
            run(calc, fresh, "x = 6 * 7");
            System.out.println("fresh session variables: " + fresh.variables());
        }
    }

    /** Evaluates one line in the session and prints the result or the error. */
    static void run(Calculator calc, Session session, String line) {
        try {
            System.out.println("> " + line + "  =  " + calc.formatNumber(session.eval(line)));
        } catch (CalcException e) {
            System.out.println("> " + line + "  error: " + e.getMessage());
        }
    }
}
