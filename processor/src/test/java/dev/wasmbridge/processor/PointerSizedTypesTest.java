package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import java.util.Arrays;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compile tests against the real module built from integration-tests/rust/crates-fixture: Rust's {@code usize}
 * and {@code isize} follow the Java rules of {@code u32} and {@code i32} in every position, and results
 * borrowed from a parameter ({@code &str}, {@code &[u8]}) are {@code String} and {@code byte[]}.
 */
class PointerSizedTypesTest {
    private static final String IMPORTS =
            "import dev.wasmbridge.annotations.*; import dev.wasmbridge.runtime.*; import java.util.*;";

    /** The fixture's imports that take its class {@code Version}, declared by {@link #VERSION}. */
    private static final String CONSIDER = "  @WasmImport(module = \"host\") boolean consider(Version version);";

    private static final String ADOPT = "  @WasmImport(module = \"host\") void adopt(Version version);";

    /** The fixture's imports, right, so the only errors are the ones under test. */
    private static final JavaFileObject HOST = host(
            "  @WasmImport(module = \"host\") @Unsigned int pick(@Unsigned int count);",
            "  @WasmImport(module = \"host\") OptionalInt shift(int by, List<@Unsigned Integer> values);",
            CONSIDER,
            ADOPT);

    /** The fixture's class {@code Version}, which two of its imports take. */
    private static final JavaFileObject VERSION =
            source("Version", "@WasmClass public interface Version extends WasmObject {");

    /** Compiles {@code sources} and {@link #VERSION}. */
    private static Compilation compile(JavaFileObject... sources) {
        Path fixtures = Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
        JavaFileObject[] withVersion = Arrays.copyOf(sources, sources.length + 1);
        withVersion[sources.length] = VERSION;
        return javac().withProcessors(new WasmBridgeProcessor())
                .withOptions("-Awasmbridge.path=" + fixtures, "-Awasmbridge.compile=false")
                .compile(withVersion);
    }

    private static JavaFileObject host(String... methods) {
        return source("Host", "public interface Host {", methods);
    }

    private static JavaFileObject api(String... methods) {
        return source(
                "Api",
                "@WasmModule(value = \"wasm/crates_fixture.exnref.wasm\", imports = Host.class) public interface Api {",
                methods);
    }

    private static JavaFileObject source(String name, String header, String... methods) {
        String[] lines = new String[methods.length + 4];
        lines[0] = "package test;";
        lines[1] = IMPORTS;
        lines[2] = header;
        System.arraycopy(methods, 0, lines, 3, methods.length);
        lines[methods.length + 3] = "}";
        return JavaFileObjects.forSourceLines("test." + name, lines);
    }

    @Test
    void usizeIsUnsignedIntAndIsizeIsIntEverywhere() {
        Compilation compilation = compile(
                HOST,
                JavaFileObjects.forSourceLines(
                        "test.Span",
                        "package test;",
                        IMPORTS,
                        "@WasmRecord public record Span(@Unsigned int start, @Unsigned int end, String text) {}"),
                api(
                        "  @WasmExport @Unsigned int usizeNext(@Unsigned int x);",
                        "  @WasmExport int isizeNegate(int x);",
                        "  @WasmExport Optional<@Unsigned Integer> find(String text, String needle);",
                        "  @WasmExport List<@Unsigned Integer> offsets(String text, String needle);",
                        "  @WasmExport int[] deltas(int[] values);",
                        "  @WasmExport OptionalInt optionIsize(OptionalInt x);",
                        "  @WasmExport @Unsigned int spanLen(Span span);",
                        "  @WasmExport String firstWord(String text);",
                        "  @WasmExport byte[] utf8(String text);"));
        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void usizeNeedsUnsignedLikeU32() {
        JavaFileObject api = api("  @WasmExport @Unsigned int usizeNext(int x);");
        assertThat(compile(HOST, api))
                .hadErrorContaining("[WB212] Parameter 'x' of Api.usizeNext(int) is int in Java, but usize in Rust"
                        + " (`fn usize_next(x: usize) -> usize`); a Rust usize is @Unsigned int in Java.")
                .inFile(api)
                .onLineContaining("usizeNext");
    }

    @Test
    void isizeIsSignedLikeI32() {
        JavaFileObject api = api("  @WasmExport @Unsigned int isizeNegate(int x);");
        assertThat(compile(HOST, api))
                .hadErrorContaining("[WB212] The result of Api.isizeNegate(int) is @Unsigned int in Java, but isize"
                        + " in Rust (`fn isize_negate(x: isize) -> isize`); a Rust isize is int in Java.");
    }

    @Test
    void vecOfIsizeIsAnIntArrayAndOptionOfUsizeAnOptionalOfUnsigned() {
        JavaFileObject api = api(
                "  @WasmExport List<Integer> deltas(List<Integer> values);",
                "  @WasmExport OptionalInt find(String text, String needle);");
        Compilation compilation = compile(HOST, api);
        assertThat(compilation)
                .hadErrorContaining("but Vec<isize> in Rust (`fn deltas(values: Vec<isize>) ->"
                        + " Vec<isize>`); a Rust Vec<isize> is int[] in Java.");
        assertThat(compilation).hadErrorContaining("a Rust Option<usize> is Optional<@Unsigned Integer> in Java.");
    }

    @Test
    void importsFollowTheSameRules() {
        JavaFileObject host = host(
                "  @WasmImport(module = \"host\") int pick(int count);",
                "  @WasmImport(module = \"host\") OptionalInt shift(int by, List<@Unsigned Integer> values);",
                CONSIDER,
                ADOPT);
        Compilation compilation = compile(host, api("  @WasmExport int isizeNegate(int x);"));
        assertThat(compilation)
                .hadErrorContaining("is int in Java, but usize in Rust (`import host.pick(count: usize) -> usize`);"
                        + " a Rust usize is @Unsigned int in Java.")
                .inFile(host)
                .onLineContaining("pick");
    }
}
