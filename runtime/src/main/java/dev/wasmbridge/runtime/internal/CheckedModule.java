package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.WasmBindings;
import dev.wasmbridge.wasmeh.FuelMeter;
import dev.wasmbridge.wasmeh.FunctionSplitter;
import dev.wasmbridge.wasmeh.LegacyEh;
import dev.wasmbridge.wasmeh.MalformedWasmException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ModuleSource} as generated bindings load it: parsed once on first use and shared by every
 * instance made from it, with what the annotation processor checked the bindings against and made at
 * build time. Not for hand-written code.
 *
 * <p>Generated bindings hold one per module in a static field, so the bytes are read and parsed once per
 * class loader, not once per instance or per {@code resetState()}. A module using the legacy
 * exception-handling instructions (rustc's default for {@code panic=unwind}) is translated to the exnref
 * form Chicory runs; a module already in exnref form is used as it is.
 *
 * <p>Generated bindings record what the processor checked them against ({@link #checkedAgainst}). A module
 * that is not that file is checked again when it is loaded, and runs only if it still fits: stale
 * bindings never run a changed module blindly, and what was translated or compiled at build time from one
 * file is never used for another.
 */
public final class CheckedModule {

    // Set when the source is made (by the factory methods and the with* copies), never after it is shared.
    private final ModuleSource source;
    private final String name;
    /** The class whose loader reads the resources (the generated bindings), or null for bytes given. */
    private final Class<?> anchor;
    /** The bindings the checks are for, for messages; null when nothing was checked. */
    private Class<?> checkedBy;

    private String checkedSha256;
    private List<String> checkedDeclarations = List.of();
    private String translation;
    private String compiledMachine;
    private String compiledDigest;
    private String skeleton;
    /** The build-time machine's methods over HotSpot's JIT limit, described for a warning. */
    private List<String> hugeMethods = List.of();
    /** Whether the module runs instrumented for fuel ({@code @WasmModule(fuel = true)}, {@link FuelMeter}). */
    private boolean fuel;

    private volatile WasmModule parsed;
    private volatile Function<Instance, Machine> machines;
    private volatile boolean directCalls;
    /** Whether the loaded module is the very file the bindings were checked against (set by {@link #load}). */
    private boolean verified;
    /** Whether the loaded module is the skeleton: only the build-time bytecode can run it. */
    private boolean skeletonLoaded;

    private CheckedModule(ModuleSource source) {
        this.source = source;
        this.name = source.name();
        this.anchor = SourceAccess.get().anchor(source);
    }

    /** A copy of what this module was given (not what it loaded), for the with* methods to change. */
    private CheckedModule copy() {
        CheckedModule copy = new CheckedModule(source);
        copy.checkedBy = checkedBy;
        copy.checkedSha256 = checkedSha256;
        copy.checkedDeclarations = checkedDeclarations;
        copy.translation = translation;
        copy.compiledMachine = compiledMachine;
        copy.compiledDigest = compiledDigest;
        copy.skeleton = skeleton;
        copy.hugeMethods = hugeMethods;
        copy.fuel = fuel;
        return copy;
    }

    /**
     * A module packaged as a classpath resource, looked up with the class loader of {@code anchor}; see
     * {@link ModuleSource#classpath}.
     *
     * @param anchor a class whose class loader sees the resource (generated bindings pass themselves)
     * @param resource the path from the classpath root, for example {@code "wasm/greeter.wasm"}
     * @return the module, not loaded yet
     */
    public static CheckedModule classpath(Class<?> anchor, String resource) {
        return new CheckedModule(ModuleSource.classpath(anchor, resource));
    }

    /**
     * {@code source}, checked against nothing: it runs as it is.
     *
     * @param source where the module comes from
     * @return the module, not loaded yet
     */
    public static CheckedModule of(ModuleSource source) {
        return new CheckedModule(Objects.requireNonNull(source, "source"));
    }

    /**
     * The same module, with what the annotation processor checked the bindings against: the file's digest
     * and the Rust declarations the bindings use. Generated bindings call this. When the module loaded at
     * run time has another digest (a changed {@code .wasm} on the classpath), it is checked again before it
     * runs: if a declaration the bindings use changed or is gone, loading fails with a {@link
     * ModuleLoadException} that names it; otherwise it runs, with a warning, but never with what was
     * compiled or translated at build time from the other file.
     *
     * @param sha256 the SHA-256 of the {@code .wasm} the bindings were checked against (lower-case hex)
     * @param rustDeclarations the lines of its {@value Abi#SIGNATURES_SECTION} section the bindings use
     */
    public CheckedModule checkedAgainst(String sha256, List<String> rustDeclarations) {
        CheckedModule copy = copy();
        copy.checkedBy = anchor;
        copy.checkedSha256 = Objects.requireNonNull(sha256, "sha256");
        copy.checkedDeclarations = List.copyOf(rustDeclarations);
        return copy;
    }

    /**
     * {@code other}, checked against what this module's bindings were checked against ({@link
     * #checkedAgainst}): generated bindings call this for a module given at run time. What was translated
     * or compiled at build time belongs to this module's file, so {@code other} is translated and compiled
     * at run time.
     */
    public CheckedModule checkedLike(ModuleSource other) {
        CheckedModule copy = new CheckedModule(Objects.requireNonNull(other, "other"));
        copy.checkedBy = checkedBy;
        copy.checkedSha256 = checkedSha256;
        copy.checkedDeclarations = checkedDeclarations;
        copy.fuel = fuel;
        return copy;
    }

    /**
     * The same module, instrumented for fuel ({@code @WasmModule(fuel = true)}): the form it runs in counts
     * the instructions of every call in the global {@value FuelMeter#FUEL_EXPORT} ({@link FuelMeter}). The
     * build-time translation and bytecode of such bindings are of the instrumented module; a module given at
     * run time ({@link #checkedLike}) is instrumented when it loads.
     */
    public CheckedModule withFuel() {
        CheckedModule copy = copy();
        copy.fuel = true;
        return copy;
    }

    /** Whether the module runs instrumented for fuel. */
    boolean fuel() {
        return fuel;
    }

    /**
     * The same module, with its exnref translation made at build time: the resource {@code resource}, keyed
     * by the digest of the file it was made from. It is used only when the module is the one {@link
     * #checkedAgainst} names; any other module is translated at load time.
     */
    public CheckedModule withTranslation(String resource) {
        CheckedModule copy = copy();
        copy.translation = Objects.requireNonNull(resource, "resource");
        return copy;
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
    public CheckedModule withCompiledMachine(String machineClass, String moduleDigest) {
        CheckedModule copy = copy();
        copy.compiledMachine = Objects.requireNonNull(machineClass, "machineClass");
        copy.compiledDigest = Objects.requireNonNull(moduleDigest, "moduleDigest");
        return copy;
    }

    /**
     * The same module, with its skeleton made at build time: the resource {@code resource}, the module with
     * every function body replaced by {@code unreachable} and without the custom sections the runtime does
     * not read. With the build-time bytecode (engine {@code auto}), the very file {@link #checkedAgainst}
     * names is instantiated from it: the bytecode needs no function bodies, and parsing a few kilobytes
     * instead of the whole code makes the first instance much faster. Any other case reads the whole file.
     */
    public CheckedModule withSkeleton(String resource) {
        CheckedModule copy = copy();
        copy.skeleton = Objects.requireNonNull(resource, "resource");
        return copy;
    }

    /**
     * The same module, whose build-time bytecode has methods over HotSpot's JIT limit (8,000 bytes), as
     * the processor's warning WB402 listed them. When the bytecode is used on a JVM that leaves such
     * methods to its interpreter ({@code -XX:+DontCompileHugeMethods}, the default), the first instance
     * logs one warning naming the flag that fixes it.
     *
     * @param methods each method, described ({@code "my_crate::parse (func_12, 9,612 bytes)"})
     */
    public CheckedModule withHugeMethods(List<String> methods) {
        CheckedModule copy = copy();
        copy.hugeMethods = List.copyOf(methods);
        return copy;
    }

    /** The build-time machine's methods over HotSpot's JIT limit (empty when there are none or unknown). */
    List<String> hugeMethods() {
        return hugeMethods;
    }

    /** The class compiled at build time from exactly this module, or null. */
    String compiledMachine() {
        WasmModule module = module();
        if (compiledMachine == null) {
            return null;
        }
        // compiled from the very file the bindings were checked against, or from a module of this digest
        return verified || compiledDigest.equals(module.digest()) ? compiledMachine : null;
    }

    /** The class loader that sees the compiled machine class. */
    ClassLoader loader() {
        ClassLoader loader = anchor == null ? null : anchor.getClassLoader();
        return loader == null ? ClassLoader.getSystemClassLoader() : loader;
    }

    /** The name used in messages: the resource path or the name given. */
    public String name() {
        return name;
    }

    /**
     * The parsed module, parsed on the first call.
     *
     * @throws ModuleLoadException if the module cannot be found, is not valid Wasm, or is not the module the
     *     bindings were checked against and no longer fits them
     */
    public WasmModule module() {
        WasmModule module = parsed;
        if (module == null) {
            synchronized (this) {
                module = parsed;
                if (module == null) {
                    module = load();
                    parsed = module;
                }
            }
        }
        return module;
    }

    private WasmModule load() {
        byte[] original = SourceAccess.get().bytes(source);
        if (checkedSha256 == null) {
            return parse(translate(original));
        }
        boolean skeletonWanted = skeleton != null
                && compiledMachine != null
                && Engine.configured() == Engine.AUTO
                && !"false".equals(System.getProperty(Engine.SKELETON_PROPERTY));
        WasmModule module;
        String sha256;
        if (skeletonWanted || translation != null) {
            // what was made at build time is used only for the very file it was made from
            sha256 = sha256(original);
            boolean same = checkedSha256.equals(sha256);
            byte[] parts = same && skeletonWanted ? readOptionalResource(skeleton) : null;
            if (parts != null) {
                verified = true;
                skeletonLoaded = true;
                return parse(parts);
            }
            byte[] translated = same && translation != null ? readOptionalResource(translation) : null;
            module = parse(translated != null ? translated : translate(original));
        } else {
            byte[] runnable = translate(original);
            module = parse(runnable);
            // Chicory's parser hashes what it parses: when that is the file itself, no second pass is needed
            sha256 = runnable == original ? hexOf(module.digest()) : null;
            if (sha256 == null) {
                sha256 = sha256(original);
            }
        }
        String found = sha256;
        boolean asChecked = checkedSha256.equals(found);
        verified = asChecked;
        if (!asChecked) {
            List<String> differences = ModuleCheck.differences(module, checkedDeclarations);
            if (!differences.isEmpty()) {
                throw new ModuleLoadException(changed(found) + ", and it no longer fits them:\n  "
                        + String.join("\n  ", differences) + "\nRecompile the bindings, so that javac checks "
                        + interfaceName() + " against this module: `mvn compile`, or any `mvn verify` with the"
                        + " wasmbridge-maven-plugin's refresh goal (without it, `mvn clean verify`). Or put back"
                        + " the module they were compiled against.");
            }
            if (anchor == null || anchor != checkedBy) {
                return module; // a module given at run time: that it differs is the point
            }
            Log.warning(() -> changed(found) + ". The Rust declarations the bindings use"
                    + " are unchanged, so it is used"
                    + (compiledMachine != null && Engine.configured() == Engine.AUTO
                            ? ", compiled to bytecode at run time instead of with the bytecode compiled at build time: the"
                                    + " first instance takes longer (seconds for a module of a few MB)"
                            : "")
                    + ". Recompile the bindings (`mvn compile`) to check it at build time.");
        }
        return module;
    }

    /** The start of the messages about a module that is not the one the bindings were checked against. */
    private String changed(String sha256) {
        URL url = anchor == null ? null : loader().getResource(name);
        return "Wasm module '" + name + "'" + (url == null ? "" : " (" + url + ")") + " is not the one "
                + (checkedBy == null ? "the bindings" : checkedBy.getName()) + " were compiled against: its SHA-256 is "
                + sha256 + ", not " + checkedSha256;
    }

    /** The {@code @WasmModule} interface the bindings implement, for messages. */
    private String interfaceName() {
        if (checkedBy != null) {
            for (Class<?> implemented : checkedBy.getInterfaces()) {
                if (implemented != WasmBindings.class) {
                    return implemented.getName();
                }
            }
        }
        return "the interface";
    }

    /** Chicory's digest ({@code "sha-256:<base64>"}) in hex, or null when it is not a SHA-256. */
    private static String hexOf(String chicoryDigest) {
        int colon = chicoryDigest == null ? -1 : chicoryDigest.indexOf(':');
        if (colon < 0 || !chicoryDigest.substring(0, colon).replace("-", "").equalsIgnoreCase("sha256")) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(chicoryDigest.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
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
                    module(); // decides whether the skeleton was loaded
                    Engine engine = skeletonLoaded ? Engine.AUTO : Engine.configured();
                    factory = Machines.factory(engine, this);
                    directCalls = engine == Engine.AUTO
                            && compiledMachine() != null
                            && !"false".equals(System.getProperty(Engine.DIRECT_CALLS_PROPERTY));
                    machines = factory;
                }
            }
        }
        return factory;
    }

    /**
     * Whether instances run on the bytecode compiled at build time, whose methods generated code may call
     * directly; known once {@link #machineFactory()} was called.
     */
    boolean directCalls() {
        machineFactory();
        return directCalls;
    }

    /**
     * The module in the form Chicory runs, as the processor makes it: its exnref translation if it uses the
     * legacy instructions, instrumented for fuel if the bindings ask for it, and every function too big for
     * HotSpot's JIT split ({@link FunctionSplitter},
     * deterministic, so a module the processor compiled comes out byte for byte as it did there).
     */
    private byte[] translate(byte[] wasm) {
        try {
            byte[] exnref = LegacyEh.translate(wasm);
            return FunctionSplitter.split(fuel ? FuelMeter.instrument(exnref) : exnref);
        } catch (MalformedWasmException e) {
            throw new ModuleLoadException("Wasm module '" + name + "' is not a valid module: " + e.getMessage(), e);
        }
    }

    private WasmModule parse(byte[] runnable) {
        try {
            return Parser.parse(runnable);
        } catch (ChicoryException e) {
            throw new ModuleLoadException("Wasm module '" + name + "' is not a valid module: " + e.getMessage(), e);
        }
    }

    /** A resource the bindings may carry (a build-time translation), or null when it is not there. */
    private byte[] readOptionalResource(String resource) {
        try (InputStream in = loader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null; // translate at load time instead
        }
    }

    @Override
    public String toString() {
        return "CheckedModule[" + name + "]";
    }
}
