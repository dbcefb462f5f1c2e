package dev.wasmbridge.it.rich;

/** The exnref build. */
class CallbacksExnrefTest extends CallbacksContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureExnrefBindings.create(host);
    }
}
