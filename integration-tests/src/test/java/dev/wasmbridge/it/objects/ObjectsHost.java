package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.WasmImport;

/** The imports of the objects fixture: Rust lends and gives objects to Java. */
public interface ObjectsHost {
    /** {@code fn inspect(token: &Token) -> String}: lent for the call. */
    @WasmImport(module = "host")
    String inspect(Token token);

    /** {@code fn edit(token: &mut Token)}: lent for the call, for changing. */
    @WasmImport(module = "host")
    void edit(Token token);

    /** {@code fn adopt(token: Token, note: i32)}: given to Java. */
    @WasmImport(module = "host")
    void adopt(Token token, int note);

    /** {@code fn tick(i: i32)}: called by the {@code ticking} iterator for each item it computes. */
    @WasmImport(module = "host")
    void tick(int i);
}
