package dev.wasmbridge.it.rich;

/** The exnref build. */
class RichTypesExnrefTest extends RichTypesContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureExnrefBindings.create(host);
    }
}
