package dev.wasmbridge.runtime;

/**
 * An object that belongs to a Wasm instance was used after {@link WasmBindings#resetState()} replaced that
 * instance. Its memory is gone with the old instance; using it would touch unrelated memory of the new one.
 */
public class StaleHandleException extends WasmBridgeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what the object, e.g. {@code "Counter@1024"}
     * @param handleGeneration the generation of the instance that made the object
     * @param currentGeneration the generation of the instance now
     */
    public StaleHandleException(String what, int handleGeneration, int currentGeneration) {
        super(what + " belongs to generation " + handleGeneration + " of its Wasm instance, but resetState() has"
                + " replaced it (now generation " + currentGeneration + "). Create a new object instead.");
    }
}
