package dev.wasmbridge.it;

/** {@link TypesContract} on the abort build of the types fixture. */
class TypesAbortTest extends TypesContract {
    @Override
    TypesFixture create(FixtureHost host) {
        return TypesFixtureAbortBindings.create(host);
    }
}
