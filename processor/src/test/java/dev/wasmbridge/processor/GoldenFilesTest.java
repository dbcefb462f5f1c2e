package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The complete generated source of a few small, representative interfaces, compared with golden files in
 * {@code src/test/resources/golden}: scalars with build-time bytecode (direct calls), strings, bytes and
 * imports, a Rust class, records, an enum, options, lists, a callback and a Rust error, and Rust objects in
 * lists and options, lent and given to imports and callbacks, and iterators. A change to the writer shows up
 * here as a diff to review; regenerate the files with the command in {@link GoldenFiles#HOW_TO_UPDATE}. Golden files also change when a fixture {@code .wasm} is rebuilt (its
 * SHA-256 is in the source) or a runtime class moves.
 */
class GoldenFilesTest {
    /**
     * The golden files. Their package ({@code example}) is not their folder's name, so javac never finds
     * them on the test classpath as sources of the classes under test.
     */
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    /** Package names of the Wasm engine, which generated source must not name (issue 19). */
    private static final List<String> ENGINE_PACKAGES = List.of("com.dylibso", "run.endive");

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("example." + name, lines);
    }

    private static final JavaFileObject TYPES_HOST = FixtureImports.typesFixture("example", "Host");

    @Test
    void scalarsWithBuildTimeBytecode() throws IOException {
        check(
                "Primitives",
                true,
                TYPES_HOST,
                source(
                        "Primitives",
                        "package example;",
                        "import dev.wasmbridge.annotations.*;",
                        "@WasmModule(value = \"wasm/types_fixture.exnref.wasm\", imports = Host.class)",
                        "public interface Primitives {",
                        "  @WasmExport int add(int a, int b);",
                        "  @WasmExport long mulLong(long a, long b);",
                        "  @WasmExport float half(float x);",
                        "  @WasmExport double hypotenuse(double x, double y);",
                        "  @WasmExport boolean negate(boolean b);",
                        "  @WasmExport void nothing();",
                        "}"));
    }

    @Test
    void stringsBytesAndImports() throws IOException {
        check(
                "Text",
                false,
                TYPES_HOST,
                source(
                        "Text",
                        "package example;",
                        "import dev.wasmbridge.annotations.*;",
                        "import java.nio.ByteBuffer;",
                        "@WasmModule(value = \"wasm/types_fixture.exnref.wasm\", imports = Host.class)",
                        "public interface Text {",
                        "  @WasmExport String greet(String name);",
                        "  @WasmExport String repeat(String text, int times);",
                        "  @WasmExport long byteSum(byte[] bytes);",
                        "  @WasmExport ByteBuffer bytesOwned(ByteBuffer bytes);",
                        "  @WasmExport void callHostLog(String message);",
                        "}"));
    }

    @Test
    void classRecordsEnumCallbackAndErrors() throws IOException {
        String imports = "import dev.wasmbridge.annotations.*; import dev.wasmbridge.runtime.*; import java.util.*;";
        check(
                "Rich",
                false,
                source("Color", "package example;", imports, "@WasmEnum public enum Color { RED, GREEN, BLUE }"),
                source("Point", "package example;", imports, "@WasmRecord public record Point(double x, double y) {}"),
                source(
                        "Labeled",
                        "package example;",
                        imports,
                        "@WasmRecord public record Labeled(String label,"
                                + " Point point, List<String> tags, Optional<@Unsigned Integer> weight, Color color) {}"),
                source(
                        "IntOp",
                        "package example;",
                        imports,
                        "@WasmCallback public interface IntOp {" + " int apply(int x); }"),
                source(
                        "Counter",
                        "package example;",
                        imports,
                        "@WasmClass public interface Counter extends WasmObject {",
                        "  @WasmExport long increment(long by);",
                        "  @WasmExport long intoTotal();",
                        "  @WasmExport Counter merged(Counter other);",
                        "  @WasmExport long addFrom(Counter other);",
                        "}"),
                FixtureImports.richFixture("example", "RichHost"),
                source(
                        "Rich",
                        "package example;",
                        imports,
                        "@WasmModule(value = \"wasm/rich_fixture.exnref.wasm\", imports = RichHost.class)",
                        "public interface Rich {",
                        "  @WasmExport(name = \"Counter::new\") Counter newCounter(String name, long start);",
                        "  @WasmExport Optional<Counter> maybeCounter(boolean make);",
                        "  @WasmExport long counterConsume(Counter c);",
                        "  @WasmExport Color nextColor(Color c);",
                        "  @WasmExport Labeled labeledEcho(Labeled l);",
                        "  @WasmExport Optional<Point> centroid(List<Point> points);",
                        "  @WasmExport OptionalInt optIntDouble(OptionalInt x);",
                        "  @WasmExport int[] intsDoubled(int[] values);",
                        "  @WasmExport @Unsigned int u32Add(@Unsigned int a, @Unsigned int b);",
                        "  @WasmExport long parseInt(String text);",
                        "  @WasmExport double checkedSqrt(double x) throws IllegalArgumentException;",
                        "  @WasmExport int applyTwice(IntOp f, int x);",
                        "}"));
    }

    @Test
    void objectsInValuesLoansAndIterators() throws IOException {
        String imports = "import dev.wasmbridge.annotations.*; import dev.wasmbridge.runtime.*;"
                + " import java.util.*; import java.util.stream.*;";
        check(
                "Objects",
                false,
                source(
                        "Token",
                        "package example;",
                        imports,
                        "@WasmClass public interface Token extends WasmObject {",
                        "  @WasmExport String label();",
                        "  @WasmExport List<Token> split(int parts);",
                        "  @WasmExport long absorb(List<Token> others);",
                        "  @WasmExport Iterator<String> letters();",
                        "}"),
                source(
                        "Visitor",
                        "package example;",
                        imports,
                        "@WasmCallback public interface Visitor { long visit(Token token); }"),
                source(
                        "Sink",
                        "package example;",
                        imports,
                        "@WasmCallback public interface Sink { void accept(Token token, int index); }"),
                FixtureImports.objectsFixture("example", "Host"),
                source(
                        "Objects",
                        "package example;",
                        imports,
                        "@WasmModule(value = \"wasm/objects_fixture.exnref.wasm\", imports = Host.class)",
                        "public interface Objects {",
                        "  @WasmExport List<Token> tokens(int n, String prefix);",
                        "  @WasmExport long[] ids(List<Token> tokens);",
                        "  @WasmExport long sumIds(List<Token> tokens);",
                        "  @WasmExport long takeMaybe(Optional<Token> token);",
                        "  @WasmExport String peekMaybe(Optional<Token> token);",
                        "  @WasmExport long visitTokens(int n, Visitor f);",
                        "  @WasmExport void giveTokens(int n, Sink f);",
                        "  @WasmExport Iterator<@Unsigned Integer> countUp(@Unsigned int n);",
                        "  @WasmExport Stream<String> words(String text);",
                        "  @WasmExport WasmIterator<Token> tokenStream(int n, @Unsigned int batch);",
                        "}"));
    }

    @Test
    void aMismatchNamesTheFirstDifferingLineAndTheSwitch(@TempDir Path dir) throws IOException {
        Assumptions.assumeFalse(GoldenFiles.updating(), "this run rewrites golden files");
        Path golden = dir.resolve("Some.java");
        Files.writeString(golden, "class Some {\n  int a;\n}\n");
        AssertionFailedError e = assertThrows(
                AssertionFailedError.class, () -> GoldenFiles.check(golden, "class Some {\n  long a;\n}\n"));
        assertTrue(
                e.getMessage().contains("First difference at line 2:\n  golden:      int a;\n  generated:   long a;"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("-D" + GoldenFiles.UPDATE_PROPERTY + "=true"), e.getMessage());
        GoldenFiles.check(golden, "class Some {\n  int a;\n}\n");
    }

    /**
     * Compiles {@code sources} (the last one the {@code @WasmModule} interface) and checks the generated
     * bindings against {@code golden/<name>Bindings.java}.
     */
    private static void check(String name, boolean toBytecode, JavaFileObject... sources) throws IOException {
        Path fixtures = Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
        Compilation compilation = javac().withProcessors(new WasmBridgeProcessor())
                .withOptions("-Awasmbridge.path=" + fixtures, "-A" + MachineCompiler.OPTION + "=" + toBytecode)
                .compile(sources);
        assertThat(compilation).succeededWithoutWarnings();
        String generated = compilation
                .generatedSourceFile("example." + name + "Bindings")
                .orElseThrow()
                .getCharContent(true)
                .toString();
        for (String engine : ENGINE_PACKAGES) {
            assertFalse(
                    generated.contains(engine),
                    name + "Bindings names the engine package " + engine
                            + ": generated code must use Wasmbridge's own types (WasmSignature, ...)");
        }
        GoldenFiles.check(GOLDEN.resolve(name + "Bindings.java"), generated);
    }
}
