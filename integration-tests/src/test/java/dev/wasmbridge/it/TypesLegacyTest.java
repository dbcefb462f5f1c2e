package dev.wasmbridge.it;

/** {@link TypesContract} on the legacy build of the types fixture. */
class TypesLegacyTest extends TypesContract {
    @Override
    TypesFixture create(FixtureHost host) {
        return TypesFixtureLegacyBindings.create(host);
    }
}
