package dev.wasmbridge.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmbridge.wasmeh.LegacyEh;
import dev.wasmbridge.wasmeh.MalformedWasmException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a Wasm module comes from, parsed once on first use and shared by every instance made from it.
 *
 * <p>Generated bindings hold one per module in a static field, so the bytes are read and parsed once per
 * class loader, not once per instance or per {@code resetState()}. A module using the legacy
 * exception-handling instructions (rustc's default for {@code panic=unwind}) is translated to the exnref
 * form Chicory runs; a module already in exnref form is used as it is.
 */
public final class ModuleSource {
    private final String name;
    private final ByteSupplier bytes;
    private final ClassLoader loader;
    private final String compiledMachine;
    private final String compiledDigest;
    private volatile WasmModule parsed;
    private volatile Function<Instance, Machine> machines;

    private ModuleSource(
            String name, ByteSupplier bytes, ClassLoader loader, String compiledMachine, String compiledDigest) {
        this.name = name;
        this.bytes = bytes;
        this.loader = loader;
        this.compiledMachine = compiledMachine;
        this.compiledDigest = compiledDigest;
    }

    /**
     * A module packaged as a classpath resource, looked up with the class loader of {@code anchor}.
     *
     * @param anchor a class whose class loader sees the resource (generated bindings pass themselves)
     * @param resource the path from the classpath root, for example {@code "wasm/greeter.wasm"}
     */
    public static ModuleSource classpath(Class<?> anchor, String resource) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(resource, "resource");
        return new ModuleSource(resource, () -> readResource(anchor, resource), anchor.getClassLoader(), null, null);
    }

    /**
     * A module given as bytes at run time.
     *
     * @param name a name for messages, such as the file it came from
     */
    public static ModuleSource of(String name, byte[] wasm) {
        Objects.requireNonNull(name, "name");
        byte[] copy = Objects.requireNonNull(wasm, "wasm").clone();
        return new ModuleSource(name, () -> copy, null, null, null);
    }

    /**
     * The same module, with the JVM bytecode Chicory's compiler made of it at build time: the class {@code
     * machineClass}, loaded with the class loader of the anchor. Generated bindings use this when the
     * processor compiled the module. The class is used only if the module loaded at run time has the digest
     * it was compiled from; a changed module is compiled at run time instead.
     *
     * @param moduleDigest Chicory's digest ({@code WasmModule.digest()}) of the module the class was
     *     compiled from
     */
    public ModuleSource withCompiledMachine(String machineClass, String moduleDigest) {
        return new ModuleSource(name, bytes, loader, Objects.requireNonNull(machineClass, "machineClass"),
                Objects.requireNonNull(moduleDigest, "moduleDigest"));
    }

    /** The class compiled at build time from exactly this module, or null. */
    String compiledMachine() {
        return compiledMachine != null && compiledDigest.equals(module().digest()) ? compiledMachine : null;
    }

    /** The class loader that sees the compiled machine class. */
    ClassLoader loader() {
        return loader == null ? ClassLoader.getSystemClassLoader() : loader;
    }

    /** The name used in messages: the resource path or the name given. */
    public String name() {
        return name;
    }

    /**
     * The parsed module, parsed on the first call.
     *
     * @throws ModuleLoadException if the module cannot be found or is not valid Wasm
     */
    public WasmModule module() {
        WasmModule module = parsed;
        if (module == null) {
            synchronized (this) {
                module = parsed;
                if (module == null) {
                    module = parse(bytes.get());
                    parsed = module;
                }
            }
        }
        return module;
    }

    /**
     * Makes the machine each instance runs on, for the {@linkplain Engine#configured() configured engine};
     * a compiled module is compiled once and shared by every instance made from it.
     */
    Function<Instance, Machine> machineFactory() {
        Function<Instance, Machine> factory = machines;
        if (factory == null) {
            synchronized (this) {
                factory = machines;
                if (factory == null) {
                    factory = Engine.configured().machineFactory(this);
                    machines = factory;
                }
            }
        }
        return factory;
    }

    private WasmModule parse(byte[] wasm) {
        byte[] runnable;
        try {
            runnable = LegacyEh.translate(wasm);
        } catch (MalformedWasmException e) {
            throw new ModuleLoadException(
                    "Wasm module '" + name + "' is not a valid module: " + e.getMessage(), e);
        }
        try {
            return Parser.parse(runnable);
        } catch (ChicoryException e) {
            throw new ModuleLoadException(
                    "Wasm module '" + name + "' is not a valid module: " + e.getMessage(), e);
        }
    }

    private static byte[] readResource(Class<?> anchor, String resource) {
        ClassLoader loader = anchor.getClassLoader();
        InputStream in =
                loader == null
                        ? ClassLoader.getSystemResourceAsStream(resource)
                        : loader.getResourceAsStream(resource);
        if (in == null) {
            throw new ModuleLoadException(
                    "Wasm module '" + resource + "' is not on the classpath of "
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

    @FunctionalInterface
    private interface ByteSupplier {
        byte[] get();
    }
}
