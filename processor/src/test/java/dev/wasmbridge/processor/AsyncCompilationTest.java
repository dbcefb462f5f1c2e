package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compile tests for async Rust (docs/ABI.md, "Async") against the real module built from
 * integration-tests/rust/async-fixture: a {@code CompletableFuture<T>} binds a Rust {@code async fn -> T} (or
 * {@code -> Result<T, E>}) and an import returning {@code wasmbridge::JavaFuture<T>}; each mismatch fails with a
 * message on the element at fault (WB212, WB222, WB223).
 */
class AsyncCompilationTest {
    private static final String FIXTURE = "wasm/async_fixture.exnref.wasm";

    private static final String IMPORTS = "import dev.wasmbridge.annotations.*; import java.util.*;"
            + " import java.util.concurrent.CompletableFuture;";

    private static Compilation compile(JavaFileObject... sources) {
        Path fixtures = Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
        return javac().withProcessors(new WasmBridgeProcessor())
                .withOptions("-Awasmbridge.path=" + fixtures, "-Awasmbridge.compile=false")
                .compile(sources);
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("test." + name, lines);
    }

    private static JavaFileObject host(String later, String fetch) {
        return source(
                "Host",
                "package test;",
                IMPORTS,
                "public interface Host {",
                "  @WasmImport(module = \"host\") " + later + " later(long key);",
                "  @WasmImport(module = \"host\") " + fetch + " fetch(String key);",
                "}");
    }

    private static final JavaFileObject HOST = host("CompletableFuture<Long>", "CompletableFuture<String>");

    private static JavaFileObject api(String... methods) {
        String[] lines = new String[methods.length + 5];
        lines[0] = "package test;";
        lines[1] = IMPORTS;
        lines[2] = "@WasmModule(value = \"" + FIXTURE + "\", imports = Host.class)";
        lines[3] = "public interface Api {";
        System.arraycopy(methods, 0, lines, 4, methods.length);
        lines[methods.length + 4] = "}";
        return source("Api", lines);
    }

    @Test
    void futuresBindAsyncFunctionsAndJavaFutures() {
        Compilation compilation = compile(
                HOST,
                api(
                        "  @WasmExport CompletableFuture<Long> compute(int op, long x);",
                        "  @WasmExport CompletableFuture<Void> touch(@Unsigned int times);",
                        "  @WasmExport CompletableFuture<@Unsigned Integer> fetchLen(String key);",
                        "  @WasmExport CompletableFuture<List<String>> words(String text);"));
        assertThat(compilation).succeeded();
    }

    @Test
    void aFutureOfAnotherValueIsRefusedOnTheMethod() {
        JavaFileObject api = api(
                "  @WasmExport CompletableFuture<Integer> compute(int op, long x);",
                "  @WasmExport CompletableFuture<String> touch(@Unsigned int times);");
        Compilation compilation = compile(HOST, api);
        assertThat(compilation)
                .hadErrorContaining("[WB223] Api.compute(int, long) completes with Integer in Java, but Rust's future"
                        + " has i64 (`fn compute(op: i32, x: i64) -> Future<Result<i64, _>>`); a Rust i64 is Long in"
                        + " Java. Declare CompletableFuture<Long>, or change the Rust type.")
                .inFile(api)
                .onLineContaining("compute");
        assertThat(compilation)
                .hadErrorContaining(
                        "[WB223] Api.touch(@Unsigned int) completes with String in Java, but Rust's future has ()")
                .inFile(api)
                .onLineContaining("touch");
    }

    @Test
    void aFutureWhereRustHasNoneOrTheReverseIsATypeMismatch() {
        JavaFileObject api =
                api("  @WasmExport long compute(int op, long x);", "  @WasmExport CompletableFuture<Integer> drops();");
        Compilation compilation = compile(HOST, api);
        assertThat(compilation)
                .hadErrorContaining("[WB212] The result of Api.compute(int, long) is long in Java, but"
                        + " Future<Result<i64, _>> in Rust (`fn compute(op: i32, x: i64) -> Future<Result<i64, _>>`);"
                        + " a Rust Future<Result<i64, _>> is CompletableFuture<Long> in Java.")
                .inFile(api)
                .onLineContaining("compute");
        assertThat(compilation)
                .hadErrorContaining("[WB212] The result of Api.drops() is CompletableFuture<Integer> in Java, but u32")
                .inFile(api)
                .onLineContaining("drops");
    }

    @Test
    void anImportsFutureIsCheckedToo() {
        JavaFileObject host = host("CompletableFuture<String>", "String");
        Compilation compilation = compile(host, api("  @WasmExport CompletableFuture<Long> compute(int op, long x);"));
        assertThat(compilation)
                .hadErrorContaining("[WB223] Host.later(long) completes with String in Java, but Rust's future has"
                        + " i64 (`import host.later(key: i64) -> Future<i64>`)")
                .inFile(host)
                .onLineContaining("later");
        assertThat(compilation)
                .hadErrorContaining(
                        "[WB212] The result of Host.fetch(String) is String in Java, but Future<String>" + " in Rust")
                .inFile(host)
                .onLineContaining("fetch");
    }

    @Test
    void aFutureIsOnlyAResult() {
        JavaFileObject api = api(
                "  @WasmExport CompletableFuture<Long> compute(int op, long x);",
                "  @WasmExport int drops(CompletableFuture<Integer> f);");
        Compilation compilation = compile(HOST, api);
        assertThat(compilation)
                .hadErrorContaining("[WB222] Parameter 'f' of Api.drops(CompletableFuture<Integer>) is"
                        + " CompletableFuture<Integer>, but a CompletableFuture can only be the result of a @WasmExport"
                        + " method (a Rust async fn) or of a @WasmImport method (a wasmbridge::JavaFuture<T> Rust"
                        + " awaits). Pass the value instead, once it is there.")
                .inFile(api)
                .onLineContaining("drops");
    }
}
