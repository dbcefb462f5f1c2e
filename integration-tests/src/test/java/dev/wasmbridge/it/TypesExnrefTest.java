package dev.wasmbridge.it;

/** {@link TypesContract} on the exnref build of the types fixture. */
class TypesExnrefTest extends TypesContract {
    @Override
    TypesFixture create(FixtureHost host) {
        return TypesFixtureExnrefBindings.create(host);
    }
}
