package dev.wasmbridge.it;

import dev.wasmbridge.runtime.Engine;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Makes bindings on a chosen engine: the engine is read once per module, when its first instance is made,
 * so bindings made here from a {@code ModuleSource} (a module of their own, instrumented and compiled at run
 * time) keep it after the property is restored. Used by the fuel and the limits tests.
 */
public final class EngineSwitch {
    private EngineSwitch() {}

    /**
     * Runs {@code factory} with the system property {@value Engine#PROPERTY} set to {@code engine}.
     *
     * @param engine the engine the bindings made by {@code factory} run on
     * @param factory makes the bindings
     * @param <T> the bindings' type
     * @return what {@code factory} made
     */
    public static <T> T on(Engine engine, Supplier<T> factory) {
        String previous = System.getProperty(Engine.PROPERTY);
        System.setProperty(Engine.PROPERTY, engine.name().toLowerCase(Locale.ROOT));
        try {
            return factory.get();
        } finally {
            if (previous == null) {
                System.clearProperty(Engine.PROPERTY);
            } else {
                System.setProperty(Engine.PROPERTY, previous);
            }
        }
    }
}
