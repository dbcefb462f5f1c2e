package dev.wasmbridge.examples.calculator;

import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;
import java.util.List;
import java.util.OptionalDouble;

/** Rust's {@code Session}: a calculator holding variables, living in the module's memory. */
@WasmClass
public interface Session extends WasmObject {
    /** Rust: {@code fn eval(&mut self, text: &str) -> Result<f64, String>}. */
    @WasmExport
    double eval(String text) throws CalcException;

    /** Rust: {@code fn get(&self, name: &str) -> Option<f64>}. */
    @WasmExport
    OptionalDouble get(String name);

    /** Rust: {@code fn variables(&self) -> Vec<String>}, sorted. */
    @WasmExport
    List<String> variables();

    /** Rust: {@code fn evaluations(&self) -> i32}. */
    @WasmExport
    int evaluations();

    /** Rust: {@code fn clear(&mut self)}. */
    @WasmExport
    void clear();
}
