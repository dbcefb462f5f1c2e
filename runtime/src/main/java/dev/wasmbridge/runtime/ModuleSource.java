package dev.wasmbridge.runtime;

import dev.wasmbridge.runtime.internal.SourceAccess;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a Wasm module comes from: a classpath resource or bytes given at run time.
 *
 * <p>Generated bindings load their own module from the classpath. Pass a source of your own to their
 * {@code create(ModuleSource, ...)} factory to run another build of the same Rust code, such as one read
 * from a file at run time:
 *
 * <pre>{@code
 * Greeter greeter = GreeterBindings.create(ModuleSource.of("greeter.wasm", Files.readAllBytes(path)));
 * }</pre>
 *
 * <p>That module is checked against the interface when it is loaded: it must declare every Rust function,
 * import, class, record and enum the bindings use, unchanged, or loading fails with a {@link
 * ModuleLoadException} that names what changed. A source reads nothing until the bindings load it.
 */
public final class ModuleSource {
    static {
        SourceAccess.install(new SourceAccess() {
            @Override
            protected byte[] bytes(ModuleSource source) {
                return source.bytes.get();
            }

            @Override
            protected Class<?> anchor(ModuleSource source) {
                return source.anchor;
            }
        });
    }

    private final String name;
    private final Supplier<byte[]> bytes;
    /** The class whose loader reads the resource, or null for bytes given. */
    private final Class<?> anchor;

    private ModuleSource(String name, Supplier<byte[]> bytes, Class<?> anchor) {
        this.name = name;
        this.bytes = bytes;
        this.anchor = anchor;
    }

    /**
     * A module packaged as a classpath resource, looked up with the class loader of {@code anchor}.
     *
     * @param anchor a class whose class loader sees the resource (generated bindings pass themselves)
     * @param resource the path from the classpath root, for example {@code "wasm/greeter.wasm"}
     * @return the source; the resource is read when the module is loaded
     */
    public static ModuleSource classpath(Class<?> anchor, String resource) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(resource, "resource");
        return new ModuleSource(resource, () -> readResource(anchor, resource), anchor);
    }

    /**
     * A module given as bytes at run time.
     *
     * @param name a name for messages, such as the file it came from
     * @param wasm the module's bytes (copied)
     * @return the source
     */
    public static ModuleSource of(String name, byte[] wasm) {
        Objects.requireNonNull(name, "name");
        byte[] copy = Objects.requireNonNull(wasm, "wasm").clone();
        return new ModuleSource(name, () -> copy, null);
    }

    /**
     * The name used in messages: the resource path or the name given.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    private static byte[] readResource(Class<?> anchor, String resource) {
        ClassLoader loader = anchor.getClassLoader();
        InputStream in =
                loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource);
        if (in == null) {
            throw new ModuleLoadException("Wasm module '" + resource + "' is not on the classpath of "
                    + anchor.getName() + ". It was there when the bindings were compiled:"
                    + " check that the resource is packaged with them (for example in"
                    + " src/main/resources/" + resource + ").");
        }
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModuleLoadException("Could not read Wasm module '" + resource + "': " + e, e);
        }
    }

    @Override
    public String toString() {
        return "ModuleSource[" + name + "]";
    }
}
