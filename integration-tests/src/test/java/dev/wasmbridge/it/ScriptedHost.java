package dev.wasmbridge.it;

import java.util.function.IntUnaryOperator;

/** A {@link PanicHost} whose behaviour each test scripts; {@code hostReenter} calls back into Rust. */
class ScriptedHost implements PanicHost {
    IntUnaryOperator transform = v -> v * 2;
    RuntimeException toThrow;
    PanicFixture rust;
    int reentered;

    @Override
    public int hostTransform(int value) {
        if (toThrow != null) {
            throw toThrow;
        }
        return transform.applyAsInt(value);
    }

    @Override
    public String hostGreeting(String name) {
        if (toThrow != null) {
            throw toThrow;
        }
        return "hello " + name;
    }

    @Override
    public int hostReenter(int a, int b) {
        reentered++;
        return rust.divide(a, b);
    }
}
