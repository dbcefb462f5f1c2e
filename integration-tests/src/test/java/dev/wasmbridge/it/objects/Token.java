package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmObject;
import java.util.Iterator;
import java.util.List;

/** Rust's {@code Token}, counted while alive by the objects fixture. */
@WasmClass
public interface Token extends WasmObject {
    /** {@code fn id(&self) -> i64}. */
    @WasmExport
    long id();

    /** {@code fn label(&self) -> String}. */
    @WasmExport
    String label();

    /** {@code fn relabel(&mut self, label: &str)}. */
    @WasmExport
    void relabel(String label);

    /** {@code fn fail(&mut self, message: &str)}: appends {@code !} to the label, then panics. */
    @WasmExport
    void fail(String message);

    /** {@code fn split(self, parts: i32) -> Vec<Token>}: consumes the token into new ones. */
    @WasmExport
    List<Token> split(int parts);

    /** {@code fn absorb(&mut self, others: Vec<Token>) -> i64}: takes the others. */
    @WasmExport
    long absorb(List<Token> others);

    /** {@code fn letters(&self) -> Iter<String>}. */
    @WasmExport
    Iterator<String> letters();
}
