package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The exports of integration-tests/rust/rich-fixture: every row of the README's type table. Each build
 * flavour binds it with its own {@code @WasmModule} sub-interface ({@link RichFixtureExnref}, {@link
 * RichFixtureLegacy}).
 */
public interface RichFixture extends WasmBindings {
    @WasmExport
    @Unsigned
    int u32Add(@Unsigned int a, @Unsigned int b);

    @WasmExport
    @Unsigned
    long u64Max();

    @WasmExport
    @Unsigned
    long u64Half(@Unsigned long x);

    @WasmExport
    @Unsigned
    byte u8Next(@Unsigned byte x);

    @WasmExport
    @Unsigned
    short u16Next(@Unsigned short x);

    @WasmExport
    byte i8Neg(byte x);

    @WasmExport
    short i16Neg(short x);

    @WasmExport
    long intsSum(int[] values);

    @WasmExport
    int[] intsDoubled(int[] values);

    @WasmExport
    int[] intsRange(int n);

    @WasmExport
    long[] longsReversed(long[] values);

    @WasmExport
    float[] floatsScaled(float[] values, float factor);

    @WasmExport
    double[] doublesPrefixSums(double[] values);

    @WasmExport
    short[] shortsEcho(short[] values);

    @WasmExport
    ByteBuffer bytesXor(ByteBuffer bytes, @Unsigned byte key);

    @WasmExport
    OptionalInt optIntDouble(OptionalInt x);

    @WasmExport
    OptionalLong optLongEcho(OptionalLong x);

    @WasmExport
    OptionalDouble optDoubleEcho(OptionalDouble x);

    @WasmExport
    Optional<String> optStringUpper(Optional<String> x);

    @WasmExport
    Optional<@Unsigned Integer> optU32Echo(Optional<@Unsigned Integer> x);

    @WasmExport
    Optional<@Unsigned Integer> findWord(String text, String word);

    @WasmExport
    Optional<Point> optPoint(double x);

    @WasmExport
    Optional<List<String>> optWords(Optional<String> text);

    @WasmExport
    long parseInt(String text);

    @WasmExport
    double checkedSqrt(double x) throws NegativeInputException;

    @WasmExport
    void validate(String name);

    @WasmExport
    Color parseColor(String text);

    @WasmExport
    Color nextColor(Color c);

    @WasmExport
    String colorName(Color c);

    @WasmExport
    List<Color> allColors();

    @WasmExport
    List<String> splitWords(String text);

    @WasmExport
    String joinWords(List<String> words, String sep);

    @WasmExport
    Point pointAdd(Point a, Point b);

    @WasmExport
    double pointLen(Point p);

    @WasmExport
    Optional<Point> centroid(List<Point> points);

    @WasmExport
    Labeled labeledEcho(Labeled l);

    @WasmExport
    String describeLabeled(Labeled l);

    @WasmExport(name = "Counter::new")
    Counter newCounter(String name, long start);

    @WasmExport
    long counterSum(Counter a, Counter b);

    @WasmExport
    long counterConsume(Counter c);

    @WasmExport
    Optional<Counter> maybeCounter(boolean make);

    @WasmExport
    int liveCounters();

    @WasmExport
    String shapeDebug(Shape s);

    @WasmExport
    double shapeArea(Shape s);

    @WasmExport
    Shape shapeScaled(Shape s, double k);

    @WasmExport
    List<Shape> sampleShapes();

    @WasmExport
    Optional<Shape> largestShape(List<Shape> shapes);

    @WasmExport
    Shape shapeOrEmpty(Optional<Shape> s);

    @WasmExport
    Layer layerEcho(Layer l);

    @WasmExport
    String layerDebug(Layer l);

    @WasmExport
    Shape parseShape(String text);

    @WasmExport
    List<Shape> mapShapes(List<Shape> shapes, Callbacks.ShapeMap f);

    @WasmExport
    double exprEval(Expr e);

    @WasmExport
    String exprDebug(Expr e);

    @WasmExport
    Expr exprSimplified(Expr e);

    @WasmExport
    Expr exprChain(@Unsigned int depth);

    @WasmExport
    Tree treeEcho(Tree t);

    @WasmExport
    List<String> treeLeaves(Tree t);

    @WasmExport
    Shape callHostShape(Shape s);

    @WasmExport
    Optional<Shape> callHostLayer(Layer l);

    /** Declared {@code -> Shape}, but returns bytes that are no {@code Shape} (see the fixture). */
    @WasmExport
    Shape badShape(@Unsigned int kind);

    @WasmExport
    int applyTwice(Callbacks.IntOp f, int x);

    @WasmExport
    @Unsigned
    int countMatching(List<String> words, Callbacks.WordFilter f);

    @WasmExport
    List<Point> mapPoints(List<Point> points, Callbacks.PointMap f);

    @WasmExport
    int callNTimes(int n, Callbacks.IntSink f);

    @WasmExport
    int guardDrops();

    @WasmExport
    void callbackThenPanic(Callbacks.Action f);

    @WasmExport
    int[] callHostInts(int[] values);

    @WasmExport
    Optional<String> callHostOpt(Optional<String> x);

    @WasmExport
    Point callHostPoint(Point p);

    @WasmExport
    Color callHostColor(Color c);

    @WasmExport
    List<String> callHostWords(List<String> words);

    @WasmExport
    @Unsigned
    int callHostU32(@Unsigned int x);

    @WasmExport
    double[] callHostDoubles(double[] values);
}
