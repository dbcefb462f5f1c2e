package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compile tests for Rust objects in lists and options, objects Rust gives or lends to imports and callbacks,
 * and iterators (docs/ABI.md, "Classes" and "Iterators"), against the real module built from
 * integration-tests/rust/objects-fixture: what Rust allows binds, and each mismatch fails with a message on
 * the element at fault (WB212, WB219-WB221).
 */
class ObjectsCompilationTest {
    private static final String FIXTURE = "wasm/objects_fixture.exnref.wasm";

    @TempDir
    static Path extra;

    /** A module whose signatures section has an iterator, but which lacks the support crate's iterator exports. */
    @BeforeAll
    static void writeModuleWithoutIteratorExports() throws IOException {
        Files.createDirectories(extra.resolve("old"));
        Files.write(
                extra.resolve("old/iterates.wasm"),
                new TinyWasm()
                        .withMemory()
                        .function("numbers", new byte[0], TinyWasm.I32)
                        .function(WasmModuleInfo.MALLOC, new byte[] {TinyWasm.I32, TinyWasm.I32}, TinyWasm.I32)
                        .function(WasmModuleInfo.FREE, new byte[] {TinyWasm.I32, TinyWasm.I32, TinyWasm.I32}, (byte) 0)
                        .function(AbiVersion.ITER_DROP, new byte[] {TinyWasm.I32}, (byte) 0)
                        .customSection("wasmbridge.signatures", "fn numbers() -> Iterator<i32>\n")
                        .build());
    }

    private static Compilation compile(JavaFileObject... sources) {
        Path fixtures = Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
        return javac().withProcessors(new WasmBridgeProcessor())
                .withOptions(
                        "-Awasmbridge.path=" + fixtures + java.io.File.pathSeparator + extra,
                        "-Awasmbridge.compile=false")
                .compile(sources);
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("test." + name, lines);
    }

    private static final String IMPORTS = "import dev.wasmbridge.annotations.*; import dev.wasmbridge.runtime.*;"
            + " import java.util.*; import java.util.stream.*;";

    /** A module interface on the objects fixture. */
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

    /** The fixture's imports, every one of them, so the only errors are the ones under test. */
    private static final JavaFileObject HOST = FixtureImports.objectsFixture("test", "Host");

    private static final JavaFileObject TOKEN = source(
            "Token",
            "package test;",
            IMPORTS,
            "@WasmClass public interface Token extends WasmObject {",
            "  @WasmExport long id();",
            "  @WasmExport List<Token> split(int parts);",
            "  @WasmExport long absorb(List<Token> others);",
            "  @WasmExport Iterator<String> letters();",
            "}");
    private static final JavaFileObject SPOT =
            source("Spot", "package test;", IMPORTS, "@WasmRecord public record Spot(int x, int y) {}");
    private static final JavaFileObject VISITOR = source(
            "Visitor", "package test;", IMPORTS, "@WasmCallback public interface Visitor { long visit(Token t); }");
    private static final JavaFileObject SINK = source(
            "Sink", "package test;", IMPORTS, "@WasmCallback public interface Sink { void accept(Token t, int i); }");

    @Test
    void objectsInValuesAndIteratorsBind() {
        Compilation compilation = compile(
                HOST,
                TOKEN,
                SPOT,
                VISITOR,
                SINK,
                api(
                        "  @WasmExport List<Token> tokens(int n, String prefix);",
                        "  @WasmExport long[] ids(List<Token> tokens);",
                        "  @WasmExport int relabelAll(List<Token> tokens, String label);",
                        "  @WasmExport long sumIds(List<Token> tokens);",
                        "  @WasmExport long takeMaybe(Optional<Token> token);",
                        "  @WasmExport String peekMaybe(Optional<Token> token);",
                        "  @WasmExport boolean bumpMaybe(Optional<Token> token);",
                        "  @WasmExport long visitTokens(int n, Visitor f);",
                        "  @WasmExport void giveTokens(int n, Sink f);",
                        "  @WasmExport Iterator<@Unsigned Integer> countUp(@Unsigned int n);",
                        "  @WasmExport Stream<String> words(String text);",
                        "  @WasmExport WasmIterator<Spot> spots(int n);",
                        "  @WasmExport WasmIterator<Token> tokenStream(int n, @Unsigned int batch);",
                        "  @WasmExport Stream<Integer> checkedCount(int n);"));
        assertThat(compilation).succeededWithoutWarnings(); // what it generates: GoldenFilesTest
    }

    @Test
    void itemsThatDoNotMatchNameBothItemTypes() {
        JavaFileObject api = api(
                "  @WasmExport Iterator<Integer> countUp(@Unsigned int n);",
                "  @WasmExport Stream<Long> words(String text);",
                "  @WasmExport WasmIterator<Spot> tokenStream(int n, @Unsigned int batch);");
        Compilation compilation = compile(HOST, TOKEN, SPOT, api);
        assertThat(compilation)
                .hadErrorContaining("[WB220] The items of Api.countUp(@Unsigned int) are Integer in Java, but u32 in"
                        + " Rust (`fn count_up(n: u32) -> Iterator<u32>`); a Rust u32 item is @Unsigned Integer in"
                        + " Java. Declare Iterator<@Unsigned Integer>, or change the Rust item type.")
                .inFile(api)
                .onLineContaining("countUp");
        assertThat(compilation)
                .hadErrorContaining("[WB220] The items of Api.words(String) are Long in Java, but String in Rust")
                .inFile(api)
                .onLineContaining("words");
        assertThat(compilation).hadErrorContaining("a Rust String item is String in Java. Declare Stream<String>");
        assertThat(compilation)
                .hadErrorContaining("are Spot in Java, but Token in Rust")
                .inFile(api)
                .onLineContaining("tokenStream");
        assertThat(compilation).hadErrorContaining("Declare WasmIterator<Token>");
    }

    @Test
    void anIteratorWhereRustHasNoneOrTheReverseIsATypeMismatch() {
        JavaFileObject api = api(
                "  @WasmExport Iterator<Token> tokens(int n, String prefix);",
                "  @WasmExport List<String> words(String text);");
        Compilation compilation = compile(HOST, TOKEN, api);
        assertThat(compilation)
                .hadErrorContaining("[WB212] The result of Api.tokens(int, String) is Iterator<Token> in Java, but"
                        + " Vec<Token> in Rust (`fn tokens(n: i32, prefix: &str) -> Vec<Token>`); a Rust Vec<Token> is"
                        + " List<Token> in Java.")
                .inFile(api)
                .onLineContaining("tokens");
        assertThat(compilation)
                .hadErrorContaining("is List<String> in Java, but Iterator<String> in Rust (`fn words(text: &str) ->"
                        + " Iterator<String>`); a Rust Iterator<String> is Iterator<String>, Stream<String> or"
                        + " WasmIterator<String> in Java.")
                .inFile(api)
                .onLineContaining("words");
    }

    @Test
    void anIteratorIsOnlyAResult() {
        JavaFileObject api = api("  @WasmExport long sumIds(Iterator<Token> tokens);");
        JavaFileObject host = source(
                "Host",
                "package test;",
                IMPORTS,
                "public interface Host {",
                "  @WasmImport(module = \"host\") String inspect(Token token);",
                "  @WasmImport(module = \"host\") void edit(Token token);",
                "  @WasmImport(module = \"host\") void adopt(Token token, int note);",
                "  @WasmImport(module = \"host\", name = \"tick\") Stream<Integer> tick(int i);",
                "}");
        Compilation compilation = compile(host, TOKEN, api);
        assertThat(compilation)
                .hadErrorContaining("[WB219] Parameter 'tokens' of Api.sumIds(Iterator<Token>) is Iterator<Token>, but"
                        + " an Iterator, Stream or WasmIterator can only be the result of a @WasmExport method (a Rust"
                        + " wasmbridge::Iter<T> result), from which Java pulls the items. Pass a List instead.")
                .inFile(api)
                .onLineContaining("sumIds");
        assertThat(compilation)
                .hadErrorContaining("[WB219] The result of Host.tick(int) is Stream<Integer>")
                .inFile(host)
                .onLineContaining("tick");
    }

    @Test
    void anIteratorWithoutAnItemTypeIsUnsupported() {
        JavaFileObject api = api(
                "  @WasmExport Iterator countUp(@Unsigned int n);",
                "  @WasmExport Stream<? extends CharSequence> words(String text);",
                "  @WasmExport Iterator<Thread> naturals();");
        Compilation compilation = compile(HOST, TOKEN, api);
        assertThat(compilation)
                .hadErrorContaining("[WB204] Api.countUp(@Unsigned int) returns Iterator, which Wasmbridge cannot"
                        + " take from Rust.")
                .inFile(api)
                .onLineContaining("countUp");
        assertThat(compilation).hadErrorContaining("results also Iterator<T>, Stream<T> and WasmIterator<T>");
        assertThat(compilation)
                .hadErrorContaining("returns Stream<? extends CharSequence>, which Wasmbridge cannot")
                .inFile(api)
                .onLineContaining("words");
        assertThat(compilation)
                .hadErrorContaining("returns Iterator<Thread>, which Wasmbridge cannot")
                .inFile(api)
                .onLineContaining("naturals");
    }

    @Test
    void listsAndOptionalsOfObjectsMatchRustElementByElement() {
        JavaFileObject api = api(
                "  @WasmExport long[] ids(List<Spot> tokens);",
                "  @WasmExport long takeMaybe(Optional<Spot> token);",
                "  @WasmExport List<Token> maybeToken(boolean make);");
        Compilation compilation = compile(HOST, TOKEN, SPOT, api);
        assertThat(compilation)
                .hadErrorContaining("[WB212] Parameter 'tokens' of Api.ids(List<Spot>) is List<Spot> in Java, but"
                        + " Vec<&Token> in Rust (`fn ids(tokens: Vec<&Token>) -> Vec<i64>`); a Rust Vec<&Token> is"
                        + " List<Token> in Java.")
                .inFile(api)
                .onLineContaining("ids");
        assertThat(compilation)
                .hadErrorContaining("is Optional<Spot> in Java, but Option<Token> in Rust")
                .inFile(api)
                .onLineContaining("takeMaybe");
        assertThat(compilation)
                .hadErrorContaining("is List<Token> in Java, but Option<Token> in Rust")
                .inFile(api)
                .onLineContaining("maybeToken");
    }

    @Test
    void anInvalidItemOrElementTypeIsOneErrorOnItself() {
        JavaFileObject missing =
                source("Missing", "package test;", IMPORTS, "@WasmRecord public record Missing(int x) {}");
        JavaFileObject ghost =
                source("Ghost", "package test;", IMPORTS, "@WasmClass public interface Ghost extends WasmObject {}");
        JavaFileObject api = api(
                "  @WasmExport Iterator<Missing> spots(int n);",
                "  @WasmExport long sumIds(List<Ghost> tokens);",
                "  @WasmExport WasmIterator<Ghost> tokenStream(int n, @Unsigned int batch);");
        Compilation compilation = compile(HOST, TOKEN, missing, ghost, api);
        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation)
                .hadErrorContaining("[WB506] @WasmRecord Missing stands for the Rust struct 'Missing'")
                .inFile(missing)
                .onLineContaining("record Missing");
        assertThat(compilation)
                .hadErrorContaining("[WB502] @WasmClass Ghost stands for the Rust type 'Ghost'")
                .inFile(ghost)
                .onLineContaining("interface Ghost");
    }

    @Test
    void aResultCannotBorrowAnObject() {
        JavaFileObject api = api("  @WasmExport List<Token> borrowed(List<Token> tokens);");
        Compilation compilation = compile(HOST, TOKEN, api);
        assertThat(compilation)
                .hadErrorContaining("[WB212] The result of Api.borrowed(List<Token>) is List<Token> in Java, but"
                        + " Vec<&Token> in Rust (`fn borrowed(tokens: Vec<&Token>) -> Vec<&Token>`); a Rust Vec<&Token>"
                        + " is nothing (Java cannot keep an object Rust only borrows; return Vec<Token>, new objects)"
                        + " in Java.")
                .inFile(api)
                .onLineContaining("borrowed");
    }

    @Test
    void objectsGivenOrLentToImportsAndCallbacksMatchTheirClass() {
        JavaFileObject host = source(
                "Host",
                "package test;",
                IMPORTS,
                "public interface Host {",
                "  @WasmImport(module = \"host\") String inspect(Spot token);",
                "  @WasmImport(module = \"host\") void edit(Token token);",
                "  @WasmImport(module = \"host\") void adopt(Optional<Token> token, int note);",
                "  @WasmImport(module = \"host\") void tick(int i);",
                "}");
        JavaFileObject sink = source(
                "Sink",
                "package test;",
                IMPORTS,
                "@WasmCallback public interface Sink { void accept(Spot t, int i); }");
        JavaFileObject api = api("  @WasmExport void giveTokens(int n, Sink f);");
        Compilation compilation = compile(host, TOKEN, SPOT, sink, api);
        assertThat(compilation)
                .hadErrorContaining("[WB212] Parameter 'token' of Host.inspect(Spot) is Spot in Java, but &Token in"
                        + " Rust (`import host.inspect(token: &Token) -> String`); a Rust &Token is Token in Java.")
                .inFile(host)
                .onLineContaining("inspect");
        assertThat(compilation)
                .hadErrorContaining("is Optional<Token> in Java, but Token in Rust")
                .inFile(host)
                .onLineContaining("adopt");
        assertThat(compilation)
                .hadErrorContaining("[WB212] Parameter 'f' of Api.giveTokens(int, Sink) is Sink in Java, but"
                        + " Fn(Token, i32) -> () in Rust")
                .inFile(api)
                .onLineContaining("giveTokens");
        assertThat(compilation).hadErrorContaining("a @WasmCallback interface with a method (Token, int) -> void");
    }

    @Test
    void aClassThatOnlyImportsTakeIsBoundToo() {
        // No export takes or returns a Token: Java meets the class only in what Rust lends or gives its imports,
        // which still need the class's implementation (a view, a new object).
        Compilation compilation = compile(
                HOST,
                TOKEN,
                api(
                        "  @WasmExport String showToken(long id);",
                        "  @WasmExport void giveToken(long id, String label);"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .contains("new TokenObject(");
    }

    @Test
    void aModuleWithoutTheIteratorExportsIsRefused() {
        JavaFileObject api = source(
                "Old",
                "package test;",
                IMPORTS,
                "@WasmModule(\"old/iterates.wasm\")",
                "public interface Old {",
                "  @WasmExport Iterator<Integer> numbers();",
                "}");
        Compilation compilation = compile(api);
        assertThat(compilation)
                .hadErrorContaining("[WB221] Old.numbers() returns a Rust iterator, but in Wasm module"
                        + " 'old/iterates.wasm' wasmbridge_iter_next is missing. Build the crate with the wasmbridge"
                        + " support crate of the same release as the Java dependencies: it exports both (docs/ABI.md,"
                        + " \"Iterators\").")
                .inFile(api)
                .onLineContaining("numbers");
    }
}
