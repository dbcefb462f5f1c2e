package dev.wasmbridge.it.rich;

/** The legacy build. */
class CallbacksLegacyTest extends CallbacksContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureLegacyBindings.create(host);
    }
}
