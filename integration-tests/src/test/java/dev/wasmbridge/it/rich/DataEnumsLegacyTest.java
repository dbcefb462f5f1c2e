package dev.wasmbridge.it.rich;

/** The legacy build, translated to exnref when loaded. */
class DataEnumsLegacyTest extends DataEnumsContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureLegacyBindings.create(host);
    }
}
