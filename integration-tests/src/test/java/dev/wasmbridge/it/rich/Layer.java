package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmRecord;
import java.util.List;
import java.util.Optional;

/** Rust's {@code Layer}: a record holding enums with data, in a list and in an option. */
@WasmRecord
public record Layer(String name, List<Shape> shapes, Optional<Shape> focus) {}
