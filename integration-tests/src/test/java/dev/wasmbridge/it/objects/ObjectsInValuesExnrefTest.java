package dev.wasmbridge.it.objects;

/** The exnref build. */
class ObjectsInValuesExnrefTest extends ObjectsInValuesContract {
    @Override
    ObjectsFixture create(ObjectsHost host) {
        return ObjectsFixtureExnrefBindings.create(host);
    }
}
