package dev.wasmbridge.it.limits;

import dev.wasmbridge.it.EngineSwitch;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.WasmOptions;
import dev.wasmbridge.runtime.WasmOutOfMemoryException;
import java.util.Locale;

/**
 * Run by {@link HeapExhaustionTest} in a JVM with a small heap: a module whose memory limit (1 GiB) is
 * above what the heap can hold grows until the heap runs out. Prints what the caller saw.
 */
public final class HeapExhaustion {
    private HeapExhaustion() {}

    /**
     * Grows, reports, resets.
     *
     * @param args the engine: {@code auto}, {@code compiler} or {@code interpreter}
     */
    public static void main(String[] args) {
        Engine engine = Engine.valueOf(args[0].toUpperCase(Locale.ROOT));
        WasmOptions options = WasmOptions.defaults().withMemoryLimit(1L << 30);
        HostileWat wat = engine == Engine.AUTO
                ? HostileWatBindings.create(options)
                : EngineSwitch.on(
                        engine, () -> HostileWatBindings.create(ModuleBytes.of("wasm/hostile_limits.wasm"), options));
        try {
            wat.growMemoryForever(16);
            System.out.println("returned");
        } catch (WasmOutOfMemoryException e) {
            System.out.println("out of memory: requested " + e.requestedBytes() + ", cause "
                    + (e.getCause() == null ? null : e.getCause().getClass().getName()) + ", terminated "
                    + wat.isTerminated());
        } catch (Throwable e) {
            System.out.println("other: " + e);
        }
        wat.resetState();
        System.out.println("after the reset: " + wat.memoryPages() + " page");
    }
}
