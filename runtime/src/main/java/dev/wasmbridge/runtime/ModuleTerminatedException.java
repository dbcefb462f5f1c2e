package dev.wasmbridge.runtime;

/**
 * A call on a Wasm instance that an earlier abort terminated. Call {@link WasmBindings#resetState()} for
 * a fresh instance; {@link #abort()} tells what terminated this one.
 */
public class ModuleTerminatedException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /** The abort that terminated the instance. */
    private final WasmAbortException abort;

    /**
     * @param exportName the export the refused call was for
     * @param abort the abort that terminated the instance
     */
    public ModuleTerminatedException(String exportName, WasmAbortException abort) {
        super(
                "Cannot call Rust export '" + exportName + "': the Wasm instance was terminated by an earlier abort"
                        + " (" + abort.getMessage() + "). Call resetState() for a fresh instance.",
                abort);
        this.abort = abort;
    }

    /** {@return the abort that terminated the instance} */
    public WasmAbortException abort() {
        return abort;
    }
}
