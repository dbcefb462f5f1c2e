package dev.wasmbridge.wasmeh;

import java.util.Optional;

/**
 * A function whose estimated JVM bytecode is over a budget: see
 * {@link FunctionSplitter#oversizedFunctions(byte[], int)}.
 */
public final class OversizedFunction {
    private final int functionIndex;
    private final String name;
    private final long estimatedSize;

    OversizedFunction(int functionIndex, String name, long estimatedSize) {
        this.functionIndex = functionIndex;
        this.name = name;
        this.estimatedSize = estimatedSize;
    }

    /**
     * Returns the function's index in the module's function index space (imports first).
     *
     * @return the function index
     */
    public int functionIndex() {
        return functionIndex;
    }

    /**
     * Returns the function's name from the module's {@code name} section.
     *
     * @return the name, or empty when the module does not name the function
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Returns the estimated size, in bytes, of the JVM method Chicory's compiler makes of the
     * function (HotSpot does not JIT-compile methods over
     * {@value FunctionSplitter#HUGE_METHOD_LIMIT} bytes).
     *
     * @return the estimated bytecode size
     */
    public long estimatedSize() {
        return estimatedSize;
    }

    /**
     * Describes the function, e.g. {@code function 812 (core::fmt::write): about 9600 bytes of
     * JVM bytecode}.
     */
    @Override
    public String toString() {
        return "function " + functionIndex + (name == null ? "" : " (" + name + ")") + ": about " + estimatedSize
                + " bytes of JVM bytecode";
    }
}
