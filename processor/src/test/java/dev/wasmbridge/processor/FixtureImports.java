package dev.wasmbridge.processor;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/**
 * The import interfaces of the fixture modules, each declaring every import its module has, so that a test
 * compiling against a fixture sees only the diagnostics it is about. One copy, so that a fixture's new import
 * is added once.
 */
final class FixtureImports {
    private FixtureImports() {}

    /** Every import of {@code types_fixture}, as the interface {@code <pkg>.<name>}. */
    static JavaFileObject typesFixture(String pkg, String name) {
        return JavaFileObjects.forSourceLines(
                pkg + "." + name,
                "package " + pkg + ";",
                "import dev.wasmbridge.annotations.WasmImport;",
                "public interface " + name + " {",
                "  @WasmImport(module = \"host\") int hostAdd(int a, int b);",
                "  @WasmImport(module = \"host\") void log(String message);",
                "  @WasmImport(module = \"host\") String hostGreeting(String name);",
                "  @WasmImport(module = \"host\") byte[] hostTransform(byte[] bytes);",
                "  @WasmImport(module = \"host\") double hostScalars(long a, float b, double c, boolean d);",
                "}");
    }

    /**
     * Every import of {@code rich_fixture}, as the interface {@code <pkg>.<name>}; its types {@code Point} and
     * {@code Color} must be in {@code pkg} too, and it declares its enums with data ({@code Shape}, {@code
     * Paint}) and the record {@code Layer} itself, nested.
     */
    static JavaFileObject richFixture(String pkg, String name) {
        return JavaFileObjects.forSourceLines(
                pkg + "." + name,
                "package " + pkg + ";",
                "import dev.wasmbridge.annotations.*; import java.util.*;",
                "public interface " + name + " {",
                "  @WasmImport(module = \"host\") int[] hostInts(int[] values);",
                "  @WasmImport(module = \"host\") Optional<String> hostOpt(Optional<String> x);",
                "  @WasmImport(module = \"host\") Point hostPoint(Point p);",
                "  @WasmImport(module = \"host\") Color hostColor(Color c);",
                "  @WasmImport(module = \"host\") List<String> hostWords(List<String> words);",
                "  @WasmImport(module = \"host\") @Unsigned int hostU32(@Unsigned int x);",
                "  @WasmImport(module = \"host\") double[] hostDoubles(double[] values);",
                "  @WasmImport(module = \"host\") void poke();",
                "  @WasmImport(module = \"host\") Shape hostShape(Shape s);",
                "  @WasmImport(module = \"host\") Optional<Shape> hostLayer(Layer l);",
                "  @WasmEnum sealed interface Paint {",
                "    record Solid(Color color) implements Paint {}",
                "    record Gradient(List<Color> stops, Optional<Float> angle) implements Paint {}",
                "    record Clear() implements Paint {}",
                "  }",
                "  @WasmEnum sealed interface Shape {",
                "    record Circle(double r) implements Shape {}",
                "    record Rect(double w, double h) implements Shape {}",
                "    record Empty() implements Shape {}",
                "    record Polygon(List<Point> points, Paint paint) implements Shape {}",
                "    record Text(String text, Optional<Point> at) implements Shape {}",
                "  }",
                "  @WasmRecord record Layer(String name, List<Shape> shapes, Optional<Shape> focus) {}",
                "}");
    }

    /**
     * Every import of {@code objects_fixture}, as the interface {@code <pkg>.<name>}; its class ({@code Token})
     * must be in {@code pkg} too.
     */
    static JavaFileObject objectsFixture(String pkg, String name) {
        return JavaFileObjects.forSourceLines(
                pkg + "." + name,
                "package " + pkg + ";",
                "import dev.wasmbridge.annotations.*;",
                "public interface " + name + " {",
                "  @WasmImport(module = \"host\") String inspect(Token token);",
                "  @WasmImport(module = \"host\") void edit(Token token);",
                "  @WasmImport(module = \"host\") void adopt(Token token, int note);",
                "  @WasmImport(module = \"host\") void tick(int i);",
                "}");
    }
}
