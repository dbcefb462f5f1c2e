package dev.wasmbridge.it.unwind;

/** {@link UnwindSafetyContract} on the exnref build. */
class UnwindSafetyExnrefTest extends UnwindSafetyContract {
    @Override
    UnwindFixture create(UnwindHost host) {
        return UnwindFixtureExnrefBindings.create(host);
    }

    @Override
    UnwindFixture pool(int size, UnwindHost host) {
        return UnwindFixtureExnrefBindings.pool(size, host);
    }
}
