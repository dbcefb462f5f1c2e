package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleSource;

/**
 * What the runtime reads from a {@link ModuleSource} that its public API does not show: the bytes and the
 * class whose loader reads them. {@code ModuleSource} installs the one implementation when it is
 * initialized (as the JDK's own {@code SharedSecrets} do), so {@code ModuleSource} needs no public method
 * for generated code. Not for hand-written code.
 */
public abstract class SourceAccess {
    private static volatile SourceAccess installed;

    /** For {@code ModuleSource} alone. */
    protected SourceAccess() {}

    /**
     * Installs {@code ModuleSource}'s implementation; called once, by {@code ModuleSource} itself.
     *
     * @param access the implementation
     * @throws IllegalStateException if one is installed already
     */
    public static synchronized void install(SourceAccess access) {
        if (installed != null) {
            throw new IllegalStateException("SourceAccess is installed by ModuleSource alone, once.");
        }
        installed = access;
    }

    /** The implementation; a {@code ModuleSource} exists, so its class has installed it. */
    static SourceAccess get() {
        return installed;
    }

    /**
     * Reads the module's bytes.
     *
     * @param source the source
     * @return the bytes, read each time
     * @throws ModuleLoadException if they cannot be read
     */
    protected abstract byte[] bytes(ModuleSource source);

    /**
     * The class whose loader reads a classpath module.
     *
     * @param source the source
     * @return the class, or null for bytes given at run time
     */
    protected abstract Class<?> anchor(ModuleSource source);
}
