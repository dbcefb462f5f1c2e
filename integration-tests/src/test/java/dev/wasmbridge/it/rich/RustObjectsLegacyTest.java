package dev.wasmbridge.it.rich;

/** The legacy build, translated to exnref when loaded: it must behave exactly as the exnref build. */
class RustObjectsLegacyTest extends RustObjectsContract {
    @Override
    RichFixture create(RichHost host) {
        return RichFixtureLegacyBindings.create(host);
    }
}
