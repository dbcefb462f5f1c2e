package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor writes Java names and engine constants from Wasm type names ({@code i32} to {@code I32},
 * {@code int} to {@code Int}). With the JVM's default locale Turkish, {@code "i".toUpperCase()} is the dotted
 * capital {@code İ}, so case conversion that follows the default locale writes bindings that do not compile.
 */
class LocaleIndependenceTest {
    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

    private Locale saved;

    @BeforeEach
    void turkish() {
        saved = Locale.getDefault();
        Locale.setDefault(TURKISH);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @Test
    void bindingsCompileWhenTheDefaultLocaleIsTurkish() throws IOException {
        Path fixtures = Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
        JavaFileObject api = JavaFileObjects.forSourceLines(
                "test.Api",
                "package test;",
                "import dev.wasmbridge.annotations.*;",
                "@WasmModule(value = \"wasm/types_fixture.exnref.wasm\", imports = Host.class)",
                "public interface Api {",
                "  @WasmExport int add(int a, int b);",
                "  @WasmExport String greet(String name);",
                "}");
        JavaFileObject host = FixtureImports.typesFixture("test", "Host");

        Compilation compilation = javac().withProcessors(new WasmBridgeProcessor())
                .withOptions("-Awasmbridge.path=" + fixtures, "-A" + MachineCompiler.OPTION + "=false")
                .compile(api, host);

        assertThat(compilation).succeededWithoutWarnings();
        String bindings = compilation
                .generatedSourceFile("test.ApiBindings")
                .orElseThrow()
                .getCharContent(true)
                .toString();
        assertFalse(
                bindings.contains("\u0130") || bindings.contains("\u0131"),
                "the bindings contain a Turkish dotted/dotless i:\n" + bindings);
    }
}
