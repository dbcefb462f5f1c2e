package dev.wasmbridge.it;

/** The boundary on the exnref build ({@code panic=unwind}, modern exception handling). */
class ExnrefBoundaryTest extends UnwindBoundaryContract {
    @Override
    PanicFixture create(PanicHost host) {
        return PanicFixtureExnrefBindings.create(host);
    }
}
