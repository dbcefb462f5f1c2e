package dev.wasmbridge.it;

/**
 * The boundary on the legacy build ({@code panic=unwind}, rustc's default exception instructions,
 * translated by wasm-eh): it must behave exactly as the exnref build.
 */
class LegacyBoundaryTest extends UnwindBoundaryContract {
    @Override
    PanicFixture create(PanicHost host) {
        return PanicFixtureLegacyBindings.create(host);
    }
}
