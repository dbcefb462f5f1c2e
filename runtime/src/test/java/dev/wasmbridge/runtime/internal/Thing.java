package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.WasmObject;

/** The user's {@code @WasmClass} interface of {@link Thing}. */
interface ThingApi extends WasmObject {
    int get();

    void consume();

    /** Panics, poisoning the object. */
    int spoil(String message);

    /** Reports the object poisoned but returns normally. */
    int spoilQuietly();
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

    /** A {@code &mut self} method that panics: Rust reports the object poisoned. */
    @Override
    public int spoil(String message) {
        CallBoundary call = enter("Thing.spoil");
        try {
            long message$ = call.lend(SliceType.STRING, message, "argument 'message' of Thing.spoil");
            return (int) call.call(BoundaryFixture.THING_SPOIL, pointer(), message$);
        } finally {
            call.exit();
        }
    }

    /** A method that reports the object poisoned without unwinding (never done by the support crate). */
    @Override
    public int spoilQuietly() {
        CallBoundary call = enter("Thing.spoilQuietly");
        try {
            return (int) call.call(BoundaryFixture.THING_SPOIL_QUIETLY, pointer());
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
