package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleSource;
import dev.wasmbridge.runtime.StaleHandleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad modules at run time fail with a {@link ModuleLoadException} that says what is wrong and what to do. */
class ModuleLoadingTest {
    private static final WasmSignature I32_I32_TO_I32 =
            WasmSignature.of(WasmValueType.I32, WasmValueType.I32).returning(WasmValueType.I32);

    /** A module given as bytes, checked against nothing. */
    private static CheckedModule module(String name, byte[] wasm) {
        return CheckedModule.of(ModuleSource.of(name, wasm));
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("wasmbridge.fixtures"), name));
    }

    @Test
    void garbageIsNotAModule() {
        CheckedModule source = module("garbage.wasm", "not wasm".getBytes(StandardCharsets.UTF_8));
        ModuleLoadException e = assertThrows(ModuleLoadException.class, source::module);
        assertTrue(e.getMessage().startsWith("Wasm module 'garbage.wasm' is not a valid module"), e.getMessage());
    }

    @Test
    void truncatedModule() throws IOException {
        byte[] wasm = fixture("types_fixture.exnref.wasm");
        CheckedModule source = module("cut.wasm", java.util.Arrays.copyOf(wasm, wasm.length / 2));
        assertThrows(ModuleLoadException.class, source::module);
    }

    @Test
    void missingResourceNamesTheClassAndWhereToPutIt() {
        CheckedModule source = CheckedModule.classpath(ModuleLoadingTest.class, "wasm/nowhere.wasm");
        ModuleLoadException e = assertThrows(ModuleLoadException.class, source::module);
        assertTrue(
                e.getMessage()
                        .contains(
                                "'wasm/nowhere.wasm' is not on the classpath of " + ModuleLoadingTest.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("src/main/resources/wasm/nowhere.wasm"), e.getMessage());
    }

    @Test
    void exportWhoseSignatureChangedSinceCompileTime() throws IOException {
        CheckedModule source = module("types.wasm", fixture("types_fixture.exnref.wasm"));
        ModuleLoadException e = assertThrows(
                ModuleLoadException.class,
                () -> CallBoundary.create(source, List.of(new ExportBinding("greet", I32_I32_TO_I32)), List.of()));
        assertTrue(
                e.getMessage()
                        .startsWith("Export 'greet' of Wasm module 'types.wasm' has signature (i64) -> i64,"
                                + " but the bindings were compiled against (i32, i32) -> i32."),
                e.getMessage());
        assertTrue(e.getMessage().contains("rebuild them"), e.getMessage());
    }

    @Test
    void exportThatNoLongerExists() throws IOException {
        CheckedModule source = module("types.wasm", fixture("types_fixture.exnref.wasm"));
        ModuleLoadException e = assertThrows(
                ModuleLoadException.class,
                () -> CallBoundary.create(source, List.of(new ExportBinding("gone", I32_I32_TO_I32)), List.of()));
        assertTrue(e.getMessage().contains("has no function export 'gone'"), e.getMessage());
    }

    @Test
    void missingImportIsALoadError() throws IOException {
        CheckedModule source = module("types.wasm", fixture("types_fixture.exnref.wasm"));
        ModuleLoadException e = assertThrows(
                ModuleLoadException.class,
                () -> CallBoundary.create(source, List.of(new ExportBinding("add", I32_I32_TO_I32)), List.of()));
        assertTrue(
                e.getMessage()
                        .startsWith("Wasm module 'types.wasm' imports function 'host.host_add' (i32, i32)"
                                + " -> i32, which the bindings do not provide."),
                e.getMessage());
    }

    @Test
    void legacyModuleGivenAsBytesIsTranslatedAtLoadTime() throws IOException {
        CheckedModule legacy = module("legacy.wasm", fixture("panic_fixture.legacy.wasm"));
        assertTrue(legacy.module().tagSection().isPresent());
        CallBoundary boundary = panicFixture(legacy);
        CallBoundary call = boundary.enter();
        try {
            assertEquals(5, call.call(0, 2, 3));
        } finally {
            call.exit();
        }
    }

    /** The panic fixture with imports that must not be called, and its {@code add} export at index 0. */
    static CallBoundary panicFixture(CheckedModule source) {
        ImportHandler unused = (boundary, args) -> {
            throw new AssertionError("not called");
        };
        return CallBoundary.create(
                source,
                List.of(new ExportBinding("add", I32_I32_TO_I32)),
                List.of(
                        new ImportBinding(
                                "host",
                                "host_transform",
                                WasmSignature.of(WasmValueType.I32).returning(WasmValueType.I32),
                                unused),
                        new ImportBinding(
                                "host",
                                "host_greeting",
                                WasmSignature.of(WasmValueType.I64).returning(WasmValueType.I64),
                                unused),
                        new ImportBinding("host", "host_reenter", I32_I32_TO_I32, unused)));
    }

    @Test
    void objectsOfAnOlderGenerationAreStale() throws IOException {
        CallBoundary boundary = panicFixture(module("panic.wasm", fixture("panic_fixture.exnref.wasm")));
        boundary.checkGeneration(1, "Counter@1024");
        boundary.resetState();
        assertEquals(2, boundary.generation());
        StaleHandleException e =
                assertThrows(StaleHandleException.class, () -> boundary.checkGeneration(1, "Counter@1024"));
        assertTrue(
                e.getMessage()
                        .startsWith("Counter@1024 belongs to generation 1 of its Wasm instance, but"
                                + " resetState() has replaced it (now generation 2)"),
                e.getMessage());
    }

    @Test
    void buildTimeBytecodeOfAnotherModuleIsNeverUsed() throws IOException {
        CheckedModule changed = module("panic.wasm", fixture("panic_fixture.exnref.wasm"))
                .withCompiledMachine("no.such.StaleMachine", "sha256:compiled-from-an-older-module");
        CallBoundary boundary = panicFixture(changed);
        CallBoundary call = boundary.enter();
        try {
            assertEquals(5, call.call(0, 2, 3), "compiled at run time instead");
        } finally {
            call.exit();
        }
    }

    @Test
    void missingBuildTimeBytecodeIsALoadError() throws IOException {
        CheckedModule plain = module("panic.wasm", fixture("panic_fixture.exnref.wasm"));
        CheckedModule source =
                plain.withCompiledMachine("no.such.Machine", plain.module().digest());
        ModuleLoadException e = assertThrows(ModuleLoadException.class, () -> panicFixture(source));
        assertTrue(e.getMessage().contains("(class no.such.Machine) cannot be loaded"), e.getMessage());
    }

    @Test
    void unknownEngineIsRefusedWithTheChoices() {
        String previous = System.getProperty(Engine.PROPERTY);
        System.setProperty(Engine.PROPERTY, "turbo");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Engine::configured);
            assertTrue(e.getMessage().contains("'turbo'; use 'auto', 'compiler' or 'interpreter'"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty(Engine.PROPERTY);
            } else {
                System.setProperty(Engine.PROPERTY, previous);
            }
        }
    }

    @Test
    void abiVersionMatchesTheDocument() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("wasmbridge.abiDoc")));
        assertTrue(doc.contains("ABI version: **" + Abi.VERSION + "**"), "docs/ABI.md declares another version");
    }

    @Test
    void abiNamesMatchTheDocument() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("wasmbridge.abiDoc")));
        assertTrue(doc.contains("custom section named `" + Abi.SIGNATURES_SECTION + "`"), Abi.SIGNATURES_SECTION);
        assertTrue(doc.contains("custom section named `" + Abi.VERSION_SECTION + "`"), Abi.VERSION_SECTION);
        assertTrue(doc.contains("exports `T" + Abi.DROP_SUFFIX + "`"), Abi.DROP_SUFFIX);
        assertTrue(doc.contains("`" + Abi.MALLOC + "(size, align)`"), Abi.MALLOC);
        assertTrue(doc.contains("`" + Abi.FREE + "(ptr, size, align)`"), Abi.FREE);
    }

    @Test
    void slicePacking() {
        long slice = Abi.slice(0x8000_0010, 0x7000_0000);
        assertEquals(0x8000_0010, Abi.slicePointer(slice));
        assertEquals(0x7000_0000L, Abi.sliceLength(slice));
        assertEquals(0xFFFF_FFFFL, Abi.sliceLength(Abi.slice(1, -1)), "lengths are unsigned");
    }
}
