package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.WasmCallback;

/** The callbacks of the objects fixture, each taking a Rust object. */
public final class TokenCallbacks {
    private TokenCallbacks() {}

    /** {@code Callback<(&Token,), i64>}: Rust lends each token for the call. */
    @WasmCallback
    public interface Visitor {
        long visit(Token token);
    }

    /** {@code Callback<(&mut Token,), ()>}: Rust lends the token for changing. */
    @WasmCallback
    public interface Editor {
        void edit(Token token);
    }

    /** {@code Callback<(Token, i32), ()>}: Rust gives each token to Java. */
    @WasmCallback
    public interface Sink {
        void accept(Token token, int index);
    }
}
