package com.example.it;

import dev.wasmbridge.annotations.WasmRecord;

/** evolving-v1's Point; version 2 adds a field z. */
@WasmRecord
public record Point(double x, double y) {}
