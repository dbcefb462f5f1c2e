package dev.wasmbridge.it.limits;

import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Bindings on each engine: the build-time bytecode is what {@code create(...)} uses; a module given as bytes
 * ({@code create(ModuleSource, ...)}) is compiled at run time, or interpreted under {@value Engine#PROPERTY}
 * {@code =interpreter}, which the module reads when its first instance is made.
 */
final class OnEngine {
    private OnEngine() {}

    /** Runs {@code create} with the system property {@value Engine#PROPERTY} set to {@code engine}. */
    static <T> T create(Engine engine, Supplier<T> create) {
        String previous = System.getProperty(Engine.PROPERTY);
        System.setProperty(Engine.PROPERTY, engine.name().toLowerCase(Locale.ROOT));
        try {
            return create.get();
        } finally {
            if (previous == null) {
                System.clearProperty(Engine.PROPERTY);
            } else {
                System.setProperty(Engine.PROPERTY, previous);
            }
        }
    }

    /** The classpath resource {@code resource} as a module given at run time. */
    static ModuleSource bytesOf(String resource) {
        try (InputStream in = OnEngine.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return ModuleSource.of(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
