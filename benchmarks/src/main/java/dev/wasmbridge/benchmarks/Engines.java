package dev.wasmbridge.benchmarks;

import dev.wasmbridge.runtime.Engine;
import java.util.Locale;

/**
 * Selects the Chicory engine for the proxies of the current JMH fork. Generated bindings read the system
 * property {@value Engine#PROPERTY} when their module makes its first instance, so it is set before the
 * first {@code create()}. Each JMH parameter combination runs in its own fork, which is what makes this
 * work: with {@code -f 0} every combination would share the engine of the first one.
 */
final class Engines {
    private Engines() {}

    static void select(String engine) {
        System.setProperty(Engine.PROPERTY, engine);
        if (Engine.configured() != Engine.valueOf(engine.toUpperCase(Locale.ROOT))) {
            throw new IllegalStateException("engine " + engine + " not selected");
        }
    }
}
