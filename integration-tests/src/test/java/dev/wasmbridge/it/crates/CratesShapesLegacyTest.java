package dev.wasmbridge.it.crates;

/** The legacy build (its exception instructions translated to exnref at build time). */
class CratesShapesLegacyTest extends CratesShapesContract {
    @Override
    CratesFixture create(CratesHost host) {
        return CratesFixtureLegacyBindings.create(host);
    }
}
