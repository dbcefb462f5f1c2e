package dev.wasmbridge.it.objects;

/** The exnref build. */
class IteratorsExnrefTest extends IteratorsContract {
    @Override
    ObjectsFixture create(ObjectsHost host) {
        return ObjectsFixtureExnrefBindings.create(host);
    }
}
