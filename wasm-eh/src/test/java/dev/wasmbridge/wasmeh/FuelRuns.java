package dev.wasmbridge.wasmeh;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Arrays;

/**
 * Runs an export of an instrumented module on one of {@link EngineRuns}' engines with a given amount
 * of fuel, and tells what it returned and how much fuel it used.
 */
final class FuelRuns {
    private FuelRuns() {}

    /**
     * What a call did: its results ({@code "traps"} for a trap) and the counter after it.
     *
     * @param outcome {@code "returns [..]"} or {@code "traps"}
     * @param fuelLeft the counter after the call (negative once the fuel ran out)
     * @param fuelUsed the fuel given minus the fuel left
     */
    record Run(String outcome, long fuelLeft, long fuelUsed) {}

    /** Instantiates {@code instrumented} on {@code engine} and calls {@code export} with {@code fuel}. */
    static Run run(byte[] instrumented, EngineRuns engine, String export, long fuel, long... args) {
        WasmModule module = Parser.parse(instrumented);
        Instance instance = Instance.builder(module)
                .withMachineFactory(engine.machines(module))
                .build();
        return call(instance, export, fuel, args);
    }

    /** Calls {@code export} on {@code instance} after setting its counter to {@code fuel}. */
    static Run call(Instance instance, String export, long fuel, long... args) {
        GlobalInstance counter = instance.exports().global(FuelMeter.FUEL_EXPORT);
        counter.setValue(fuel);
        String outcome;
        try {
            long[] results = instance.export(export).apply(args);
            outcome = "returns " + Arrays.toString(results == null ? new long[0] : results);
        } catch (TrapException e) {
            outcome = "traps";
        }
        long left = counter.getValue();
        return new Run(outcome, left, fuel - left);
    }
}
