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
 * Compile tests for the Rust-level type check (docs/ABI.md, "Signatures section"), against the real module
 * built from integration-tests/rust/rich-fixture: each kind of Java/Rust mismatch fails with a message that
 * names both types, on the element at fault.
 */
class RichTypesCompilationTest {
    private static final String FIXTURE = "wasm/rich_fixture.exnref.wasm";

    @TempDir
    static Path extra;

    @BeforeAll
    static void writeModuleWithoutSignatures() throws IOException {
        Files.createDirectories(extra.resolve("plain"));
        Files.write(
                extra.resolve("plain/echo.wasm"),
                new TinyWasm()
                        .withMemory()
                        .function("echo", new byte[] {TinyWasm.I64}, TinyWasm.I64)
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

    private static final String IMPORTS =
            "import dev.wasmbridge.annotations.*; import dev.wasmbridge.runtime.*;" + " import java.util.*;";

    /** A module interface on the rich fixture (its imports are left out: they warn nothing here). */
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
    private static final JavaFileObject HOST = FixtureImports.richFixture("test", "Host");

    private static final JavaFileObject POINT =
            source("Point", "package test;", IMPORTS, "@WasmRecord public record Point(double x, double y) {}");
    private static final JavaFileObject COLOR =
            source("Color", "package test;", IMPORTS, "@WasmEnum public enum Color { RED, GREEN, BLUE }");
    private static final JavaFileObject COUNTER = source(
            "Counter",
            "package test;",
            IMPORTS,
            "@WasmClass public interface Counter extends WasmObject {",
            "  @WasmExport long get();",
            "  @WasmExport long intoTotal();",
            "}");

    @Test
    void richInterfaceGeneratesBindingsThatCompile() {
        Compilation compilation = compile(
                HOST,
                POINT,
                COLOR,
                COUNTER,
                api(
                        "  @WasmExport @Unsigned int u32Add(@Unsigned int a, @Unsigned int b);",
                        "  @WasmExport OptionalInt optIntDouble(OptionalInt x);",
                        "  @WasmExport Optional<List<String>> optWords(Optional<String> text);",
                        "  @WasmExport long parseInt(String text);",
                        "  @WasmExport Color nextColor(Color c);",
                        "  @WasmExport Optional<Point> centroid(List<Point> points);",
                        "  @WasmExport int[] intsDoubled(int[] values);",
                        "  @WasmExport(name = \"Counter::new\") Counter newCounter(String name, long start);",
                        "  @WasmExport long counterSum(Counter a, Counter b);",
                        "  @WasmExport Optional<Counter> maybeCounter(boolean make);"));
        assertThat(compilation).succeededWithoutWarnings(); // what it generates: GoldenFilesTest
    }

    @Test
    void unsignedRustTypeNeedsUnsignedJavaType() {
        JavaFileObject api = api("  @WasmExport int u32Add(int a, @Unsigned int b);");
        Compilation compilation = compile(HOST, api);
        assertThat(compilation)
                .hadErrorContaining(
                        "[WB212] Parameter 'a' of Api.u32Add(int, @Unsigned int) is int in Java,"
                                + " but u32 in Rust (`fn u32_add(a: u32, b: u32) -> u32`); a Rust u32 is @Unsigned int in Java.")
                .inFile(api)
                .onLineContaining("u32Add");
        assertThat(compilation)
                .hadErrorContaining("[WB212] The result of Api.u32Add(int, @Unsigned int) is int in Java, but u32");
    }

    @Test
    void sliceAndOptionMismatchesNameBothTypes() {
        JavaFileObject api = api(
                "  @WasmExport long intsSum(long[] values);",
                "  @WasmExport int optIntDouble(int x);",
                "  @WasmExport long byteSum(String text);");
        Compilation compilation = compile(HOST, api);
        assertThat(compilation)
                .hadErrorContaining("is long[] in Java, but &[i32] in Rust (`fn ints_sum(values: &[i32])"
                        + " -> i64`); a Rust &[i32] is int[] in Java.");
        assertThat(compilation).hadErrorContaining("is int in Java, but Option<i32> in Rust");
        assertThat(compilation).hadErrorContaining("OptionalInt (or Optional<Integer>)");
    }

    @Test
    void wrongArity() {
        JavaFileObject api = api("  @WasmExport long intsSum();");
        Compilation compilation = compile(HOST, api);
        assertThat(compilation)
                .hadErrorContaining("[WB213] Api.intsSum() has 0 parameter(s), but the Rust function"
                        + " `fn ints_sum(values: &[i32]) -> i64` has 1.")
                .inFile(api)
                .onLineContaining("intsSum");
    }

    @Test
    void richTypesNeedTheSignaturesSection() {
        JavaFileObject api = source(
                "Api",
                "package test;",
                IMPORTS,
                "@WasmModule(\"plain/echo.wasm\") public interface Api {",
                "  @WasmExport Optional<String> echo(Optional<String> text);",
                "}");
        Compilation compilation = compile(api);
        assertThat(compilation)
                .hadErrorContaining("[WB214] Api.echo(Optional<String>) uses Optional<String>, which"
                        + " needs the Rust types recorded in the wasmbridge.signatures section, but Wasm module"
                        + " 'plain/echo.wasm' has no wasmbridge.signatures section.")
                .inFile(api)
                .onLineContaining("echo(Optional");
    }

    @Test
    void declaredExceptionNeedsAMessageConstructor() {
        JavaFileObject bad = source(
                "Bad", "package test;", "public class Bad extends Exception {", "  public Bad(int code) {}", "}");
        JavaFileObject api = api("  @WasmExport long parseInt(String text) throws Bad;");
        Compilation compilation = compile(HOST, bad, api);
        assertThat(compilation)
                .hadErrorContaining("[WB215] Api.parseInt(String) declares Bad, which Wasmbridge"
                        + " throws for a Rust Err(e), but Bad has no public constructor taking (String)")
                .inFile(api)
                .onLineContaining("parseInt");
    }

    @Test
    void associatedFunctionIsNotAMethod() {
        JavaFileObject counter = source(
                "Counter",
                "package test;",
                IMPORTS,
                "@WasmClass public interface Counter extends WasmObject {",
                "  @WasmExport(name = \"new\") Counter create(String name, long start);",
                "}");
        Compilation compilation =
                compile(HOST, counter, api("  @WasmExport Optional<Counter> maybeCounter(boolean make);"));
        assertThat(compilation)
                .hadErrorContaining("[WB216] Counter.create(String, long) calls the Rust function"
                        + " 'Counter::new', which has no self parameter")
                .inFile(counter)
                .onLineContaining("create");
    }

    @Test
    void classMustExtendWasmObject() {
        JavaFileObject counter = source(
                "Counter",
                "package test;",
                IMPORTS,
                "@WasmClass public interface Counter {",
                "  @WasmExport long get();",
                "}");
        Compilation compilation = compile(
                HOST,
                counter,
                api("  @WasmExport(name = \"Counter::new\") Counter newCounter(String name, long start);"));
        assertThat(compilation)
                .hadErrorContaining("[WB501] @WasmClass Counter must be an interface that extends"
                        + " dev.wasmbridge.runtime.WasmObject")
                .inFile(counter)
                .onLineContaining("interface Counter");
    }

    @Test
    void classNameMustBeInTheModule() {
        JavaFileObject counter = source(
                "Counter",
                "package test;",
                IMPORTS,
                "@WasmClass(\"Countr\") public interface Counter extends WasmObject {}");
        Compilation compilation = compile(
                HOST,
                counter,
                api("  @WasmExport(name = \"Counter::new\") Counter newCounter(String name, long start);"));
        assertThat(compilation)
                .hadErrorContaining("[WB502] @WasmClass Counter stands for the Rust type 'Countr',"
                        + " but Wasm module '" + FIXTURE + "' declares no class of that name. Did you mean 'Counter'?")
                .inFile(counter)
                .onLineContaining("interface Counter");
    }

    @Test
    void enumsMatchVariantsByName() {
        JavaFileObject missingEnum = source("Colour", "package test;", IMPORTS, "@WasmEnum public enum Colour { RED }");
        Compilation compilation =
                compile(HOST, POINT, COLOR, missingEnum, api("  @WasmExport Colour nextColor(Colour c);"));
        assertThat(compilation)
                .hadErrorContaining("[WB503] @WasmEnum Colour stands for the Rust enum 'Colour'")
                .inFile(missingEnum)
                .onLineContaining("enum Colour");

        JavaFileObject extra = source(
                "Color",
                "package test;",
                IMPORTS,
                "@WasmEnum public enum Color {",
                "  RED, GREEN, BLUE,",
                "  PURPLE",
                "}");
        compilation = compile(HOST, POINT, extra, api("  @WasmExport Color nextColor(Color c);"));
        assertThat(compilation)
                .hadErrorContaining(
                        "[WB504] Color.PURPLE has no variant in the Rust enum Color" + " (variants: Red, Green, Blue)")
                .inFile(extra)
                .onLineContaining("PURPLE");

        JavaFileObject fewer = source("Color", "package test;", IMPORTS, "@WasmEnum public enum Color { RED, GREEN }");
        compilation = compile(HOST, POINT, fewer, api("  @WasmExport Color nextColor(Color c);"));
        assertThat(compilation)
                .hadErrorContaining("[WB505] The Rust enum Color has the variant Blue = 7, but Color"
                        + " has no constant for it. Add the constant BLUE.")
                .inFile(fewer)
                .onLineContaining("enum Color");
    }

    @Test
    void recordsMatchFieldsByNameAndType() {
        JavaFileObject unknown = source("Pt", "package test;", IMPORTS, "@WasmRecord public record Pt(double x) {}");
        Compilation compilation = compile(HOST, COLOR, POINT, unknown, api("  @WasmExport double pointLen(Pt p);"));
        assertThat(compilation)
                .hadErrorContaining("[WB506] @WasmRecord Pt stands for the Rust struct 'Pt'")
                .inFile(unknown)
                .onLineContaining("record Pt");

        JavaFileObject extraComponent = source(
                "Point", "package test;", IMPORTS, "@WasmRecord public record Point(double x, double y, double z) {}");
        compilation = compile(HOST, COLOR, extraComponent, api("  @WasmExport double pointLen(Point p);"));
        assertThat(compilation)
                .hadErrorContaining("[WB507] Component 'z' of Point has no field 'z' in the Rust"
                        + " record Point (fields: x: f64, y: f64)")
                .inFile(extraComponent)
                .onLineContaining("record Point");

        JavaFileObject missingField =
                source("Point", "package test;", IMPORTS, "@WasmRecord public record Point(double x) {}");
        compilation = compile(HOST, COLOR, missingField, api("  @WasmExport double pointLen(Point p);"));
        assertThat(compilation)
                .hadErrorContaining("[WB508] The Rust record Point has the field 'y: f64', but Point has"
                        + " no component 'y'. Add the component `double y`.")
                .inFile(missingField)
                .onLineContaining("record Point");

        JavaFileObject wrongType =
                source("Point", "package test;", IMPORTS, "@WasmRecord public record Point(float x, double y) {}");
        compilation = compile(HOST, COLOR, wrongType, api("  @WasmExport double pointLen(Point p);"));
        assertThat(compilation)
                .hadErrorContaining("[WB509] Component 'x' of Point is float in Java, but the Rust field"
                        + " 'x' is f64, which is double in Java.")
                .inFile(wrongType)
                .onLineContaining("record Point");
    }

    @Test
    void annotationOnTheWrongKindOfType() {
        JavaFileObject point = source("Point", "package test;", IMPORTS, "@WasmRecord public final class Point {}");
        Compilation compilation = compile(HOST, COLOR, point, api("  @WasmExport double pointLen(Point p);"));
        assertThat(compilation)
                .hadErrorContaining("[WB510] Point is a class, but @WasmRecord goes on a record.")
                .inFile(point)
                .onLineContaining("class Point");
    }

    @Test
    void unsignedOnlyOnIntegers() {
        JavaFileObject api = api("  @WasmExport double pointLen(@Unsigned double p);");
        Compilation compilation = compile(HOST, POINT, COLOR, api);
        assertThat(compilation)
                .hadErrorContaining(
                        "[WB511] @Unsigned is on p, which is double; it applies to byte," + " short, int and long")
                .inFile(api)
                .onLineContaining("pointLen");
        assertThat(compilation).hadErrorCount(1); // no WB203 "cannot pass" on top

        JavaFileObject point = source(
                "Point", "package test;", IMPORTS, "@WasmRecord public record Point(@Unsigned double x, double y) {}");
        compilation = compile(HOST, COLOR, point, api("  @WasmExport double pointLen(Point p);"));
        assertThat(compilation)
                .hadErrorContaining("[WB511] @Unsigned is on x, which is double")
                .inFile(point)
                .onLineContaining("record Point");
        assertThat(compilation).hadErrorCount(1); // no WB509 on the component, no WB203 where Point is used
    }

    @Test
    void typesThatContainThemselvesBind() {
        JavaFileObject expr = source(
                "Expr",
                "package test;",
                IMPORTS,
                "@WasmEnum public sealed interface Expr {",
                "  record Num(double value) implements Expr {}",
                "  record Neg(Expr inner) implements Expr {}",
                "  record Sum(List<Expr> terms) implements Expr {}",
                "  record Product(Expr left, Expr right) implements Expr {}",
                "}");
        JavaFileObject tree = source(
                "Tree",
                "package test;",
                IMPORTS,
                "@WasmRecord public record Tree(String label, List<Tree> children) {}");
        Compilation compilation = compile(
                HOST,
                POINT,
                COLOR,
                expr,
                tree,
                api(
                        "  @WasmExport Expr exprSimplified(Expr e);",
                        "  @WasmExport List<String> treeLeaves(Tree t);",
                        "  @WasmExport Tree treeEcho(Tree t);"));
        assertThat(compilation).succeededWithoutWarnings();
        String generated = compilation
                .generatedSourceFile("test.ApiBindings")
                .map(file -> {
                    try {
                        return file.getCharContent(true).toString();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(
                generated.contains("Codecs.lazy(() -> ApiBindings.CODEC_"), "a lazy self-reference: " + generated);

        JavaFileObject wrongNode = source(
                "Node",
                "package test;",
                IMPORTS,
                "@WasmRecord(\"Labeled\") public record Node(String label, Optional<Node> point, List<String> tags,",
                "    Optional<@Unsigned Integer> weight, Color color) {}");
        Compilation wrong =
                compile(HOST, POINT, COLOR, wrongNode, api("  @WasmExport String describeLabeled(Node l);"));
        assertThat(wrong)
                .hadErrorContaining("[WB509] Component 'point' of Node is Optional<Node> in Java, but the Rust field"
                        + " 'point' is Point, which is Point in Java.")
                .inFile(wrongNode)
                .onLineContaining("Optional<Node> point");
        assertThat(wrong).hadErrorCount(1); // no WB203 where Node is used
    }

    @Test
    void callbackMustBeFunctional() {
        JavaFileObject op = source(
                "IntOp",
                "package test;",
                IMPORTS,
                "@WasmCallback public interface IntOp {",
                "  int apply(int x);",
                "  int again(int x);",
                "}");
        Compilation compilation = compile(HOST, op, api("  @WasmExport int applyTwice(IntOp f, int x);"));
        assertThat(compilation)
                .hadErrorContaining("[WB513] @WasmCallback IntOp must be an interface with exactly one"
                        + " abstract method, but it has 2.")
                .inFile(op)
                .onLineContaining("interface IntOp");
    }

    @Test
    void callbackTypesMustBeEncodable() {
        JavaFileObject op = source(
                "IntOp",
                "package test;",
                IMPORTS,
                "@WasmCallback public interface IntOp {",
                "  int apply(Thread x);",
                "}");
        Compilation compilation = compile(HOST, op, api("  @WasmExport int applyTwice(IntOp f, int x);"));
        assertThat(compilation)
                .hadErrorContaining("[WB514] Parameter 'x' of the callback IntOp.apply is Thread, which"
                        + " cannot cross in the value encoding.")
                .inFile(op)
                .onLineContaining("int apply(Thread x)");
    }

    @Test
    void callbackSignatureMustMatchRust() {
        JavaFileObject op = source(
                "IntOp",
                "package test;",
                IMPORTS,
                "@WasmCallback public interface IntOp {",
                "  long apply(int x);",
                "}");
        JavaFileObject api = api("  @WasmExport int applyTwice(IntOp f, int x);");
        Compilation compilation = compile(HOST, op, api);
        assertThat(compilation)
                .hadErrorContaining("[WB212] Parameter 'f' of Api.applyTwice(IntOp, int) is IntOp in"
                        + " Java, but Fn(i32) -> i32 in Rust (`fn apply_twice(f: Fn(i32) -> i32, x: i32) -> i32`); a Rust"
                        + " Fn(i32) -> i32 is a @WasmCallback interface with a method (int) -> int in Java.")
                .inFile(api)
                .onLineContaining("applyTwice");
    }

    /** Rust's {@code Shape}, as top-level records a sealed interface permits (the fixture's imports nest theirs). */
    private static final JavaFileObject[] SHAPE = {
        source(
                "Shape",
                "package test;",
                IMPORTS,
                "@WasmEnum public sealed interface Shape permits Circle, Rect, Empty, Polygon, Text {}"),
        source("Circle", "package test;", "public record Circle(double r) implements Shape {}"),
        source("Rect", "package test;", "public record Rect(double h, double w) implements Shape {}"),
        source("Empty", "package test;", "public record Empty() implements Shape {}"),
        source(
                "Polygon",
                "package test;",
                IMPORTS,
                "public record Polygon(List<Point> points, Paint paint) implements Shape {}"),
        source(
                "Text",
                "package test;",
                IMPORTS,
                "public record Text(String content, Optional<Point> at) implements Shape {}"),
        source(
                "Paint",
                "package test;",
                IMPORTS,
                "@WasmEnum public sealed interface Paint {",
                "  record Solid(Color color) implements Paint {}",
                "  record Gradient(Optional<Float> angle, List<Color> stops) implements Paint {}",
                "  record Clear() implements Paint {}",
                "}"),
        source(
                "Layer",
                "package test;",
                IMPORTS,
                "@WasmRecord public record Layer(Optional<Shape> focus, String name, List<Shape> shapes) {}"),
        source(
                "ShapeMap",
                "package test;",
                IMPORTS,
                "@WasmCallback public interface ShapeMap { Shape apply(Shape s, @Unsigned int index); }"),
    };

    /** The sources of {@link #SHAPE} with {@code replaced} instead of the one of the same name, and more. */
    private static JavaFileObject[] shapeWith(JavaFileObject... replaced) {
        java.util.List<JavaFileObject> sources = new java.util.ArrayList<>(java.util.List.of(HOST, POINT, COLOR));
        for (JavaFileObject source : SHAPE) {
            if (java.util.Arrays.stream(replaced).noneMatch(r -> r.getName().equals(source.getName()))) {
                sources.add(source);
            }
        }
        sources.addAll(java.util.List.of(replaced));
        return sources.toArray(JavaFileObject[]::new);
    }

    private static JavaFileObject[] shapeApiWith(JavaFileObject... replaced) {
        JavaFileObject[] sources = shapeWith(replaced);
        JavaFileObject[] all = java.util.Arrays.copyOf(sources, sources.length + 1);
        all[sources.length] = api("  @WasmExport double shapeArea(Shape s);");
        return all;
    }

    @Test
    void enumsWithDataBindEveryWay() {
        JavaFileObject[] sources = shapeWith(api(
                "  @WasmExport double shapeArea(Shape s);",
                "  @WasmExport Shape shapeScaled(Shape s, double k);",
                "  @WasmExport List<Shape> sampleShapes();",
                "  @WasmExport Optional<Shape> largestShape(List<Shape> shapes);",
                "  @WasmExport Shape shapeOrEmpty(Optional<Shape> s);",
                "  @WasmExport Layer layerEcho(Layer l);",
                "  @WasmExport Shape parseShape(String text);",
                "  @WasmExport List<Shape> mapShapes(List<Shape> shapes, ShapeMap f);"));
        assertThat(compile(sources)).succeededWithoutWarnings();
    }

    @Test
    void anEnumWithDataIsASealedInterface() {
        JavaFileObject open = source("Shape", "package test;", IMPORTS, "@WasmEnum public interface Shape {}");
        Compilation compilation = compile(shapeApiWith(open));
        assertThat(compilation)
                .hadErrorContaining("[WB530] @WasmEnum Shape is an interface, but not a sealed one. On an"
                        + " interface, @WasmEnum stands for a Rust enum with data (wasmbridge::data_enum!), whose"
                        + " variants are the records the interface permits: declare it `sealed interface Shape"
                        + " permits ...`, with one record per variant.")
                .inFile(open)
                .onLineContaining("interface Shape");
    }

    @Test
    void everyPermittedSubtypeIsARecord() {
        JavaFileObject circle = source("Circle", "package test;", "public final class Circle implements Shape {}");
        Compilation compilation = compile(shapeApiWith(circle));
        assertThat(compilation)
                .hadErrorContaining("[WB531] Circle is permitted by the @WasmEnum interface Shape, but is a class;"
                        + " each variant of a Rust enum with data is a record. Declare it as `record Circle(...)"
                        + " implements Shape`.")
                .inFile(circle)
                .onLineContaining("class Circle");
    }

    @Test
    void theRustEnumMustBeOfTheSameKind() {
        JavaFileObject sealedColor = source(
                "Color",
                "package test;",
                IMPORTS,
                "@WasmEnum public sealed interface Color {",
                "  record Red() implements Color {}",
                "}");
        Compilation compilation = compile(HOST, POINT, sealedColor, api("  @WasmExport Color nextColor(Color c);"));
        assertThat(compilation)
                .hadErrorContaining("[WB532] @WasmEnum Color is a sealed interface, but the Rust enum Color is"
                        + " declared with wasmbridge::enumeration! (`enum Color { Red = 0, Green = 1, Blue = 7 }`): its"
                        + " values cross as an i32 discriminant, which a Java enum stands for. Declare Color as a Java"
                        + " enum with the constants RED, GREEN, BLUE, or declare the Rust enum with"
                        + " wasmbridge::data_enum!.")
                .inFile(sealedColor)
                .onLineContaining("interface Color");

        JavaFileObject shapeEnum =
                source("Shape", "package test;", IMPORTS, "@WasmEnum public enum Shape { CIRCLE, RECT }");
        compilation = compile(HOST, POINT, COLOR, shapeEnum, api("  @WasmExport double shapeArea(Shape s);"));
        assertThat(compilation)
                .hadErrorContaining("[WB533] @WasmEnum Shape is a Java enum, but the Rust enum Shape is declared"
                        + " with wasmbridge::data_enum! (`enum Shape { Circle { r: f64 }, Rect { w: f64, h: f64 },"
                        + " Empty, Polygon { points: Vec<Point>, paint: Paint }, Text(String, Option<Point>) }`): its"
                        + " values cross with their fields, as records. Declare Shape as a sealed interface that"
                        + " permits one record per variant: record Circle(double r), record Rect(double w, double h),"
                        + " record Empty(), record Polygon(List<Point> points, Paint paint), record Text(String value0,"
                        + " Optional<Point> value1).")
                .inFile(shapeEnum)
                .onLineContaining("enum Shape");
    }

    @Test
    void anEnumWithDataMustBeInTheModule() {
        JavaFileObject shapes = source(
                "Shape",
                "package test;",
                IMPORTS,
                "@WasmEnum(\"Shapes\") public sealed interface Shape permits Circle, Rect, Empty, Polygon, Text {}");
        Compilation compilation = compile(shapeApiWith(shapes));
        assertThat(compilation)
                .hadErrorContaining("[WB503] @WasmEnum Shape stands for the Rust enum 'Shapes', but Wasm module '"
                        + FIXTURE + "' declares no enum of that name. Did you mean 'Shape'? Declare it with"
                        + " wasmbridge::data_enum!, or give the Rust name in @WasmEnum(\"...\").")
                .inFile(shapes)
                .onLineContaining("interface Shape");
    }

    @Test
    void aRecordWithoutAVariant() {
        JavaFileObject shape = source(
                "Shape",
                "package test;",
                IMPORTS,
                "@WasmEnum public sealed interface Shape permits Circle, Rect, Empty, Polygon, Text, Triangle {}");
        JavaFileObject triangle = source("Triangle", "package test;", "public record Triangle() implements Shape {}");
        Compilation compilation = compile(shapeApiWith(shape, triangle));
        assertThat(compilation)
                .hadErrorContaining("[WB534] Record Triangle, permitted by Shape, has no variant in the Rust enum"
                        + " Shape (variants: Circle, Rect, Empty, Polygon, Text). Remove it from the permitted records,"
                        + " or add the variant in Rust.")
                .inFile(triangle)
                .onLineContaining("record Triangle");
    }

    @Test
    void aVariantWithoutARecord() {
        JavaFileObject shape = source(
                "Shape",
                "package test;",
                IMPORTS,
                "@WasmEnum public sealed interface Shape permits Circle, Rect, Empty, Polygon {}");
        JavaFileObject text = source("Text", "package test;", "public record Text(String content) {}");
        Compilation compilation = compile(shapeApiWith(shape, text));
        assertThat(compilation)
                .hadErrorContaining("[WB535] The Rust enum Shape has the variant `Text(String, Option<Point>)`, but"
                        + " Shape permits no record for it. Add `record Text(String value0, Optional<Point> value1)"
                        + " implements Shape {}` to the permitted records.")
                .inFile(shape)
                .onLineContaining("interface Shape");
    }

    @Test
    void structVariantsMatchComponentsByName() {
        JavaFileObject extra =
                source("Circle", "package test;", "public record Circle(double r, double z) implements Shape {}");
        Compilation compilation = compile(shapeApiWith(extra));
        assertThat(compilation)
                .hadErrorContaining("[WB536] Component 'z' of Circle has no field 'z' in the Rust variant"
                        + " Shape::Circle (fields: r: f64). Remove the component, or add the field in Rust.")
                .inFile(extra)
                .onLineContaining("record Circle");

        JavaFileObject empty = source("Empty", "package test;", "public record Empty(int size) implements Shape {}");
        assertThat(compile(shapeApiWith(empty)))
                .hadErrorContaining("[WB536] Component 'size' of Empty has no field 'size' in the Rust variant"
                        + " Shape::Empty (fields: none).");

        JavaFileObject missing = source("Rect", "package test;", "public record Rect(double w) implements Shape {}");
        compilation = compile(shapeApiWith(missing));
        assertThat(compilation)
                .hadErrorContaining("[WB537] The Rust variant Shape::Rect has the field 'h: f64', but Rect has no"
                        + " component 'h'. Add the component `double h`.")
                .inFile(missing)
                .onLineContaining("record Rect");

        JavaFileObject wrongType =
                source("Circle", "package test;", "public record Circle(float r) implements Shape {}");
        compilation = compile(shapeApiWith(wrongType));
        assertThat(compilation)
                .hadErrorContaining("[WB538] Component 'r' of Circle is float in Java, but field 'r' of the Rust"
                        + " variant Shape::Circle is f64, which is double in Java.")
                .inFile(wrongType)
                .onLineContaining("record Circle");
    }

    @Test
    void tupleVariantsMatchComponentsByPosition() {
        JavaFileObject swapped = source(
                "Text",
                "package test;",
                IMPORTS,
                "public record Text(Optional<Point> at, String content) implements Shape {}");
        Compilation compilation = compile(shapeApiWith(swapped));
        assertThat(compilation)
                .hadErrorContaining("[WB538] Component 'at' of Text is Optional<Point> in Java, but field 0 of the"
                        + " Rust variant Shape::Text is String, which is String in Java.")
                .inFile(swapped)
                .onLineContaining("record Text");

        JavaFileObject short_ =
                source("Text", "package test;", "public record Text(String content) implements Shape {}");
        compilation = compile(shapeApiWith(short_));
        assertThat(compilation)
                .hadErrorContaining("[WB539] Text has 1 component(s), but the Rust tuple variant"
                        + " Shape::Text(String, Option<Point>) has 2 field(s), which match components by position."
                        + " Declare one component per field, in order: `record Text(String value0, Optional<Point>"
                        + " value1)`.")
                .inFile(short_)
                .onLineContaining("record Text");
    }

    @Test
    void wasmEnumOnAnotherKindOfType() {
        JavaFileObject shape = source("Shape", "package test;", IMPORTS, "@WasmEnum public record Shape() {}");
        Compilation compilation = compile(HOST, POINT, COLOR, shape, api("  @WasmExport double shapeArea(Shape s);"));
        assertThat(compilation)
                .hadErrorContaining("[WB510] Shape is a record, but @WasmEnum goes on an enum or a sealed interface.")
                .inFile(shape)
                .onLineContaining("record Shape");
    }

    /** A Point whose x is a float: WB509, on the component's own line. */
    private static final JavaFileObject FLOAT_POINT = source(
            "Point", "package test;", IMPORTS, "@WasmRecord public record Point(", "    float x,", "    double y) {}");

    private static final JavaFileObject LABELED = source(
            "Labeled",
            "package test;",
            IMPORTS,
            "@WasmRecord public record Labeled(Color color, String label, Point point, List<String> tags,",
            "    Optional<@Unsigned Integer> weight) {}");

    @Test
    void anInvalidRecordIsOneErrorNotOnePerUse() {
        JavaFileObject api = api(
                "  @WasmExport Point pointAdd(Point a, Point b);",
                "  @WasmExport double pointLen(Point p);",
                "  @WasmExport Optional<Point> centroid(List<Point> points);",
                "  @WasmExport String describeLabeled(Labeled l);");
        // used by three exports, by the record Labeled, and by the import Host.hostPoint
        Compilation compilation = compile(HOST, COLOR, FLOAT_POINT, LABELED, api);
        assertThat(compilation)
                .hadErrorContaining("[WB509] Component 'x' of Point is float in Java, but the Rust field"
                        + " 'x' is f64, which is double in Java.")
                .inFile(FLOAT_POINT)
                .onLineContaining("float x");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void anInvalidEnumIsOneErrorNotOnePerUse() {
        JavaFileObject color =
                source("Color", "package test;", IMPORTS, "@WasmEnum public enum Color {", "  RED, GREEN, BLU", "}");
        JavaFileObject api = api(
                "  @WasmExport Color nextColor(Color c);",
                "  @WasmExport List<Color> allColors();",
                "  @WasmExport String describeLabeled(Labeled l);");
        Compilation compilation = compile(HOST, color, POINT, LABELED, api);
        // the misspelt constant is the problem; the variant Blue it leaves unmatched is not a second one (WB505)
        assertThat(compilation)
                .hadErrorContaining(
                        "[WB504] Color.BLU has no variant in the Rust enum Color (variants: Red, Green," + " Blue)")
                .inFile(color)
                .onLineContaining("BLU");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void anInvalidCallbackOrClassIsOneErrorNotOnePerUse() {
        JavaFileObject op = source(
                "PointOp",
                "package test;",
                IMPORTS,
                "@WasmCallback public interface PointOp {",
                "  Point apply(Point p);",
                "}");
        Compilation compilation = compile(
                HOST,
                COLOR,
                FLOAT_POINT,
                op,
                api("  @WasmExport List<Point> mapPoints(List<Point> points, PointOp f);"));
        assertThat(compilation).hadErrorContaining("[WB509] Component 'x' of Point"); // not WB514 on the callback
        assertThat(compilation).hadErrorCount(1);

        JavaFileObject counter = source(
                "Counter",
                "package test;",
                IMPORTS,
                "@WasmClass public interface Counter {",
                "  @WasmExport long get();",
                "}");
        compilation = compile(
                HOST,
                POINT,
                COLOR,
                counter,
                api(
                        "  @WasmExport(name = \"Counter::new\") Counter newCounter(String name, long start);",
                        "  @WasmExport long counterSum(Counter a, Counter b);",
                        "  @WasmExport Optional<Counter> maybeCounter(boolean make);"));
        assertThat(compilation).hadErrorContaining("[WB501] @WasmClass Counter must be an interface that extends");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aClassWhoseModuleHasNoDropIsOneErrorOnTheClass() {
        JavaFileObject thing = source(
                "Thing",
                "package test;",
                IMPORTS,
                "@WasmClass public interface Thing extends WasmObject {",
                "  @WasmExport long size();",
                "  @WasmExport long weight();",
                "}");
        JavaFileObject api = source(
                "Api",
                "package test;",
                IMPORTS,
                "@WasmModule(\"plain/echo.wasm\") public interface Api {",
                "  @WasmExport Thing echo(Thing thing);",
                "}");
        Compilation compilation = compile(thing, api);
        assertThat(compilation)
                .hadErrorContaining(
                        "[WB502] @WasmClass Thing stands for the Rust type 'Thing', but Wasm module"
                                + " 'plain/echo.wasm' declares no class of that name. (It has no export Thing::drop (i32) -> ().)")
                .inFile(thing)
                .onLineContaining("interface Thing");
        // the export that uses it needs the Rust signatures (a problem of its own); its methods are not checked
        assertThat(compilation).hadErrorContaining("[WB214] Api.echo(Thing) uses Thing");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void aClassMethodOnTheModuleInterfaceSaysWhereItBelongs() {
        JavaFileObject api = api(
                "  @WasmExport(name = \"Counter::new\") Counter newCounter(String name, long start);",
                "  @WasmExport long get();",
                "  @WasmExport long incremnt(Counter c, long by);");
        Compilation compilation = compile(HOST, POINT, COLOR, COUNTER, api);
        assertThat(compilation)
                .hadErrorContaining("[WB217] Api.get() calls the Rust export 'get', which Wasm module '" + FIXTURE
                        + "' does not have. Did you mean 'Counter::get', a method of the Rust class Counter? Declare it"
                        + " on the @WasmClass interface for Counter instead, without a parameter for self:"
                        + " `@WasmExport long get()`.")
                .inFile(api)
                .onLineContaining("long get()");
        // a typo too, and the receiver the user passed by hand left out
        assertThat(compilation)
                .hadErrorContaining("[WB217] Api.incremnt(Counter, long) calls the Rust export 'incremnt', which"
                        + " Wasm module '" + FIXTURE + "' does not have. Did you mean 'Counter::increment', a method of"
                        + " the Rust class Counter? Declare it on the @WasmClass interface for Counter instead, without a"
                        + " parameter for self: `@WasmExport(name = \"increment\") long incremnt(long by)`.")
                .inFile(api)
                .onLineContaining("incremnt");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void aModuleFunctionOnAClassSaysWhereItBelongs() {
        JavaFileObject counter = source(
                "Counter",
                "package test;",
                IMPORTS,
                "@WasmClass public interface Counter extends WasmObject {",
                "  @WasmExport long counterSum(Counter b);",
                "  @WasmExport String nme();",
                "}");
        JavaFileObject api = api(
                "  @WasmExport(name = \"Counter::new\") Counter newCounter(String name, long start);",
                "  @WasmExport Counter neu(String name, long start);");
        Compilation compilation = compile(HOST, POINT, COLOR, counter, api);
        assertThat(compilation)
                .hadErrorContaining("[WB218] Counter.counterSum(Counter) calls the Rust export 'Counter::counter_sum',"
                        + " which Wasm module '" + FIXTURE
                        + "' does not have. Did you mean 'counter_sum'? It has no self"
                        + " parameter, so it is not a method of Counter: declare it on the @WasmModule interface instead,"
                        + " as `@WasmExport long counterSum(...)`.")
                .inFile(counter)
                .onLineContaining("counterSum");
        // a misspelt method in the right place, and an associated function named without its type
        assertThat(compilation)
                .hadErrorContaining("[WB205] Counter.nme() calls the Rust export 'Counter::nme', but Wasm module '"
                        + FIXTURE + "' has no function export of that name. Did you mean 'Counter::name'?")
                .inFile(counter)
                .onLineContaining("nme()");
        assertThat(compilation)
                .hadErrorContaining("[WB205] Api.neu(String, long) calls the Rust export 'neu', but Wasm module '"
                        + FIXTURE + "' has no function export of that name. Did you mean 'Counter::new'?")
                .inFile(api)
                .onLineContaining("neu(");
        assertThat(compilation).hadErrorCount(3);
    }

    /** The exports, shared by one {@code @WasmModule} sub-interface per build flavour, as integration tests do. */
    private static JavaFileObject flavour(String name, String flavour) {
        return source(
                name,
                "package test;",
                IMPORTS,
                "@WasmModule(value = \"wasm/rich_fixture." + flavour + ".wasm\", imports = Host.class)",
                "public interface " + name + " extends Base {}");
    }

    @Test
    void aProblemOfTheSharedBaseIsReportedOnceForEveryFlavour() {
        JavaFileObject base = source(
                "Base",
                "package test;",
                IMPORTS,
                "public interface Base {",
                "  @WasmExport double pointLen(Point p);",
                "  @WasmExport long get();",
                "}");
        Compilation compilation = compile(
                HOST,
                COLOR,
                FLOAT_POINT,
                base,
                flavour("Exnref", "exnref"),
                flavour("Legacy", "legacy"),
                flavour("Abort", "abort"));
        String everyFlavour =
                " (For every @WasmModule interface that uses it: Exnref ('wasm/rich_fixture.exnref.wasm'),"
                        + " Legacy ('wasm/rich_fixture.legacy.wasm') and Abort ('wasm/rich_fixture.abort.wasm').)";
        assertThat(compilation)
                .hadErrorContaining("[WB509] Component 'x' of Point is float in Java, but the Rust field 'x' is f64,"
                        + " which is double in Java." + everyFlavour)
                .inFile(FLOAT_POINT)
                .onLineContaining("float x");
        assertThat(compilation)
                .hadErrorContaining("[WB217] Base.get() calls the Rust export 'get'")
                .inFile(base)
                .onLineContaining("long get()");
        assertThat(compilation).hadErrorContaining("`@WasmExport long get()`." + everyFlavour);
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void aWarningOnASharedImportsInterfaceIsReportedOnce() {
        JavaFileObject host = source(
                "Host",
                "package test;",
                IMPORTS,
                "public interface Host extends Imports {",
                "  @WasmImport(module = \"host\") void hostLog(String message);",
                "}");
        JavaFileObject base = source(
                "Base", "package test;", IMPORTS, "public interface Base {", "  @WasmExport int liveCounters();", "}");
        Compilation compilation = compile(
                FixtureImports.richFixture("test", "Imports"),
                POINT,
                COLOR,
                host,
                base,
                flavour("Exnref", "exnref"),
                flavour("Legacy", "legacy"));
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContaining("[WB304] Host.hostLog(String) provides host.host_log, but Wasm module"
                        + " 'wasm/rich_fixture.exnref.wasm' does not import it.")
                .inFile(host)
                .onLineContaining("hostLog");
        assertThat(compilation)
                .hadWarningContaining(" (For every @WasmModule interface that uses it: Exnref"
                        + " ('wasm/rich_fixture.exnref.wasm') and Legacy ('wasm/rich_fixture.legacy.wasm').)");
        assertThat(compilation).hadWarningCount(1);
    }
}
