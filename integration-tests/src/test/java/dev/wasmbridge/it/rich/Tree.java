package dev.wasmbridge.it.rich;

import dev.wasmbridge.annotations.WasmRecord;
import java.util.List;

/** Rust's {@code Tree}: a record that contains itself, in a list. */
@WasmRecord
public record Tree(String label, List<Tree> children) {}
