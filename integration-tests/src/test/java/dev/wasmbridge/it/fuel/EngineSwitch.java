package dev.wasmbridge.it.fuel;

import dev.wasmbridge.runtime.Engine;
import java.util.function.Supplier;

/**
 * Makes bindings on a chosen engine: the engine is read once per module, when its first instance is made,
 * so bindings made here from a {@code ModuleSource} (a module of their own, instrumented and compiled at run
 * time) keep it after the property is restored.
 */
final class EngineSwitch {
    private EngineSwitch() {}

    static <T> T on(Engine engine, Supplier<T> factory) {
        String previous = System.getProperty(Engine.PROPERTY);
        System.setProperty(Engine.PROPERTY, engine.name().toLowerCase(java.util.Locale.ROOT));
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
