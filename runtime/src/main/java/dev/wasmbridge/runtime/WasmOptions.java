package dev.wasmbridge.runtime;

import java.util.Objects;

/**
 * How the bindings build each Wasm instance: passed to the generated {@code create(WasmOptions, ...)} and
 * {@code pool(int, WasmOptions, ...)} factories, and used for every instance they make, every {@link
 * WasmBindings#resetState()} and every instance of a pool. Immutable: each {@code with...} method returns
 * a new instance, so one options value can be shared by any number of bindings.
 *
 * <pre>{@code
 * WasmOptions options = WasmOptions.defaults()
 *         .withWasi(Wasi.defaults().withDirectory("/data", dataDir, Wasi.Access.READ_ONLY));
 * Parser parser = ParserBindings.create(options, host);
 * }</pre>
 *
 * <p>The factories without options use {@link #defaults()}.
 */
public final class WasmOptions {
    private static final WasmOptions DEFAULTS = new WasmOptions(Wasi.defaults());

    private final Wasi wasi;

    private WasmOptions(Wasi wasi) {
        this.wasi = wasi;
    }

    /** {@return the defaults: {@link Wasi#defaults()}} */
    public static WasmOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Sets what a module built for {@code wasm32-wasip1} sees of the machine (clocks, randomness, output,
     * granted directories, environment, arguments). A module that imports no WASI function ignores it.
     *
     * @param wasi the WASI options
     * @return the changed options
     */
    public WasmOptions withWasi(Wasi wasi) {
        return new WasmOptions(Objects.requireNonNull(wasi, "wasi: pass Wasi.defaults() or options made from it"));
    }

    /** {@return the WASI options} */
    public Wasi wasi() {
        return wasi;
    }

    @Override
    public String toString() {
        return "WasmOptions[wasi=" + wasi + "]";
    }
}
