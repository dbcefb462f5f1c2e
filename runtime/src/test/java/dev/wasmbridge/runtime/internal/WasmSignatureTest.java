package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.runtime.ModuleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WasmSignatureTest {
    private static final WasmValueType I32 = WasmValueType.I32;
    private static final WasmValueType I64 = WasmValueType.I64;
    private static final WasmValueType F32 = WasmValueType.F32;
    private static final WasmValueType F64 = WasmValueType.F64;

    @Test
    void writtenAsTheProcessorsMessagesWriteIt() {
        assertEquals(
                "(i32, i64) -> f64", WasmSignature.of(I32, I64).returning(F64).toString());
        assertEquals("(f32) -> ()", WasmSignature.of(F32).toString());
        assertEquals("() -> i32", WasmSignature.of().returning(I32).toString());
        assertEquals("() -> (i32, i64)", WasmSignature.of().returning(I32, I64).toString());
    }

    @Test
    void equalWhenTheTypesAre() {
        assertEquals(WasmSignature.of(I64, I32).returning(I64), new WasmSignature(List.of(I64, I32), List.of(I64)));
        assertNotEquals(
                WasmSignature.of(I64, I32).returning(I64),
                WasmSignature.of(I32, I64).returning(I64));
        assertNotEquals(WasmSignature.of(I32), WasmSignature.of().returning(I32));
    }

    @Test
    void keepsACopyOfTheLists() {
        List<WasmValueType> params = new ArrayList<>(List.of(I32));
        WasmSignature signature = new WasmSignature(params, List.of());
        params.add(I64);
        assertEquals(List.of(I32), signature.params());
        assertThrows(
                UnsupportedOperationException.class, () -> signature.params().add(I64));
        assertThrows(NullPointerException.class, () -> WasmSignature.of(I32, null));
    }

    /** The conversion to the engine's types, against the types the engine reads from a real module. */
    @Test
    void matchesTheEnginesTypesOfTheSameFunction() throws IOException {
        CheckedModule source = CheckedModule.of(ModuleSource.of(
                "types.wasm",
                Files.readAllBytes(Path.of(System.getProperty("wasmbridge.fixtures"), "types_fixture.exnref.wasm"))));
        assertMatchesOnly(source, "add", WasmSignature.of(I32, I32).returning(I32));
        assertMatchesOnly(source, "half", WasmSignature.of(F32).returning(F32));
        assertMatchesOnly(source, "hypotenuse", WasmSignature.of(F64, F64).returning(F64));
        assertMatchesOnly(source, "greet", WasmSignature.of(I64).returning(I64));
        assertEquals(
                "(f64, f64) -> f64",
                EngineTypes.describe(LiveInstance.exportedFunctionType(source.module(), "hypotenuse")));
    }

    private static void assertMatchesOnly(CheckedModule source, String export, WasmSignature signature) {
        var type = LiveInstance.exportedFunctionType(source.module(), export);
        assertTrue(EngineTypes.matches(type, signature), export + " " + signature);
        assertFalse(EngineTypes.matches(type, signature.returning()), export + " without its result");
        assertEquals(signature.toString(), EngineTypes.describe(type));
    }
}
