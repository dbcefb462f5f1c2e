/**
 * The annotations that bind a Java interface to a Rust module compiled to WebAssembly: {@link
 * dev.wasmbridge.annotations.WasmModule} on the interface, {@link dev.wasmbridge.annotations.WasmExport} and
 * {@link dev.wasmbridge.annotations.WasmImport} on its methods, and {@link
 * dev.wasmbridge.annotations.WasmClass}, {@link dev.wasmbridge.annotations.WasmRecord}, {@link
 * dev.wasmbridge.annotations.WasmEnum} and {@link dev.wasmbridge.annotations.WasmCallback} on the types that
 * cross the boundary. The annotation processor checks them against the {@code .wasm} at compile time and
 * generates the bindings.
 */
package dev.wasmbridge.annotations;
