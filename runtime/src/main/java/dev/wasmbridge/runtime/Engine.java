package dev.wasmbridge.runtime;

import java.util.Locale;

/**
 * Which Chicory engine runs the Wasm code. Chosen with the system property {@code wasmbridge.engine}:
 * {@code auto} (the default), {@code compiler} or {@code interpreter}.
 */
public enum Engine {
    /**
     * The JVM bytecode the annotation processor compiled at build time, when the bindings have it;
     * otherwise {@link #COMPILER}.
     */
    AUTO,
    /**
     * Chicory's compiler at run time: translates the module to JVM bytecode once, when the first instance
     * is made. Calls are much faster than in the interpreter, and runaway loops can be interrupted (it
     * checks at every backward branch).
     */
    COMPILER,
    /**
     * Chicory's interpreter: no compilation step. In Chicory 1.7.5 it checks for interruption only at
     * unconditional branches, so a timeout cannot stop a loop that only branches back with {@code br_if}.
     */
    INTERPRETER;

    /** The system property that selects the engine. */
    public static final String PROPERTY = "wasmbridge.engine";

    /**
     * The system property that, set to {@code false}, makes bindings call the build-time bytecode through
     * Chicory's {@code ExportFunction} instead of calling each export's compiled method directly (typed, no
     * argument arrays). For comparisons and as a way out; the direct calls are the default.
     */
    public static final String DIRECT_CALLS_PROPERTY = "wasmbridge.directCalls";

    /**
     * The system property that, set to {@code false}, makes bindings parse the whole module even when they
     * run it on the build-time bytecode, instead of its skeleton (the module without function bodies, which
     * the bytecode does not need). For comparisons and as a way out.
     */
    public static final String SKELETON_PROPERTY = "wasmbridge.skeleton";

    /**
     * {@return the engine selected by {@value #PROPERTY}}
     *
     * @throws IllegalArgumentException if the property names no engine
     */
    public static Engine configured() {
        String name = System.getProperty(PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "System property " + PROPERTY + " is '" + System.getProperty(PROPERTY)
                            + "'; use 'auto', 'compiler' or 'interpreter'.",
                    e);
        }
    }
}
