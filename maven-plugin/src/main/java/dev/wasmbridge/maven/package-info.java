/**
 * The Wasmbridge Maven plugin: {@code wasmbridge:build} compiles the project's Rust crate to {@code .wasm}
 * files in the configured flavours; {@code wasmbridge:refresh} and {@code wasmbridge:test-refresh} make
 * javac re-run the annotation processor for every {@code @WasmModule} interface whose module changed since
 * it was compiled, so a Rust-only change is checked by a plain {@code mvn verify}.
 */
package dev.wasmbridge.maven;
