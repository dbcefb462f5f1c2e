package dev.wasmbridge.it.unwind;

/** {@link UnwindSafetyContract} on the legacy build. */
class UnwindSafetyLegacyTest extends UnwindSafetyContract {
    @Override
    UnwindFixture create(UnwindHost host) {
        return UnwindFixtureLegacyBindings.create(host);
    }

    @Override
    UnwindFixture pool(int size, UnwindHost host) {
        return UnwindFixtureLegacyBindings.pool(size, host);
    }
}
