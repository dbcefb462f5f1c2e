/** The annotations a Java interface uses to bind a Rust Wasm module. Read by the annotation processor. */
module dev.wasmbridge.annotations {
    exports dev.wasmbridge.annotations;
}
