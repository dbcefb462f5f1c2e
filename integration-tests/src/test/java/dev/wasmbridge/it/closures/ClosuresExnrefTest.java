package dev.wasmbridge.it.closures;

/** The exnref build. */
class ClosuresExnrefTest extends ClosuresContract {
    @Override
    ClosuresFixture create() {
        return ClosuresFixtureExnrefBindings.create();
    }

    @Override
    ClosuresFixture pool(int size) {
        return ClosuresFixtureExnrefBindings.pool(size);
    }
}
