package dev.wasmbridge.runtime.internal;

import java.util.function.Supplier;

/**
 * The runtime's warnings, on the {@code System.Logger} named {@value #NAME}. The logger is looked up when
 * the first warning is logged, not when the runtime's classes load: finding the logging backend costs
 * milliseconds that the first call of a module should not pay when there is nothing to say.
 */
final class Log {
    /** The logger's name. */
    static final String NAME = "dev.wasmbridge";

    private Log() {}

    static void warning(Supplier<String> message) {
        System.getLogger(NAME).log(System.Logger.Level.WARNING, message);
    }

    static void warning(String message, Throwable thrown) {
        System.getLogger(NAME).log(System.Logger.Level.WARNING, message, thrown);
    }
}
