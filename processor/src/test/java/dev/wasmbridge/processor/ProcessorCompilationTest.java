package dev.wasmbridge.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compile test for every diagnostic of {@link Message}, against the real fixture module built from
 * integration-tests/rust/types-fixture, checking the tag, the words a user needs, and the line reported.
 */
class ProcessorCompilationTest {
    private static final String FIXTURE = "wasm/types_fixture.exnref.wasm";

    @TempDir
    static Path extra;

    @BeforeAll
    static void writeSpecialModules() throws IOException {
        Files.createDirectories(extra.resolve("bad"));
        Files.write(extra.resolve("bad/garbage.wasm"), "not wasm at all".getBytes(StandardCharsets.UTF_8));
        byte[] fixture = Files.readAllBytes(fixtures().resolve(FIXTURE));
        Files.write(extra.resolve("bad/abi9.wasm"), withAbiVersion(fixture, (byte) '9'));
        Files.write(
                extra.resolve("bad/no-allocator.wasm"),
                new TinyWasm()
                        .withMemory()
                        .function("echo", new byte[] {TinyWasm.I64}, TinyWasm.I64)
                        .build());
        Files.write(
                extra.resolve("splittable.wasm"),
                new TinyWasm().largeBlockFunction("sum", 40, 50).build());
        Files.write(
                extra.resolve("bad/huge.wasm"),
                new TinyWasm()
                        .largeFunction("sum", 6000, "_RNvCs1234_8my_crate8sum_many")
                        .build());
        Files.write(
                extra.resolve("bad/odd-support-import.wasm"),
                new TinyWasm()
                        .importFunction("wasmbridge", "panic", new byte[] {TinyWasm.I32}, (byte) 0)
                        .function("add", new byte[] {TinyWasm.I32, TinyWasm.I32}, TinyWasm.I32)
                        .build());
        // modules built for wasm32-wasip1 import WASI preview 1, which the runtime provides
        Files.write(
                extra.resolve("wasi.wasm"),
                new TinyWasm()
                        .importFunction(
                                "wasi_snapshot_preview1",
                                "fd_write",
                                new byte[] {TinyWasm.I32, TinyWasm.I32, TinyWasm.I32, TinyWasm.I32},
                                TinyWasm.I32)
                        .importFunction("wasi_snapshot_preview1", "proc_exit", new byte[] {TinyWasm.I32}, (byte) 0)
                        .importFunction("host", "log", new byte[] {TinyWasm.I64}, (byte) 0)
                        .function("add", new byte[] {TinyWasm.I32, TinyWasm.I32}, TinyWasm.I32)
                        .build());
        Files.write(
                extra.resolve("bad/wasi-later.wasm"),
                new TinyWasm()
                        .importFunction("wasi_snapshot_preview1", "fd_frobnicate", new byte[] {TinyWasm.I32}, (byte) 0)
                        .importFunction("wasi_snapshot_preview1", "fd_close", new byte[] {TinyWasm.I64}, TinyWasm.I32)
                        .function("add", new byte[] {TinyWasm.I32, TinyWasm.I32}, TinyWasm.I32)
                        .build());
        Files.write(
                extra.resolve("bad/plain-import.wasm"),
                new TinyWasm()
                        .importFunction("host", "log", new byte[] {TinyWasm.I64}, (byte) 0)
                        .function("add", new byte[] {TinyWasm.I32, TinyWasm.I32}, TinyWasm.I32)
                        .build());
        // three builds of one crate, where only the second disagrees with the Java side
        Files.createDirectories(extra.resolve("flavours"));
        for (String flavour : new String[] {"a", "b", "c"}) {
            byte number = flavour.equals("b") ? TinyWasm.I64 : TinyWasm.I32;
            Files.write(
                    extra.resolve("flavours/" + flavour + ".wasm"),
                    new TinyWasm()
                            .function("add", new byte[] {number, number}, number)
                            .function("neg", new byte[] {TinyWasm.I32}, TinyWasm.I32)
                            .build());
        }
        Files.write(
                extra.resolve("bad/no-memory.wasm"),
                new TinyWasm()
                        .function("echo", new byte[] {TinyWasm.I64}, TinyWasm.I64)
                        .build());
    }

    private static Path fixtures() {
        return Path.of(System.getProperty("wasmbridge.fixtures")).getParent();
    }

    private static byte[] withAbiVersion(byte[] module, byte version) {
        byte[] name = "wasmbridge.abi".getBytes(StandardCharsets.US_ASCII);
        byte[] copy = module.clone();
        for (int i = 0; i + name.length < copy.length; i++) {
            if (java.util.Arrays.equals(copy, i, i + name.length, name, 0, name.length)) {
                copy[i + name.length] = version;
                return copy;
            }
        }
        throw new AssertionError("fixture has no wasmbridge.abi section");
    }

    /** Compiles with build-time compilation of the module off (it takes a while); see compileToBytecode. */
    private static Compilation compile(JavaFileObject... sources) {
        return compile(false, sources);
    }

    private static Compilation compile(boolean toBytecode, JavaFileObject... sources) {
        return javac().withProcessors(new WasmBridgeProcessor())
                .withOptions(
                        "-Awasmbridge.path=" + fixtures() + java.io.File.pathSeparator + extra,
                        "-A" + MachineCompiler.OPTION + "=" + toBytecode)
                .compile(sources);
    }

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("test." + name, lines);
    }

    private static JavaFileObject moduleInterface(String annotation, String... methods) {
        String[] lines = new String[methods.length + 7];
        lines[0] = "package test;";
        lines[1] = "import dev.wasmbridge.annotations.*;";
        lines[2] = "import java.util.List;";
        lines[3] = annotation;
        lines[4] = "public interface Api {";
        System.arraycopy(methods, 0, lines, 5, methods.length);
        lines[methods.length + 5] = "}";
        lines[methods.length + 6] = "";
        return source("Api", lines);
    }

    private static JavaFileObject fixtureInterface(String... methods) {
        return moduleInterface("@WasmModule(value = \"" + FIXTURE + "\", imports = Host.class)", methods);
    }

    /** An imports interface {@code test.Host} with the given method declarations. */
    private static JavaFileObject hostWith(String... methods) {
        String[] lines = new String[methods.length + 4];
        lines[0] = "package test;";
        lines[1] = "import dev.wasmbridge.annotations.WasmImport;";
        lines[2] = "public interface Host {";
        System.arraycopy(methods, 0, lines, 3, methods.length);
        lines[methods.length + 3] = "}";
        return source("Host", lines);
    }

    private static final String HOST_ADD = "  @WasmImport(module = \"host\") int hostAdd(int a, int b);";
    private static final String LOG = "  @WasmImport(module = \"host\") void log(String message);";
    private static final String GREETING = "  @WasmImport(module = \"host\") String hostGreeting(String name);";
    private static final String TRANSFORM = "  @WasmImport(module = \"host\") byte[] hostTransform(byte[] bytes);";
    private static final String SCALARS =
            "  @WasmImport(module = \"host\") double hostScalars(long a, float b, double c, boolean d);";

    /** Implements every import of the fixture. */
    private static final JavaFileObject HOST = FixtureImports.typesFixture("test", "Host");

    @Test
    void validInterfaceGeneratesBindingsThatCompile() {
        JavaFileObject api = fixtureInterface(
                "  @WasmExport String greet(String name);",
                "  @WasmExport int add(int a, int b);",
                "  @WasmExport(name = \"bytes_reversed\") byte[] reversed(byte[] bytes);",
                "  @WasmExport void nothing();",
                "  default String greetTwice(String name) { return greet(greet(name)); }");
        assertThat(compile(api, HOST)).succeededWithoutWarnings(); // what it generates: GoldenFilesTest
    }

    @Test
    void legacyModuleIsTranslatedAtBuildTimeAndTheBindingsLoadTheTranslation() throws IOException {
        JavaFileObject api = moduleInterface(
                "@WasmModule(value = \"wasm/types_fixture.legacy.wasm\", imports = Host.class)",
                "  @WasmExport String greet(String name);");
        Compilation compilation = compile(api, HOST);
        assertThat(compilation).succeededWithoutWarnings();
        // keyed by the digest of the file it was made from, so it is never served for another version
        String sha256 = Digests.sha256(Files.readAllBytes(fixtures().resolve("wasm/types_fixture.legacy.wasm")));
        String translation = "META-INF/wasmbridge/exnref/" + sha256 + "/wasm/types_fixture.legacy.wasm";
        assertThat(compilation).generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, translation);
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .contains("CheckedModule.classpath(ApiBindings.class, \"wasm/types_fixture.legacy.wasm\")");
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .contains(".withTranslation(\"" + translation + "\")");
    }

    @Test
    void bindingsRecordTheModuleDigestAndTheRustDeclarationsTheyUse() throws IOException {
        Compilation compilation = compile(
                fixtureInterface("  @WasmExport String greet(String name);", "  @WasmExport int add(int a, int b);"),
                HOST);
        assertThat(compilation).succeededWithoutWarnings();
        String sha256 = Digests.sha256(Files.readAllBytes(fixtures().resolve(FIXTURE)));
        String source = compilation
                .generatedSourceFile("test.ApiBindings")
                .orElseThrow()
                .getCharContent(true)
                .toString();
        // exactly the declarations the two methods and the imports were checked against, sorted
        assertTrue(
                source.contains(".checkedAgainst(\"" + sha256 + "\", List.of(\n"
                        + "    \"fn add(a: i32, b: i32) -> i32\",\n"
                        + "    \"fn greet(name: &str) -> String\",\n"
                        + "    \"import host.host_add(a: i32, b: i32) -> i32\",\n"
                        + "    \"import host.host_greeting(name: &str) -> String\",\n"
                        + "    \"import host.host_scalars(a: i64, b: f32, c: f64, d: bool) -> f64\",\n"
                        + "    \"import host.host_transform(bytes: &[u8]) -> Vec<u8>\",\n"
                        + "    \"import host.log(message: &str) -> ()\"))"),
                source);
        // the record the build plugin's refresh goal reads
        String record = new String(
                compilation
                        .generatedFile(
                                javax.tools.StandardLocation.CLASS_OUTPUT,
                                "META-INF/wasmbridge/bindings/test.ApiBindings.properties")
                        .orElseThrow()
                        .openInputStream()
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.Properties properties = new java.util.Properties();
        properties.load(new java.io.StringReader(record));
        assertEquals("test.Api", properties.getProperty("interface"));
        assertEquals("test.Api", properties.getProperty("source"));
        assertEquals("test.ApiBindings", properties.getProperty("bindings"));
        assertEquals(FIXTURE, properties.getProperty("module"));
        assertEquals(sha256, properties.getProperty("sha256"));
        assertEquals(fixtures().resolve(FIXTURE).toAbsolutePath().toUri().toString(), properties.getProperty("found"));
    }

    @Test
    void theModuleSkeletonHasEverythingButTheCode() throws IOException {
        Compilation compilation = compile(true, fixtureInterface("  @WasmExport int add(int a, int b);"), HOST);
        assertThat(compilation).succeededWithoutWarnings();
        byte[] original = Files.readAllBytes(fixtures().resolve(FIXTURE));
        String path = "META-INF/wasmbridge/skeleton/" + Digests.sha256(original) + "/" + FIXTURE;
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .contains(".withSkeleton(\"" + path + "\")");
        byte[] skeleton = compilation
                .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, path)
                .orElseThrow()
                .openInputStream()
                .readAllBytes();
        com.dylibso.chicory.wasm.WasmModule whole = com.dylibso.chicory.wasm.Parser.parse(original);
        com.dylibso.chicory.wasm.WasmModule parts = com.dylibso.chicory.wasm.Parser.parse(skeleton);
        assertEquals(
                whole.functionSection().functionCount(), parts.functionSection().functionCount());
        assertEquals(whole.exportSection().exportCount(), parts.exportSection().exportCount());
        assertEquals(whole.importSection().importCount(), parts.importSection().importCount());
        assertEquals(whole.dataSection().dataSegmentCount(), parts.dataSection().dataSegmentCount());
        assertTrue(parts.customSection("wasmbridge.signatures") != null);
        assertTrue(parts.nameSection() == null, "the name section is left out");
        assertTrue(skeleton.length * 3 < original.length, skeleton.length + " bytes of " + original.length);
    }

    @Test
    void aFunctionTooBigForTheJitIsSplitBeforeItIsCompiled() throws IOException {
        JavaFileObject api = moduleInterface("@WasmModule(\"splittable.wasm\")", "  @WasmExport int sum();");
        Compilation compilation = compile(true, api);
        assertThat(compilation).succeededWithoutWarnings(); // no WB402: nothing left over the limit
        byte[] original = new TinyWasm().largeBlockFunction("sum", 40, 50).build();
        assertTrue(
                !dev.wasmbridge.wasmeh.FunctionSplitter.oversizedFunctions(original)
                        .isEmpty(),
                "the function is over the limit as written");
        String skeleton = "META-INF/wasmbridge/skeleton/" + Digests.sha256(original) + "/splittable.wasm";
        com.dylibso.chicory.wasm.WasmModule compiled = com.dylibso.chicory.wasm.Parser.parse(compilation
                .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, skeleton)
                .orElseThrow()
                .openInputStream()
                .readAllBytes());
        assertTrue(compiled.functionSection().functionCount() > 1, "the bytecode was compiled from the split module");
        // what the runtime runs when it does not use the bytecode: the same split module, as the bindings name it
        assertThat(compilation)
                .generatedFile(
                        javax.tools.StandardLocation.CLASS_OUTPUT,
                        "META-INF/wasmbridge/exnref/" + Digests.sha256(original) + "/splittable.wasm");
    }

    @Test
    void methodsOverTheJitLimitAreReportedWithTheirRustNames() {
        JavaFileObject api = moduleInterface("@WasmModule(\"bad/huge.wasm\")", "  @WasmExport int sum();");
        Compilation compilation = compile(true, api);
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("[WB402] Wasm module 'bad/huge.wasm' compiles to 1 JVM method"
                        + " over HotSpot's JIT limit (8,000 bytes of bytecode): my_crate::sum_many (func_0, ")
                .inFile(api)
                .onLineContaining("interface Api");
        assertThat(compilation).hadWarningContaining("unless the JVM runs with -XX:-DontCompileHugeMethods");
    }

    @Test
    void moduleIsCompiledToBytecodeNextToTheBindings() {
        Compilation compilation = compile(true, fixtureInterface("  @WasmExport int add(int a, int b);"), HOST);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "test", "ApiBindingsMachine.class");
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .containsMatch(
                        "\\.withCompiledMachine\\(\"test\\.ApiBindingsMachine\", \"sha-?256:[A-Za-z0-9+/=]+\"\\)");
    }

    @Test
    void bytecodeCompilationCanBeTurnedOff() {
        Compilation compilation = compile(false, fixtureInterface("  @WasmExport int add(int a, int b);"), HOST);
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .doesNotContain("withCompiledMachine");
    }

    @Test
    void wrongJavaSignatureNamesTheExportAndBothSignatures() {
        // A module without Rust signatures (hand-written) is checked at the Wasm level.
        JavaFileObject api =
                moduleInterface("@WasmModule(\"bad/no-memory.wasm\")", "  @WasmExport int echo(String text);");
        Compilation compilation = compile(api);
        assertThat(compilation)
                .hadErrorContaining("[WB206] Api.echo(String) does not match the Rust export 'echo'")
                .inFile(api)
                .onLineContaining("int echo(String text)");
        assertThat(compilation)
                .hadErrorContaining(
                        "the export has Wasm signature (i64) -> i64, but the Java method lowers to (i64) -> i32"
                                + " ((String) -> int)");
    }

    @Test
    void wrongArityIsASignatureMismatch() {
        JavaFileObject api = fixtureInterface("  @WasmExport int add(int a);");
        assertThat(compile(api, HOST))
                .hadErrorContaining("[WB213] Api.add(int) has 1 parameter(s), but the Rust"
                        + " function `fn add(a: i32, b: i32) -> i32` has 2.")
                .inFile(api)
                .onLineContaining("int add(int a)");
    }

    @Test
    void missingExportSuggestsTheClosestName() {
        JavaFileObject api = fixtureInterface("  @WasmExport String greeet(String name);");
        assertThat(compile(api, HOST))
                .hadErrorContaining("[WB205] Api.greeet(String) calls the Rust export"
                        + " 'greeet', but Wasm module '" + FIXTURE
                        + "' has no function export of that name. Did you mean"
                        + " 'greet'?")
                .inFile(api)
                .onLineContaining("greeet");
    }

    @Test
    void snakeCaseDefaultName() {
        JavaFileObject api = fixtureInterface(
                "  @WasmExport int strLen(String text);", "  @WasmExport String callHostGreeting(String name);");
        assertThat(compile(api, HOST)).succeeded();
    }

    @Test
    void notAnInterface() {
        JavaFileObject api = source(
                "Api",
                "package test;",
                "import dev.wasmbridge.annotations.*;",
                "@WasmModule(\"" + FIXTURE + "\")",
                "public abstract class Api {}");
        assertThat(compile(api))
                .hadErrorContaining("[WB101] @WasmModule goes on an interface, but Api is a class")
                .inFile(api)
                .onLineContaining("class Api");
    }

    @Test
    void genericInterface() {
        JavaFileObject api = source(
                "Api",
                "package test;",
                "import dev.wasmbridge.annotations.*;",
                "@WasmModule(\"" + FIXTURE + "\")",
                "public interface Api<T> {}");
        assertThat(compile(api)).hadErrorContaining("[WB102]").inFile(api).onLineContaining("interface Api<T>");
    }

    @Test
    void moduleNotFound() {
        JavaFileObject api = moduleInterface("@WasmModule(\"wasm/nowhere.wasm\")");
        assertThat(compile(api))
                .hadErrorContaining("[WB104] Wasm module 'wasm/nowhere.wasm' was not found")
                .inFile(api)
                .onLineContaining("interface Api");
        assertThat(compile(api)).hadErrorContaining("src/main/resources/wasm/nowhere.wasm");
    }

    @Test
    void invalidModule() {
        JavaFileObject api = moduleInterface("@WasmModule(\"bad/garbage.wasm\")");
        assertThat(compile(api)).hadErrorContaining("[WB106]").inFile(api).onLineContaining("interface Api");
        assertThat(compile(api)).hadErrorContaining("is not a valid Wasm module");
    }

    @Test
    void abiVersionMismatch() {
        JavaFileObject api = moduleInterface("@WasmModule(value = \"bad/abi9.wasm\", imports = Host.class)");
        assertThat(compile(api, HOST))
                .hadErrorContaining("[WB107] Wasm module 'bad/abi9.wasm' was built for"
                        + " Wasmbridge ABI version 9, but this processor implements version " + AbiVersion.VERSION);
    }

    @Test
    void abstractMethodWithoutAnnotation() {
        JavaFileObject api = fixtureInterface("  int add(int a, int b);");
        assertThat(compile(api, HOST))
                .hadErrorContaining("[WB201] Api.add(int, int) is abstract but has no" + " @WasmExport")
                .inFile(api)
                .onLineContaining("int add(int a, int b)");
    }

    @Test
    void genericMethod() {
        JavaFileObject api = fixtureInterface("  @WasmExport <T> int add(int a, int b);");
        assertThat(compile(api, HOST)).hadErrorContaining("[WB202]").inFile(api).onLineContaining("<T> int add");
    }

    @Test
    void unsupportedParameterType() {
        JavaFileObject api = fixtureInterface("  @WasmExport String greet(java.util.Map<String, String> names);");
        assertThat(compile(api, HOST))
                .hadErrorContaining("[WB203] Parameter 'names' of Api.greet(Map<String,String>)"
                        + " has type Map<String,String>, which Wasmbridge cannot pass to Rust."
                        + " Supported: int, long, short, byte (each also @Unsigned), float, double, boolean, String,")
                .inFile(api)
                .onLineContaining("Map<String, String> names");
    }

    @Test
    void unsupportedResultType() {
        JavaFileObject api = fixtureInterface("  @WasmExport Object greet(String name);");
        assertThat(compile(api, HOST))
                .hadErrorContaining("[WB204] Api.greet(String) returns Object, which Wasmbridge cannot take from Rust")
                .inFile(api)
                .onLineContaining("Object greet");
    }

    @Test
    void twoMethodsForOneExport() {
        JavaFileObject api = fixtureInterface(
                "  @WasmExport int add(int a, int b);", "  @WasmExport(name = \"add\") int plus(int a, int b);");
        assertThat(compile(api, HOST))
                .hadErrorContaining(
                        "[WB207] Api.add(int, int) and Api.plus(int, int) both" + " call the Rust export 'add'")
                .inFile(api)
                .onLineContaining("int plus");
    }

    @Test
    void reservedName() {
        JavaFileObject api = fixtureInterface("  @WasmExport(name = \"wasmbridge_malloc\") int malloc(int s, int a);");
        assertThat(compile(api, HOST))
                .hadErrorContaining("[WB208] 'wasmbridge_malloc' starts with 'wasmbridge_'")
                .inFile(api)
                .onLineContaining("int malloc");
    }

    @Test
    void slicesNeedTheAllocator() {
        JavaFileObject api =
                moduleInterface("@WasmModule(\"bad/no-allocator.wasm\")", "  @WasmExport String echo(String text);");
        assertThat(compile(api))
                .hadErrorContaining(
                        "[WB209] Api.echo(String) passes strings or bytes, so Wasm"
                                + " module 'bad/no-allocator.wasm' must export wasmbridge_malloc and wasmbridge_free with the"
                                + " signatures of docs/ABI.md, but wasmbridge_malloc is missing and wasmbridge_free is missing.")
                .inFile(api)
                .onLineContaining("String echo");
    }

    @Test
    void slicesNeedMemory() {
        JavaFileObject api =
                moduleInterface("@WasmModule(\"bad/no-memory.wasm\")", "  @WasmExport String echo(String text);");
        assertThat(compile(api))
                .hadErrorContaining("[WB210] Api.echo(String) passes strings or bytes, but Wasm"
                        + " module 'bad/no-memory.wasm' has no linear memory.")
                .inFile(api)
                .onLineContaining("String echo");
    }

    @Test
    void blankName() {
        JavaFileObject api = fixtureInterface("  @WasmExport(name = \" \") int add(int a, int b);");
        assertThat(compile(api, HOST)).hadErrorContaining("[WB211]").inFile(api).onLineContaining("int add");
    }

    @Test
    void importsMustBeInterfaces() {
        JavaFileObject api = moduleInterface("@WasmModule(value = \"" + FIXTURE + "\", imports = String.class)");
        assertThat(compile(api))
                .hadErrorContaining(
                        "[WB301] java.lang.String is listed in @WasmModule(imports =" + " ...) but is not an interface")
                .inFile(api)
                .onLineContaining("interface Api");
    }

    @Test
    void importsListedTwice() {
        JavaFileObject api =
                moduleInterface("@WasmModule(value = \"" + FIXTURE + "\", imports = {Host.class, Host.class})");
        assertThat(compile(api, HOST)).hadErrorContaining("[WB302] test.Host is listed twice");
    }

    @Test
    void importMethodWithoutAnnotation() {
        JavaFileObject host =
                source("Host", "package test;", "public interface Host {", "  int hostAdd(int a, int b);", "}");
        JavaFileObject api = fixtureInterface();
        assertThat(compile(api, host))
                .hadErrorContaining("[WB303] Host.hostAdd(int, int) is abstract but has no" + " @WasmImport")
                .inFile(host)
                .onLineContaining("int hostAdd");
    }

    @Test
    void importTheModuleDoesNotNeedIsAWarning() {
        JavaFileObject host = hostWith(
                HOST_ADD,
                LOG,
                GREETING,
                TRANSFORM,
                SCALARS,
                "  @WasmImport(module = \"host\") void hostLog(String message);");
        Compilation compilation = compile(fixtureInterface(), host);
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("[WB304] Host.hostLog(String) provides host.host_log, but" + " Wasm module '"
                        + FIXTURE + "' does not import it.")
                .inFile(host)
                .onLineContaining("hostLog");
    }

    @Test
    void importSignatureMismatch() {
        // A module without Rust signatures (hand-written) is checked at the Wasm level.
        JavaFileObject host = hostWith("  @WasmImport(module = \"host\") void log(int message);");
        assertThat(compile(
                        moduleInterface("@WasmModule(value = \"bad/plain-import.wasm\", imports = Host.class)"), host))
                .hadErrorContaining("[WB305] Host.log(int) does not match the import host.log of"
                        + " 'bad/plain-import.wasm': the module imports it with Wasm signature (i64) -> (),"
                        + " but the Java method lowers to (i32) -> ()")
                .inFile(host)
                .onLineContaining("void log(int");
    }

    @Test
    void missingImport() {
        JavaFileObject host = hostWith(HOST_ADD, GREETING, TRANSFORM, SCALARS);
        JavaFileObject api = fixtureInterface();
        assertThat(compile(api, host))
                .hadErrorContaining(
                        "[WB306] Wasm module '" + FIXTURE + "' imports host.log"
                                + " with Wasm signature (i64) -> (), but no @WasmImport method provides it. Add a method such as"
                                + " `@WasmImport(module = \"host\", name = \"log\") void log(long /* or String, byte[] */ arg0)`")
                .inFile(api)
                .onLineContaining("interface Api");
    }

    @Test
    void duplicateImport() {
        JavaFileObject host =
                hostWith(HOST_ADD, "  @WasmImport(module = \"host\", name = \"host_add\") int plus(int a, int b);");
        assertThat(compile(fixtureInterface(), host))
                .hadErrorContaining("[WB308] Host.hostAdd(int, int) and"
                        + " Host.plus(int, int) both provide the import host.host_add")
                .inFile(host)
                .onLineContaining("plus");
    }

    @Test
    void supportImportOfAnotherAbi() {
        JavaFileObject api =
                moduleInterface("@WasmModule(\"bad/odd-support-import.wasm\")", "  @WasmExport int add(int a, int b);");
        assertThat(compile(api))
                .hadErrorContaining("[WB309] Wasm module 'bad/odd-support-import.wasm' imports"
                        + " wasmbridge.panic with Wasm signature (i32) -> (), which is not part of Wasmbridge ABI"
                        + " version " + AbiVersion.VERSION + ".")
                .inFile(api)
                .onLineContaining("interface Api");
    }

    @Test
    void wasiImportsNeedNoJavaImplementation() {
        JavaFileObject api = moduleInterface(
                "@WasmModule(value = \"wasi.wasm\", imports = Logger.class)", "  @WasmExport int add(int a, int b);");
        JavaFileObject logger = source(
                "Logger",
                "package test;",
                "import dev.wasmbridge.annotations.WasmImport;",
                "public interface Logger {",
                "  @WasmImport(module = \"host\", name = \"log\") void log(long message);",
                "}");
        Compilation compilation = compile(api, logger);
        assertThat(compilation).succeededWithoutWarnings();
        // the factories with options, next to those without
        assertThat(compilation)
                .generatedSourceFile("test.ApiBindings")
                .contentsAsUtf8String()
                .contains("public static ApiBindings create(WasmOptions options, Logger logger)");
    }

    @Test
    void wasiFunctionsThatPreviewOneLacks() {
        JavaFileObject api =
                moduleInterface("@WasmModule(\"bad/wasi-later.wasm\")", "  @WasmExport int add(int a, int b);");
        Compilation compilation = compile(api);
        assertThat(compilation)
                .hadErrorContaining("[WB310] Wasm module 'bad/wasi-later.wasm' imports"
                        + " wasi_snapshot_preview1.fd_frobnicate with Wasm signature (i32) -> (), which is not a"
                        + " function of WASI preview 1. The runtime provides WASI preview 1 alone (rustc's target"
                        + " wasm32-wasip1)")
                .inFile(api)
                .onLineContaining("interface Api");
        assertThat(compilation)
                .hadErrorContaining("[WB310] Wasm module 'bad/wasi-later.wasm' imports wasi_snapshot_preview1.fd_close"
                        + " with Wasm signature (i64) -> i32, which is not a function of WASI preview 1 (preview 1's"
                        + " fd_close is (i32) -> i32).")
                .inFile(api)
                .onLineContaining("interface Api");
        assertEquals(2, compilation.errors().size(), compilation.errors().toString());
    }

    @Test
    void aJavaImportOfTheWasiModule() {
        JavaFileObject host = hostWith(
                HOST_ADD,
                "  @WasmImport(module = \"wasi_snapshot_preview1\", name = \"proc_exit\") void exit(int code);");
        assertThat(compile(fixtureInterface(), host))
                .hadErrorContaining("[WB311] Host.exit(int) declares an import of module 'wasi_snapshot_preview1',"
                        + " which the runtime provides itself (WASI preview 1, for modules built for wasm32-wasip1)."
                        + " Remove the method; set what the module sees with WasmOptions.withWasi")
                .inFile(host)
                .onLineContaining("proc_exit");
    }

    @Test
    void supportImportsNeedNoJavaImplementation() {
        // the fixture imports wasmbridge.panic, import_failed and java_exception_unwound; the runtime provides them
        assertThat(compile(fixtureInterface("  @WasmExport int add(int a, int b);"), HOST))
                .succeededWithoutWarnings();
    }

    @Test
    void aProblemOfSomeFlavoursOnlyIsReportedOnceNamingThem() {
        JavaFileObject base = source(
                "Base",
                "package test;",
                "import dev.wasmbridge.annotations.*;",
                "public interface Base {",
                "  @WasmExport int add(int a, int b);",
                "  @WasmExport int neg(int a);",
                "  @WasmExport int sub(int a, int b);",
                "}");
        JavaFileObject[] sources = {base, null, null, null};
        String[] flavours = {"a", "b", "c"};
        for (int i = 0; i < flavours.length; i++) {
            String name = "Flavour" + flavours[i].toUpperCase(java.util.Locale.ROOT);
            sources[i + 1] = source(
                    name,
                    "package test;",
                    "import dev.wasmbridge.annotations.*;",
                    "@WasmModule(\"flavours/" + flavours[i] + ".wasm\")",
                    "public interface " + name + " extends Base {}");
        }
        Compilation compilation = compile(sources);
        assertThat(compilation)
                .hadErrorContaining("[WB206] Base.add(int, int) does not match the Rust export 'add' in"
                        + " 'flavours/b.wasm': the export has Wasm signature (i64, i64) -> i64, but the Java method"
                        + " lowers to (i32, i32) -> i32 ((int, int) -> int). Change the Java signature to match the Rust"
                        + " function. (For FlavourB ('flavours/b.wasm') only, not for FlavourA ('flavours/a.wasm') and"
                        + " FlavourC ('flavours/c.wasm'), which use it too.)")
                .inFile(base)
                .onLineContaining("int add(");
        assertThat(compilation)
                .hadErrorContaining("[WB205] Base.sub(int, int) calls the Rust export 'sub', but Wasm module"
                        + " 'flavours/a.wasm' has no function export of that name.")
                .inFile(base)
                .onLineContaining("int sub(");
        assertThat(compilation)
                .hadErrorContaining(" (For every @WasmModule interface that uses it: FlavourA ('flavours/a.wasm'),"
                        + " FlavourB ('flavours/b.wasm') and FlavourC ('flavours/c.wasm').)");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void aBrokenImportMethodIsNotAlsoAMissingImport() {
        JavaFileObject host = hostWith(
                HOST_ADD,
                "  @WasmImport(module = \"host\") void log(java.util.Map<String, String> message);",
                GREETING,
                TRANSFORM,
                SCALARS);
        Compilation compilation = compile(fixtureInterface("  @WasmExport int add(int a, int b);"), host);
        assertThat(compilation)
                .hadErrorContaining("[WB203] Parameter 'message' of Host.log(Map<String,String>)")
                .inFile(host)
                .onLineContaining("void log(");
        assertThat(compilation).hadErrorCount(1); // no WB306 "no @WasmImport method provides host.log"
    }

    @Test
    void everyMessageHasADistinctTagAndACompileTest() throws IOException {
        java.util.Set<String> tags = new java.util.HashSet<>();
        for (Message message : Message.values()) {
            assertEquals(true, tags.add(message.tag()), "duplicate tag " + message.tag());
        }
        String tests = Files.readString(Path.of("src/test/java/dev/wasmbridge/processor/ProcessorCompilationTest.java"))
                + Files.readString(Path.of("src/test/java/dev/wasmbridge/processor/RichTypesCompilationTest.java"))
                + Files.readString(Path.of("src/test/java/dev/wasmbridge/processor/ObjectsCompilationTest.java"))
                + Files.readString(Path.of("src/test/java/dev/wasmbridge/processor/HeldObjectsCompilationTest.java"))
                + Files.readString(Path.of("src/test/java/dev/wasmbridge/processor/AsyncCompilationTest.java"));
        for (Message message : Message.values()) {
            if (message != Message.MODULE_PRIVATE
                    && message != Message.MODULE_UNREADABLE
                    && message != Message.IMPORT_UNSUPPORTED_KIND
                    && message != Message.COMPILE_FAILED) {
                assertEquals(true, tests.contains("[" + message.tag() + "]"), "no compile test for " + message);
            }
        }
        for (Message.Shared shared : Message.Shared.values()) {
            String words = java.util.Arrays.stream(shared.template().split("%s"))
                    .max(java.util.Comparator.comparingInt(String::length))
                    .orElseThrow();
            assertEquals(true, tests.contains(words), "no compile test for " + shared);
        }
    }
}
