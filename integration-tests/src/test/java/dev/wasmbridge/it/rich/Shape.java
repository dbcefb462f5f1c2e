package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmEnum;
import java.util.List;
import java.util.Optional;

/**
 * Rust's enum with data {@code Shape}: one record per variant, copied by value. {@link Text} is a tuple
 * variant, whose components match the Rust fields by position; the others match by name.
 */
@WasmEnum
public sealed interface Shape {
    /** {@code Circle { r: f64 }}. */
    record Circle(double r) implements Shape {}

    /** {@code Rect { w: f64, h: f64 }}, components in another order than the Rust fields. */
    record Rect(double h, double w) implements Shape {}

    /** {@code Empty}. */
    record Empty() implements Shape {}

    /** {@code Polygon { points: Vec<Point>, paint: Paint }}: a list of records and another enum with data. */
    record Polygon(List<Point> points, Paint paint) implements Shape {}

    /** {@code Text(String, Option<Point>)}. */
    record Text(String content, Optional<Point> at) implements Shape {}
}
