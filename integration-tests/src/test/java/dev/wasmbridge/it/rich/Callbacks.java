package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmCallback;

/** The callback interfaces of the rich fixture: Java objects Rust calls during an export call. */
final class Callbacks {
    private Callbacks() {}

    /** {@code Callback<(i32,), i32>}. */
    @WasmCallback
    interface IntOp {
        int apply(int x);
    }

    /** {@code Callback<(String, u32), bool>}. */
    @WasmCallback
    interface WordFilter {
        boolean keep(String word, @Unsigned int index);
    }

    /** {@code Callback<(Point,), Point>}. */
    @WasmCallback
    interface PointMap {
        Point map(Point p);
    }

    /** {@code Callback<(i32,), ()>}. */
    @WasmCallback
    interface IntSink {
        void accept(int i);
    }

    /** {@code Callback<(), ()>}. */
    @WasmCallback
    interface Action {
        void run();
    }

    /** {@code Callback<(Shape, u32), Shape>}. */
    @WasmCallback
    interface ShapeMap {
        Shape map(Shape shape, @Unsigned int index);
    }

    /** {@code Callback<(i64,), ()>}. */
    @WasmCallback
    interface StepSink {
        void step(long count);
    }
}
