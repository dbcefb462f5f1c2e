/**
 * Reads and writes WebAssembly binaries, translates the legacy exception-handling instructions to the
 * exnref form, splits functions too big for HotSpot's JIT, and redirects the unsigned comparisons in the classes
 * Chicory compiles from a module around a HotSpot bug ({@code UnsignedComparisons}). No dependencies.
 */
module dev.wasmbridge.wasmeh {
    exports dev.wasmbridge.wasmeh;
}
