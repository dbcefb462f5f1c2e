package dev.wasmbridge.it;

import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;

/**
 * The exports of integration-tests/rust/panic-fixture: panics, traps, aborts, runaway calls, imports that
 * throw, re-entrant calls. Bound per build flavour by {@link PanicFixtureExnref}, {@link PanicFixtureLegacy}
 * and {@link PanicFixtureAbort}.
 */
public interface PanicFixture extends WasmBindings {
    @WasmExport
    int divide(int a, int b);

    @WasmExport
    int element(int index);

    @WasmExport
    int panicWith(String message);

    @WasmExport
    int panicWithNumber();

    @WasmExport
    int panicAfterAllocating(int size);

    @WasmExport
    int drops();

    @WasmExport
    int pushState(int value);

    @WasmExport
    long stateSum();

    @WasmExport
    int pushViaHost(int value);

    @WasmExport
    int trapUnreachable();

    @WasmExport
    int trapDivide(int a, int b);

    @WasmExport
    int trapOutOfBounds();

    @WasmExport
    int exhaustMemory();

    @WasmExport
    int recurse(int depth);

    @WasmExport
    long spin(long iterations);

    @WasmExport
    int callHost(int value);

    @WasmExport
    String callHostGreeting(String name);

    @WasmExport
    int reenter(int a, int b);

    @WasmExport
    int add(int a, int b);
}
