package dev.wasmbridge.it.limits;

import dev.wasmbridge.runtime.ModuleSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A module of the test resources given to bindings as bytes, so that it runs on the engine chosen then. */
final class ModuleBytes {
    private ModuleBytes() {}

    /** The classpath resource {@code resource} as a module given at run time. */
    static ModuleSource of(String resource) {
        try (InputStream in = ModuleBytes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return ModuleSource.of(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
