package dev.wasmbridge.it.objects;

/** The legacy build, translated to exnref when loaded: it must behave exactly as the exnref build. */
class IteratorsLegacyTest extends IteratorsContract {
    @Override
    ObjectsFixture create(ObjectsHost host) {
        return ObjectsFixtureLegacyBindings.create(host);
    }
}
