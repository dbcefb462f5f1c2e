package dev.wasmbridge.it.async;

/** {@link AsyncContract} on the exnref build of the async fixture. */
class AsyncExnrefTest extends AsyncContract {
    @Override
    AsyncFixture create(AsyncHost host) {
        return AsyncFixtureExnrefBindings.create(host);
    }

    @Override
    AsyncFixture pool(int size, AsyncHost host) {
        return AsyncFixtureExnrefBindings.pool(size, host);
    }
}
