package dev.wasmbridge.it.closures;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;
import java.util.List;

/**
 * The exports of integration-tests/rust/closures-fixture: Java callbacks and objects Rust keeps. Each build
 * flavour binds it with its own {@code @WasmModule} sub-interface.
 */
public interface ClosuresFixture extends WasmBindings {
    /** Stores {@code listener}; returns its id. */
    @WasmExport
    @Unsigned
    int addListener(Listener listener);

    /** Drops listener {@code id}. */
    @WasmExport
    boolean removeListener(@Unsigned int id);

    /** The handle of listener {@code id}. */
    @WasmExport
    int listenerHandle(@Unsigned int id);

    @WasmExport
    @Unsigned
    int listenerCount();

    @WasmExport
    void clearListeners();

    /** Calls every listener: {@code ok <result>} or {@code gone: ...} for each. */
    @WasmExport
    List<String> fire(String event);

    @WasmExport
    @Unsigned
    int fireGuardsDropped();

    /** Whether both are one handle in Rust. */
    @WasmExport
    boolean sameHandle(Listener a, Listener b);

    @WasmExport
    void setAborting(Hook hook);

    @WasmExport
    int callAborting(int x);

    @WasmExport
    void setLogger(Logger logger);

    @WasmExport
    long logThrough(int level, String message);

    @WasmExport
    void dropLogger();

    @WasmExport(name = "Service::new")
    Service newService(Logger logger);
}
