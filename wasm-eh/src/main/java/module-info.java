/**
 * Reads and writes WebAssembly binaries, translates the legacy exception-handling instructions to the
 * exnref form, and splits functions too big for HotSpot's JIT. No dependencies.
 */
module dev.wasmbridge.wasmeh {
    exports dev.wasmbridge.wasmeh;
}
