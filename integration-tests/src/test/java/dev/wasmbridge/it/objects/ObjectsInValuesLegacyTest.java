package dev.wasmbridge.it.objects;

/** The legacy build, translated to exnref when loaded: it must behave exactly as the exnref build. */
class ObjectsInValuesLegacyTest extends ObjectsInValuesContract {
    @Override
    ObjectsFixture create(ObjectsHost host) {
        return ObjectsFixtureLegacyBindings.create(host);
    }
}
