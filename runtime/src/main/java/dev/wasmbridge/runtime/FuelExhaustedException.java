package dev.wasmbridge.runtime;

/**
 * A call used up its fuel: the instruction budget set with {@link WasmBindings#setCallFuel} (bindings of a
 * {@code @WasmModule(fuel = true)} interface). An abort like any other ({@link AbortReason#FUEL_EXHAUSTED}):
 * the instance is terminated until {@link WasmBindings#resetState()}, and an {@link AbortHandler} sees it
 * first. The same call with the same input and the same budget runs out at the same instruction on every
 * machine and engine.
 */
public final class FuelExhaustedException extends WasmAbortException {
    private static final long serialVersionUID = 1L;

    /** The budget the call started with. */
    private final long budget;

    /** The fuel the call used, at least the budget. */
    private final long fuelUsed;

    /**
     * @param exportName the export whose call ran out of fuel
     * @param budget the budget the call started with
     * @param fuelUsed the fuel the call used, at least {@code budget}
     * @param panicMessage the message of a Rust panic during the call, or null
     * @param cause the engine's trap, or null when the call returned with its fuel used up
     */
    public FuelExhaustedException(String exportName, long budget, long fuelUsed, String panicMessage, Throwable cause) {
        super(exportName, AbortReason.FUEL_EXHAUSTED, panicMessage, cause);
        this.budget = budget;
        this.fuelUsed = fuelUsed;
    }

    /** {@return the budget the call started with} */
    public long budget() {
        return budget;
    }

    /**
     * {@return the fuel the call used before it was stopped} At least {@link #budget()}: a segment of code is
     * charged in full when it starts, and the counter is checked at loop heads and at the entries of functions
     * that call.
     */
    public long fuelUsed() {
        return fuelUsed;
    }
}
