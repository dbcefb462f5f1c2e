package dev.wasmbridge.runtime;

import dev.wasmbridge.runtime.internal.SandboxLimits;
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
 *
 * <p>The limits ({@link #withMemoryLimit}, {@link #withTableLimit}) hold each instance: a pool's instances
 * have one each, so a pool of {@code n} instances may hold {@code n} times the memory limit (docs/GUIDE.md,
 * "Running untrusted modules").
 */
public final class WasmOptions {
    private static final WasmOptions DEFAULTS = new WasmOptions(Wasi.defaults(), SandboxLimits.defaults());

    private final Wasi wasi;
    private final SandboxLimits limits;

    private WasmOptions(Wasi wasi, SandboxLimits limits) {
        this.wasi = wasi;
        this.limits = limits;
    }

    /**
     * {@return the defaults: {@link Wasi#defaults()}, a memory limit of the smaller of 1 GiB and a quarter of
     * the JVM's maximum heap, a table limit of 1,000,000 elements}
     */
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
        return new WasmOptions(
                Objects.requireNonNull(wasi, "wasi: pass Wasi.defaults() or options made from it"), limits);
    }

    /** {@return the WASI options} */
    public Wasi wasi() {
        return wasi;
    }

    /**
     * Sets how much linear memory each instance may have. Growth past it fails inside Wasm ({@code
     * memory.grow} returns -1), so Rust's allocator fails and the call aborts with a {@link
     * WasmOutOfMemoryException}; a module whose initial memory or data segments need more does not load
     * ({@link ModuleLoadException}). The JVM holds an instance's memory on its heap, page by page, so the limit
     * is also the most heap one instance's memory takes.
     *
     * @param bytes the limit in bytes, at least 65,536 (one Wasm page); rounded down to whole 64 KiB pages, and
     *     to Chicory's own maximum (32,767 pages, just under 2 GiB)
     * @return the changed options
     * @throws IllegalArgumentException if {@code bytes} is less than one page
     */
    public WasmOptions withMemoryLimit(long bytes) {
        return new WasmOptions(wasi, limits.withMemoryLimit(bytes));
    }

    /** {@return the memory limit of each instance, in bytes (a whole number of 64 KiB pages)} */
    public long memoryLimit() {
        return limits.memoryBytes();
    }

    /**
     * Sets how many elements each table of an instance may have. {@code table.grow} past it returns -1 inside
     * Wasm; a module that declares a bigger table does not load ({@link ModuleLoadException}). Rust modules
     * have one table of fixed size (the functions called through pointers and trait objects), far below the
     * default.
     *
     * @param elements the limit, not negative
     * @return the changed options
     * @throws IllegalArgumentException if {@code elements} is negative
     */
    public WasmOptions withTableLimit(int elements) {
        return new WasmOptions(wasi, limits.withTableLimit(elements));
    }

    /** {@return the table limit of each instance, in elements} */
    public int tableLimit() {
        return limits.tableElements();
    }

    @Override
    public String toString() {
        return "WasmOptions[wasi=" + wasi + ", memoryLimit=" + limits.memoryBytes() + ", tableLimit="
                + limits.tableElements() + "]";
    }
}
