package dev.wasmbridge.it.crates;

/** The legacy build (its exception instructions translated to exnref at build time). */
class CratesLegacyTest extends CratesContract {
    @Override
    CratesFixture create(CratesHost host) {
        return CratesFixtureLegacyBindings.create(host);
    }
}
