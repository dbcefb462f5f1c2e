package dev.wasmbridge.it.rich;

/** The exnref build. */
class RustObjectsExnrefTest extends RustObjectsContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureExnrefBindings.create(host);
    }
}
