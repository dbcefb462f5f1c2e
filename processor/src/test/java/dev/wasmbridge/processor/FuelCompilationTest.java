package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.wasmbridge.wasmeh.FuelMeter;
import dev.wasmbridge.wasmeh.FunctionSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @WasmModule(fuel = true)}: the processor instruments the module, compiles the instrumented module
 * and writes its translation and skeleton where bindings without fuel of the same file do not look; bindings
 * without fuel are generated exactly as before (their golden files, {@link GoldenFilesTest}, are unchanged).
 */
class FuelCompilationTest {
    private static final String FIXTURE = "wasm/types_fixture.exnref.wasm";

    private static final JavaFileObject HOST = FixtureImports.typesFixture("test", "Host");

    @TempDir
    static Path extra;

    private static Path fixtures() {
        return Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
    }

    private static Compilation compile(boolean toBytecode, JavaFileObject... sources) {
        return javac().withProcessors(new WasmBridgeProcessor())
                .withOptions(
                        "-Awasmbridge.path=" + fixtures() + java.io.File.pathSeparator + extra,
                        "-A" + MachineCompiler.OPTION + "=" + toBytecode)
                .compile(sources);
    }

    private static JavaFileObject api(String name, String annotation) {
        return JavaFileObjects.forSourceLines(
                "test." + name,
                "package test;",
                "import dev.wasmbridge.annotations.*;",
                annotation,
                "public interface " + name + " {",
                "  @WasmExport int add(int a, int b);",
                "}");
    }

    private static String generated(Compilation compilation, String name) throws IOException {
        return compilation
                .generatedSourceFile("test." + name + "Bindings")
                .orElseThrow()
                .getCharContent(true)
                .toString();
    }

    private static byte[] resource(Compilation compilation, String path) throws IOException {
        return compilation
                .generatedFile(StandardLocation.CLASS_OUTPUT, path)
                .orElseThrow()
                .openInputStream()
                .readAllBytes();
    }

    @Test
    void bindingsWithAndWithoutFuelOfOneFileGetAFormEach() throws IOException {
        Compilation compilation = compile(
                true,
                api("Metered", "@WasmModule(value = \"" + FIXTURE + "\", imports = Host.class, fuel = true)"),
                api("Plain", "@WasmModule(value = \"" + FIXTURE + "\", imports = Host.class)"),
                HOST);
        assertThat(compilation).succeededWithoutWarnings();
        byte[] original = Files.readAllBytes(fixtures().resolve(FIXTURE));
        String sha256 = Digests.sha256(original);

        String metered = generated(compilation, "Metered");
        String translation = "META-INF/wasmbridge/exnref/" + sha256 + "/fuel/" + FIXTURE;
        String skeleton = "META-INF/wasmbridge/skeleton/" + sha256 + "/fuel/" + FIXTURE;
        assertTrue(metered.contains("\n  .withFuel()\n  .withTranslation(\"" + translation + "\")"), metered);
        assertTrue(metered.contains(".withSkeleton(\"" + skeleton + "\")"), metered);
        byte[] instrumented = resource(compilation, translation);
        assertArrayEquals(FunctionSplitter.split(FuelMeter.instrument(original)), instrumented);
        assertTrue(FuelMeter.isInstrumented(resource(compilation, skeleton)), "the skeleton has the counter");
        assertTrue(metered.contains("MeteredBindingsMachine"), "compiled at build time");

        // the same file without fuel: run as it is, its skeleton where it always was
        String plain = generated(compilation, "Plain");
        assertFalse(plain.contains("withFuel"), plain);
        assertFalse(plain.contains("withTranslation"), plain);
        String plainSkeleton = "META-INF/wasmbridge/skeleton/" + sha256 + "/" + FIXTURE;
        assertTrue(plain.contains(".withSkeleton(\"" + plainSkeleton + "\")"), plain);
        assertFalse(FuelMeter.isInstrumented(resource(compilation, plainSkeleton)));
    }

    @Test
    void fuelFalseGeneratesWhatNoAttributeDoes() throws IOException {
        Compilation implicit =
                compile(false, api("Api", "@WasmModule(value = \"" + FIXTURE + "\", imports = Host.class)"), HOST);
        Compilation explicit = compile(
                false,
                api("Api", "@WasmModule(value = \"" + FIXTURE + "\", imports = Host.class, fuel = false)"),
                HOST);
        assertThat(implicit).succeededWithoutWarnings();
        assertThat(explicit).succeededWithoutWarnings();
        assertEquals(generated(implicit, "Api"), generated(explicit, "Api"));
    }

    @Test
    void aModuleThatExportsTheCounterAlreadyCannotCountFuel() throws IOException {
        Files.write(
                extra.resolve("counter-taken.wasm"),
                new TinyWasm()
                        .function(FuelMeter.FUEL_EXPORT, new byte[0], TinyWasm.I32)
                        .function("add", new byte[] {TinyWasm.I32, TinyWasm.I32}, TinyWasm.I32)
                        .build());
        Compilation compilation =
                compile(false, api("Api", "@WasmModule(value = \"counter-taken.wasm\", fuel = true)"));
        assertThat(compilation).hadErrorContaining("[WB106]");
        assertThat(compilation).hadErrorContaining("already exports 'wasmbridge_fuel'");
        assertThat(compilation).hadErrorCount(1);
        // without fuel the same module binds
        assertThat(compile(false, api("Api", "@WasmModule(\"counter-taken.wasm\")")))
                .succeeded();
    }
}
