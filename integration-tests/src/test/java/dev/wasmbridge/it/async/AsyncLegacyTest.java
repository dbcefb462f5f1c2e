package dev.wasmbridge.it.async;

/** {@link AsyncContract} on the legacy build of the async fixture. */
class AsyncLegacyTest extends AsyncContract {
    @Override
    AsyncFixture create(AsyncHost host) {
        return AsyncFixtureLegacyBindings.create(host);
    }

    @Override
    AsyncFixture pool(int size, AsyncHost host) {
        return AsyncFixtureLegacyBindings.pool(size, host);
    }
}
