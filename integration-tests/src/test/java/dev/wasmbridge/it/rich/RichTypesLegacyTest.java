package dev.wasmbridge.it.rich;

/** The legacy build, translated to exnref when loaded: it must behave exactly as the exnref build. */
class RichTypesLegacyTest extends RichTypesContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureLegacyBindings.create(host);
    }
}
