package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmEnum;
import java.util.List;
import java.util.Optional;

/** Rust's enum with data {@code Paint}, with its records declared beside it (the permits clause names them). */
@WasmEnum
public sealed interface Paint permits Paint.Solid, Paint.Gradient, Paint.Clear {
    /** {@code Solid(Color)}: a tuple variant holding an enum. */
    record Solid(Color color) implements Paint {}

    /** {@code Gradient { stops: Vec<Color>, angle: Option<f32> }}. */
    record Gradient(List<Color> stops, Optional<Float> angle) implements Paint {}

    /** {@code Clear}. */
    record Clear() implements Paint {}
}
