package dev.wasmbridge.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the committed .wasm files, which are packaged in the benchmarks jar under {@code wasm/}. */
final class Resources {
    static final String LEGACY = "wasm/big_module.legacy.wasm";
    static final String EXNREF = "wasm/big_module.exnref.wasm";

    private Resources() {}

    static byte[] read(String resource) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
