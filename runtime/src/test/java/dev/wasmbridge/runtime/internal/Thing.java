package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.WasmObject;

/** The user's {@code @WasmClass} interface of {@link Thing}. */
interface ThingApi extends WasmObject {
    int get();

    void consume();
}

/** What the processor generates for a Rust class {@code Thing} of {@code fixtures/boundary.wat}. */
final class Thing extends RustObject implements ThingApi {
    Thing(CallBoundary owner, int pointer) {
        super(owner, pointer, BoundaryFixture.THING_DROP, "Thing");
    }

    /** Makes a Thing with handle {@code pointer} in a call on {@code instances}, as an associated function would. */
    static Thing make(Instances instances, int pointer) {
        CallBoundary call = instances.enter();
        try {
            return new Thing(call, (int) call.call(BoundaryFixture.THING_GET, pointer));
        } finally {
            call.exit();
        }
    }

    /** A {@code &self} method. */
    @Override
    public int get() {
        CallBoundary call = enter("Thing.get");
        try {
            return (int) call.call(BoundaryFixture.THING_GET, pointer());
        } finally {
            call.exit();
        }
    }

    /** A {@code self} method: Rust takes the value (here the drop export stands in for it). */
    @Override
    public void consume() {
        CallBoundary call = enter("Thing.consume");
        try {
            call.call(BoundaryFixture.THING_DROP, moveOut("Thing.consume"));
        } finally {
            call.exit();
        }
    }
}
