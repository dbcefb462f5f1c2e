package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compile tests for Java objects Rust keeps (docs/ABI.md, "Held Java objects"), against the real module built
 * from integration-tests/rust/closures-fixture: a stored callback's {@code @WasmCallback} and a {@code
 * @WasmInterface} are checked against the signatures section, with diagnostics on the element at fault.
 */
class HeldObjectsCompilationTest {
    private static final String FIXTURE = "wasm/closures_fixture.exnref.wasm";

    private static final String IMPORTS =
            "import dev.wasmbridge.annotations.*; import dev.wasmbridge.runtime.*; import java.util.*;";

    private static Compilation compile(JavaFileObject... sources) {
        Path fixtures = Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
        return javac().withProcessors(new WasmBridgeProcessor())
                .withOptions("-Awasmbridge.path=" + fixtures, "-Awasmbridge.compile=false")
                .compile(sources);
    }

    private static JavaFileObject source(String name, String... lines) {
        String[] all = new String[lines.length + 2];
        all[0] = "package test;";
        all[1] = IMPORTS;
        System.arraycopy(lines, 0, all, 2, lines.length);
        return JavaFileObjects.forSourceLines("test." + name, all);
    }

    private static JavaFileObject api(String... methods) {
        String[] lines = new String[methods.length + 2];
        lines[0] = "@WasmModule(\"" + FIXTURE + "\") public interface Api {";
        System.arraycopy(methods, 0, lines, 1, methods.length);
        lines[methods.length + 1] = "}";
        return source("Api", lines);
    }

    private static final JavaFileObject LISTENER =
            source("Listener", "@WasmCallback public interface Listener { int onEvent(String event); }");
    private static final JavaFileObject HOOK =
            source("Hook", "@WasmCallback public interface Hook { int apply(int x); }");

    private static JavaFileObject logger(String... methods) {
        String[] lines = new String[methods.length + 2];
        lines[0] = "@WasmInterface public interface Logger {";
        System.arraycopy(methods, 0, lines, 1, methods.length);
        lines[methods.length + 1] = "}";
        return source("Logger", lines);
    }

    private static final JavaFileObject LOGGER =
            logger("void log(int level, String message);", "String name();", "@Unsigned int count();");

    @Test
    void storedCallbacksAndInterfacesThatMatchCompile() {
        Compilation compilation = compile(
                api(
                        "@WasmExport @Unsigned int addListener(Listener listener);",
                        "@WasmExport void setAborting(Hook hook);",
                        "@WasmExport void setLogger(Logger logger);",
                        "@WasmExport long logThrough(int level, String message);"),
                LISTENER,
                HOOK,
                LOGGER);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .contains("call$.holdCallback(listener,");
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .contains("call$.holdObject(logger,");
    }

    @Test
    void aStoredCallbackOfTheWrongShapeNamesTheRustType() {
        Compilation compilation = compile(api("@WasmExport @Unsigned int addListener(Hook listener);"), HOOK);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("StoredFn(String) -> i32");
    }

    @Test
    void anInterfaceTheModuleDoesNotDeclareIsReported() {
        Compilation compilation = compile(
                api("@WasmExport void setLogger(Journal logger);"),
                source("Journal", "@WasmInterface public interface Journal { void log(int level, String message); }"));
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("[WB550] @WasmInterface Journal stands for the Rust type 'Journal', but Wasm"
                        + " module '" + FIXTURE + "' declares no Java interface of that name.");
    }

    @Test
    void methodsInAnotherOrderAreReported() {
        JavaFileObject reordered =
                logger("String name();", "void log(int level, String message);", "@Unsigned int count();");
        Compilation compilation = compile(api("@WasmExport void setLogger(Logger logger);"), reordered);
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("[WB551] @WasmInterface Logger declares the methods (name, log, count), but the"
                        + " Rust java_interface! Logger declares fn log(level: i32, message: String) -> ();"
                        + " fn name() -> String; fn count() -> u32. Rust calls them by position: declare the"
                        + " methods (log, name, count), in this order.");
        assertThat(compilation).hadErrorContaining("[WB551]").inFile(reordered).onLine(3);
    }

    @Test
    void aParameterOfAnotherTypeIsReportedOnIt() {
        Compilation compilation = compile(
                api("@WasmExport void setLogger(Logger logger);"),
                logger("void log(long level, String message);", "String name();", "@Unsigned int count();"));
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("[WB553] Parameter 'level' of Logger.log is long in Java, but the Rust method is"
                        + " 'fn log(level: i32, message: String) -> ()', where it is i32. Use int in Java.");
    }

    @Test
    void aResultOfAnotherTypeIsReportedOnTheMethod() {
        Compilation compilation = compile(
                api("@WasmExport void setLogger(Logger logger);"),
                logger("void log(int level, String message);", "String name();", "int count();"));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[WB553] The result of Logger.count is int in Java");
    }

    @Test
    void aTypeThatCannotCrossIsReported() {
        Compilation compilation = compile(
                api("@WasmExport void setLogger(Logger logger);"),
                logger("void log(Thread level, String message);", "String name();", "@Unsigned int count();"));
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContaining("[WB552] Parameter 'level' of Logger.log is Thread, which cannot cross");
    }

    @Test
    void theAnnotationGoesOnAnInterface() {
        Compilation compilation = compile(
                api("@WasmExport void setLogger(Logger logger);"),
                source("Logger", "@WasmInterface public abstract class Logger { public abstract String name(); }"));
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("@WasmInterface goes on an interface");
    }
}
