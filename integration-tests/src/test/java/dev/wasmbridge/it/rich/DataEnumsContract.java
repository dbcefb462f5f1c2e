package dev.wasmbridge.it.rich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmbridge.it.rich.Paint.Clear;
import dev.wasmbridge.it.rich.Paint.Gradient;
import dev.wasmbridge.it.rich.Paint.Solid;
import dev.wasmbridge.it.rich.Shape.Circle;
import dev.wasmbridge.it.rich.Shape.Empty;
import dev.wasmbridge.it.rich.Shape.Polygon;
import dev.wasmbridge.it.rich.Shape.Rect;
import dev.wasmbridge.it.rich.Shape.Text;
import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.WasmBridgeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rust enums with data as Java sealed interfaces of records ({@link Shape}, {@link Paint}), by value in every
 * direction and nested with records, lists and options; run on the exnref and legacy builds. Rust's own view
 * of what it received is its {@code Debug} text, so a field Java wrote in the wrong place shows up as a wrong
 * value, not as a matching mistake on the way back.
 */
abstract class DataEnumsContract {
    private RecordingRichHost host;
    private RichFixture rust;

    /** Binds the flavour under test. */
    abstract RichFixture create(RichHost host);

    @BeforeEach
    void instantiate() {
        host = new RecordingRichHost();
        rust = create(host);
    }

    @Test
    void eachVariantReachesRustWithItsFields() {
        assertEquals("Circle { r: 2.5 }", rust.shapeDebug(new Circle(2.5)));
        assertEquals("Rect { w: 2.0, h: 3.0 }", rust.shapeDebug(new Rect(3, 2)), "components matched by name");
        assertEquals("Empty", rust.shapeDebug(new Empty()));
        assertEquals(
                "Text(\"naïve ☀\", Some(Point { x: 1.0, y: -2.0 }))",
                rust.shapeDebug(new Text("naïve ☀", Optional.of(new Point(1, -2)))));
        assertEquals("Text(\"\", None)", rust.shapeDebug(new Text("", Optional.empty())));
        assertEquals(
                "Polygon { points: [Point { x: 0.0, y: 1.0 }, Point { x: 2.0, y: 3.0 }], paint: Gradient { stops:"
                        + " [Blue, Red, Blue], angle: Some(45.5) } }",
                rust.shapeDebug(new Polygon(
                        List.of(new Point(0, 1), new Point(2, 3)),
                        new Gradient(List.of(Color.BLUE, Color.RED, Color.BLUE), Optional.of(45.5f)))));
        assertEquals(
                "Polygon { points: [], paint: Solid(Green) }",
                rust.shapeDebug(new Polygon(List.of(), new Solid(Color.GREEN))));
        assertEquals("Polygon { points: [], paint: Clear }", rust.shapeDebug(new Polygon(List.of(), new Clear())));
    }

    @Test
    void rustBuildsEveryVariant() {
        assertEquals(
                List.of(
                        new Circle(1.5),
                        new Rect(3, 2),
                        new Empty(),
                        new Polygon(
                                List.of(new Point(0, 0), new Point(4, 0), new Point(0, 3)),
                                new Gradient(List.of(Color.BLUE, Color.RED), Optional.empty())),
                        new Text("é☀", Optional.of(new Point(-1, 2)))),
                rust.sampleShapes());
    }

    @Test
    void parametersAndResultsBothWays() {
        assertEquals(6.0, rust.shapeArea(new Rect(2, 3)));
        assertEquals(Math.PI * 4, rust.shapeArea(new Circle(2)), 1e-12);
        assertEquals(
                6.0,
                rust.shapeArea(new Polygon(List.of(new Point(0, 0), new Point(4, 0), new Point(0, 3)), new Clear())));
        assertEquals(0.0, rust.shapeArea(new Empty()));
        assertEquals(new Rect(6, 3), rust.shapeScaled(new Rect(2, 1), 3));
        assertEquals(
                new Polygon(List.of(new Point(-2, 4)), new Gradient(List.of(Color.GREEN), Optional.of(90f))),
                rust.shapeScaled(
                        new Polygon(List.of(new Point(-1, 2)), new Gradient(List.of(Color.GREEN), Optional.empty())),
                        2),
                "a nested enum with data changes too");
        assertEquals(
                new Text("x", Optional.of(new Point(0.5, 0))),
                rust.shapeScaled(new Text("x", Optional.of(new Point(1, 0))), 0.5));
    }

    @Test
    void listsAndOptionsOfEnumsWithData() {
        assertEquals(
                Optional.of(new Circle(1)),
                rust.largestShape(List.of(new Rect(1, 1), new Circle(1), new Empty(), new Rect(1, 3))));
        assertEquals(Optional.empty(), rust.largestShape(List.of()));
        assertEquals(new Empty(), rust.shapeOrEmpty(Optional.empty()));
        assertEquals(new Circle(2), rust.shapeOrEmpty(Optional.of(new Circle(2))));
        for (Shape shape : rust.sampleShapes()) {
            assertEquals(shape, rust.shapeOrEmpty(Optional.of(shape)), "every variant survives the round trip");
        }
    }

    @Test
    void recordsHoldEnumsWithData() {
        Layer layer = new Layer(
                "top",
                List.of(new Empty(), new Circle(1), new Polygon(List.of(), new Solid(Color.RED))),
                Optional.of(new Text("x", Optional.empty())));
        assertEquals(layer, rust.layerEcho(layer));
        assertEquals(
                "Layer { name: \"top\", shapes: [Empty, Circle { r: 1.0 }, Polygon { points: [], paint: Solid(Red) }],"
                        + " focus: Some(Text(\"x\", None)) }",
                rust.layerDebug(layer));
        Layer bare = new Layer("", List.of(), Optional.empty());
        assertEquals(bare, rust.layerEcho(bare));
    }

    @Test
    void aResultOfAnEnumWithData() {
        assertEquals(new Circle(2), rust.parseShape("circle 2"));
        assertEquals(new Rect(2, 1), rust.parseShape("rect 1 2"));
        assertEquals(new Empty(), rust.parseShape("empty"));
        RustErrorException e = assertThrows(RustErrorException.class, () -> rust.parseShape("triangle"));
        assertEquals("not a shape: triangle", e.getMessage());
    }

    @Test
    void importsReceiveAndReturnEnumsWithData() {
        assertEquals(new Rect(2, 2), rust.callHostShape(new Circle(2)));
        assertEquals(
                new Text("Java got Polygon", Optional.empty()),
                rust.callHostShape(new Polygon(List.of(), new Clear())));
        Layer layer = new Layer("l", List.of(new Circle(1), new Empty()), Optional.empty());
        assertEquals(Optional.of(new Empty()), rust.callHostLayer(layer));
        assertEquals(Optional.empty(), rust.callHostLayer(new Layer("none", List.of(), Optional.empty())));
        Layer focused = new Layer("f", List.of(new Empty()), Optional.of(new Rect(1, 2)));
        assertEquals(Optional.of(new Rect(1, 2)), rust.callHostLayer(focused));
        assertEquals(
                List.of(
                        new Circle(2),
                        new Polygon(List.of(), new Clear()),
                        layer,
                        new Layer("none", List.of(), Optional.empty()),
                        focused),
                host.received,
                "the host saw exactly what Rust lent it");
    }

    @Test
    void callbacksTakeAndReturnEnumsWithData() {
        List<String> seen = new ArrayList<>();
        assertEquals(
                List.of(new Rect(0, 1), new Text("#1", Optional.empty()), new Text("#2", Optional.empty())),
                rust.mapShapes(
                        List.of(new Circle(1), new Empty(), new Polygon(List.of(), new Solid(Color.BLUE))),
                        (shape, index) -> {
                            seen.add(index + ":" + shape);
                            return shape instanceof Circle c
                                    ? new Rect(index, c.r())
                                    : new Text("#" + index, Optional.empty());
                        }));
        assertEquals(List.of("0:Circle[r=1.0]", "1:Empty[]", "2:Polygon[points=[], paint=Solid[color=BLUE]]"), seen);
    }

    @Test
    void typesThatContainThemselves() {
        Expr expr = new Expr.Sum(List.of(
                new Expr.Num(1),
                new Expr.Neg(new Expr.Neg(new Expr.Num(2))),
                new Expr.Product(new Expr.Num(3), new Expr.Sum(List.of(new Expr.Num(4), new Expr.Num(-5))))));
        assertEquals(0.0, rust.exprEval(expr), "1 + 2 + 3 * (4 - 5)");
        assertEquals(
                "Sum { terms: [Num(1.0), Neg(Neg(Num(2.0))), Product { left: Num(3.0), right: Sum { terms: [Num(4.0),"
                        + " Num(-5.0)] } }] }",
                rust.exprDebug(expr));
        assertEquals(
                new Expr.Sum(
                        List.of(new Expr.Num(1), new Expr.Num(2), new Expr.Product(new Expr.Num(3), new Expr.Num(-1)))),
                rust.exprSimplified(expr),
                "built by Rust");
        Expr chain = rust.exprChain(200);
        for (int i = 0; i < 200; i++) {
            chain = ((Expr.Neg) chain).inner();
        }
        assertEquals(new Expr.Num(200), chain);
        Tree tree = new Tree(
                "root",
                List.of(
                        new Tree("a", List.of()),
                        new Tree("b", List.of(new Tree("c", List.of()), new Tree("d", List.of())))));
        assertEquals(tree, rust.treeEcho(tree));
        assertEquals(List.of("a", "c", "d"), rust.treeLeaves(tree));
    }

    @Test
    void aNullComponentIsRefusedNamingIt() {
        NullPointerException e =
                assertThrows(NullPointerException.class, () -> rust.shapeDebug(new Text(null, Optional.empty())));
        assertTrue(
                e.getMessage()
                        .contains("argument 's' of RichFixture.shapeDebug: component 'content' of Text (Rust"
                                + " Shape::Text) is null"),
                e.getMessage());
        e = assertThrows(NullPointerException.class, () -> rust.shapeArea(new Polygon(List.of(), null)));
        assertTrue(
                e.getMessage().contains("component 'paint' of Polygon (Rust Shape::Polygon) is null"), e.getMessage());
        e = assertThrows(
                NullPointerException.class,
                () -> rust.shapeArea(new Polygon(List.of(), new Gradient(List.of(), null))));
        assertTrue(
                e.getMessage().contains("component 'angle' of Gradient (Rust Paint::Gradient) is null"),
                e.getMessage());
        e = assertThrows(
                NullPointerException.class,
                () -> rust.layerEcho(new Layer("l", List.of(), Optional.of(new Text(null, Optional.empty())))));
        assertTrue(
                e.getMessage().contains("argument 'l' of RichFixture.layerEcho: component 'content' of Text"),
                e.getMessage());
        e = assertThrows(NullPointerException.class, () -> rust.largestShape(Arrays.asList(new Empty(), null)));
        assertTrue(e.getMessage().contains("element 1 of a List"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> rust.shapeDebug(null));
        assertTrue(e.getMessage().contains("argument 's' of RichFixture.shapeDebug"), e.getMessage());
        assertEquals("Empty", rust.shapeDebug(new Empty()), "the instance is still live");
    }

    @Test
    void aHostReturningANullComponentIsRefused() {
        RichFixture broken = create(new RecordingRichHost() {
            @Override
            public Shape hostShape(Shape s) {
                return new Text(null, Optional.empty());
            }
        });
        NullPointerException e = assertThrows(NullPointerException.class, () -> broken.callHostShape(new Empty()));
        assertTrue(
                e.getMessage().contains("the result of RichHost.hostShape: component 'content' of Text"),
                e.getMessage());
    }

    @Test
    void malformedValuesFromRustAreRefused() {
        WasmBridgeException e = assertThrows(WasmBridgeException.class, () -> rust.badShape(0));
        assertTrue(
                e.getMessage()
                        .startsWith("Malformed value from Rust: unknown variant index 9 for the Rust enum Shape, which"
                                + " has 5 variants"),
                e.getMessage());
        e = assertThrows(WasmBridgeException.class, () -> rust.badShape(1));
        assertTrue(
                e.getMessage()
                        .startsWith("Malformed value from Rust: expected an f64 (8 bytes) at byte 4, but only 3"
                                + " are left"),
                e.getMessage());
        e = assertThrows(WasmBridgeException.class, () -> rust.badShape(2));
        assertTrue(e.getMessage().startsWith("Malformed value from Rust: 1 bytes are left over"), e.getMessage());
        assertEquals(new Circle(3), rust.shapeScaled(new Circle(1), 3), "the instance is still live");
    }
}
