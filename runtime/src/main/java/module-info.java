/**
 * Wasmbridge's runtime: what generated bindings call, and the API hand-written code uses.
 *
 * <p>{@code dev.wasmbridge.runtime} is the public API. {@code dev.wasmbridge.runtime.internal} is exported
 * too, because the bindings generated into the user's module call it (as Dagger's {@code dagger.internal}),
 * but it is not API: hand-written code should not use it.
 */
module dev.wasmbridge.runtime {
    // Generated code still names engine types (a direct call passes the engine's Memory and Instance to the
    // build-time bytecode, which itself extends the compiler's classes), so the user's module reads them too.
    requires transitive com.dylibso.chicory.runtime;
    requires transitive com.dylibso.chicory.wasm;
    requires transitive com.dylibso.chicory.compiler;
    // WASI preview 1 for modules built for wasm32-wasip1 (internal.WasiHost); generated code does not name it
    requires com.dylibso.chicory.wasi;
    requires dev.wasmbridge.wasmeh;
    // JitLimit reads HotSpot's DontCompileHugeMethods flag (HotSpotDiagnosticMXBean)
    requires java.management;
    requires jdk.management;

    exports dev.wasmbridge.runtime;
    exports dev.wasmbridge.runtime.internal;
}
