package dev.wasmbridge.it.stale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleSource;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bindings compiled against evolving-v1 meet evolving-v2 on the class path at run time, as after a Rust
 * change that was packaged without compiling the Java side again. They must never run it blindly: a module
 * that still fits runs (its new code, not what was translated or compiled at build time from the old file)
 * with one warning; one that no longer fits is refused, naming what changed.
 */
class ChangedModuleAtRunTimeTest {
    private static final Path WASM = Path.of("src/test/resources/wasm");

    /**
     * The runtime's logger, held: java.util.logging keeps loggers only weakly, so one that nothing holds may
     * be collected (with the handler below) before the runtime logs, which then goes to a fresh one.
     */
    private static final Logger RUNTIME_LOGGER = Logger.getLogger("dev.wasmbridge");

    @TempDir
    Path replacement;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureWarnings() {
        RUNTIME_LOGGER.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        RUNTIME_LOGGER.removeHandler(capture);
    }

    @Test
    void legacyBindingsRunTheNewCodeNotTheirOldTranslation() throws Exception {
        ClassLoader loader = classPathWith("wasm/evolving_v1.legacy.wasm", "evolving_v2.legacy.wasm");
        Object evolving = create(loader, "EvolvingLegacyBindings");
        assertEquals(2, call(loader, "EvolvingLegacy", evolving, "version"));
        assertEquals("Hello, Java! (version 2)", call(loader, "EvolvingLegacy", evolving, "greet", "Java"));
        assertEquals(1, warnings.size(), warnings::toString);
        String warning = warnings.get(0).getMessage();
        assertTrue(
                warning.startsWith("Wasm module 'wasm/evolving_v1.legacy.wasm' (file:"
                        + replacement.toUri().getPath()),
                warning);
        assertTrue(
                warning.contains("is not the one dev.wasmbridge.it.stale.EvolvingLegacyBindings were compiled"
                        + " against: its SHA-256 is " + sha256("evolving_v2.legacy.wasm") + ", not "
                        + sha256("evolving_v1.legacy.wasm")),
                warning);
        assertTrue(warning.contains("The Rust declarations the bindings use are unchanged, so it is used"), warning);
    }

    @Test
    void exnrefBindingsRunTheNewModuleWithTheRunTimeCompilerAndSaySo() throws Exception {
        ClassLoader loader = classPathWith("wasm/evolving_v1.exnref.wasm", "evolving_v2.exnref.wasm");
        Object evolving = create(loader, "EvolvingExnrefBindings");
        assertEquals(2, call(loader, "EvolvingExnref", evolving, "version"));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(
                warnings.get(0)
                        .getMessage()
                        .contains("compiled to bytecode at run time instead of with the"
                                + " bytecode compiled at build time: the first instance takes longer"),
                warnings.get(0).getMessage());
        // a second instance, and a reset, reuse the checked module: no second warning
        create(loader, "EvolvingExnrefBindings");
        assertEquals(1, warnings.size(), warnings::toString);
    }

    @Test
    void bindingsThatNoLongerFitAreRefusedNamingWhatChanged() throws Exception {
        ClassLoader loader = classPathWith("wasm/evolving_v1.exnref.wasm", "evolving_v2.exnref.wasm");
        InvocationTargetException thrown =
                assertThrows(InvocationTargetException.class, () -> create(loader, "ShapesBindings"));
        Throwable e = thrown.getCause();
        assertEquals("dev.wasmbridge.runtime.ModuleLoadException", e.getClass().getName());
        String message = e.getMessage();
        assertTrue(
                message.contains("is not the one dev.wasmbridge.it.stale.ShapesBindings were compiled against"),
                message);
        assertTrue(
                message.contains("and it no longer fits them:\n"
                        + "  fn twice: the bindings were checked against 'fn twice(value: i32) -> i32'; the module now has"
                        + " 'fn twice(value: i64) -> i64'\n"
                        + "  record Point: the bindings were checked against 'record Point { x: f64, y: f64 }'; the module"
                        + " now has 'record Point { x: f64, y: f64, z: f64 }'\n"),
                message);
        assertTrue(
                message.endsWith("Recompile the bindings, so that javac checks dev.wasmbridge.it.stale.Shapes"
                        + " against this module: `mvn compile`, or any `mvn verify` with the wasmbridge-maven-plugin's"
                        + " refresh goal (without it, `mvn clean verify`). Or put back the module they were compiled"
                        + " against."),
                message);
        assertEquals(List.of(), warnings);
    }

    @Test
    void theModuleTheBindingsWereCompiledAgainstRunsWithoutAWord() throws Exception {
        ClassLoader loader = classPathWith("wasm/unrelated.wasm", "evolving_v2.exnref.wasm");
        assertEquals(1, call(loader, "EvolvingLegacy", create(loader, "EvolvingLegacyBindings"), "version"));
        assertEquals(1, call(loader, "EvolvingExnref", create(loader, "EvolvingExnrefBindings"), "version"));
        Object shapes = create(loader, "ShapesBindings");
        assertEquals(42, call(loader, "Shapes", shapes, "twice", 21));
        assertEquals(List.of(), warnings);
        // and in the test's own class loader, with the build-time bytecode
        EvolvingExnref direct = EvolvingExnrefBindings.create();
        assertEquals(1, direct.version());
        assertInstanceOf(EvolvingExnref.class, direct);
    }

    @Test
    void aModuleGivenAtRunTimeIsCheckedAgainstTheInterface() throws Exception {
        byte[] version2 = Files.readAllBytes(WASM.resolve("evolving_v2.legacy.wasm"));
        EvolvingLegacy fits = EvolvingLegacyBindings.create(ModuleSource.of("plugins/evolving.wasm", version2));
        assertEquals(2, fits.version());
        assertEquals("Hello, Java! (version 2)", fits.greet("Java"));
        ModuleLoadException e = assertThrows(
                ModuleLoadException.class,
                () -> ShapesBindings.create(ModuleSource.of("plugins/shapes.wasm", version2)));
        assertTrue(
                e.getMessage()
                        .startsWith("Wasm module 'plugins/shapes.wasm' is not the one"
                                + " dev.wasmbridge.it.stale.ShapesBindings were compiled against"),
                e.getMessage());
        assertTrue(e.getMessage().contains("  record Point: the bindings were checked against"), e.getMessage());
        // the very file the bindings were compiled against needs no check
        byte[] version1 = Files.readAllBytes(WASM.resolve("evolving_v1.exnref.wasm"));
        assertEquals(
                42,
                ShapesBindings.create(ModuleSource.of("plugins/shapes.wasm", version1))
                        .twice(21));
        assertEquals(List.of(), warnings, "a module given at run time is expected to differ: no warning");
    }

    /**
     * A class loader of its own over the test class path, with {@code fixture} served as {@code resource}
     * ahead of it: the bindings, their runtime and the interfaces are loaded afresh from it.
     */
    private ClassLoader classPathWith(String resource, String fixture) throws IOException {
        Path file = replacement.resolve(resource);
        Files.createDirectories(file.getParent());
        Files.copy(WASM.resolve(fixture), file);
        List<URL> urls = new ArrayList<>();
        urls.add(replacement.toUri().toURL());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static Object create(ClassLoader loader, String bindings) throws Exception {
        return loader.loadClass("dev.wasmbridge.it.stale." + bindings)
                .getMethod("create")
                .invoke(null);
    }

    private static Object call(ClassLoader loader, String type, Object target, String method, Object... args)
            throws Exception {
        Class<?> interfaceType = loader.loadClass("dev.wasmbridge.it.stale." + type);
        for (var candidate : interfaceType.getMethods()) {
            if (candidate.getName().equals(method) && candidate.getParameterCount() == args.length) {
                return candidate.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(type + "." + method);
    }

    private static String sha256(String fixture) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(WASM.resolve(fixture))));
    }
}
