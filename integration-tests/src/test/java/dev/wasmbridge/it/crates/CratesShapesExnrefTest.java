package dev.wasmbridge.it.crates;

/** The exnref build. */
class CratesShapesExnrefTest extends CratesShapesContract {
    @Override
    CratesFixture create(CratesHost host) {
        return CratesFixtureExnrefBindings.create(host);
    }
}
