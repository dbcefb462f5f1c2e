package dev.wasmbridge.it.stale;

import dev.wasmbridge.annotations.WasmRecord;

/** evolving-v1's Point. */
@WasmRecord("Point")
public record ShapePoint(double x, double y) {}
