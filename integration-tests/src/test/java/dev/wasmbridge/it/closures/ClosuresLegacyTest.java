package dev.wasmbridge.it.closures;

/** The legacy exception-handling build. */
class ClosuresLegacyTest extends ClosuresContract {
    @Override
    ClosuresFixture create() {
        return ClosuresFixtureLegacyBindings.create();
    }

    @Override
    ClosuresFixture pool(int size) {
        return ClosuresFixtureLegacyBindings.pool(size);
    }
}
