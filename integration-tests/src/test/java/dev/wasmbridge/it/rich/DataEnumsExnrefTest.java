package dev.wasmbridge.it.rich;

/** The exnref build. */
class DataEnumsExnrefTest extends DataEnumsContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureExnrefBindings.create(host);
    }
}
