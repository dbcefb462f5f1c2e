package dev.wasmbridge.it.crates;

/** The exnref build. */
class CratesExnrefTest extends CratesContract {
    @Override
    CratesFixture create(CratesHost host) {
        return CratesFixtureExnrefBindings.create(host);
    }
}
