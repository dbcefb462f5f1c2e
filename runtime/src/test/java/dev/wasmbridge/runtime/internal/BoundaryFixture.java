package dev.wasmbridge.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The hand-written module {@code fixtures/boundary.wat} behind real {@link CallBoundary}s, with its imports
 * recording every allocation, free and drop, so tests can check sizes and alignments.
 */
final class BoundaryFixture {
    static final CheckedModule SOURCE = CheckedModule.classpath(BoundaryFixture.class, "fixtures/boundary.wasm");

    // export indices, in the order of EXPORTS
    static final int COPY = 0;
    static final int MAKE = 1;
    static final int VIA_IMPORT = 2;
    static final int FAIL = 3;
    static final int FAIL_AROUND_IMPORT = 4;
    static final int PANIC = 5;
    static final int TRAP = 6;
    static final int THING_GET = 7;
    static final int THING_DROP = 8;
    static final int SET_MALLOC_FAILS = 9;
    static final int THING_SPOIL = 10;
    static final int THING_SPOIL_QUIETLY = 11;

    private static final WasmValueType I32 = WasmValueType.I32;
    private static final WasmValueType I64 = WasmValueType.I64;

    static final List<ExportBinding> EXPORTS = List.of(
            new ExportBinding("copy", WasmSignature.of(I64, I32).returning(I64)),
            new ExportBinding("make", WasmSignature.of(I32, I32).returning(I64)),
            new ExportBinding("via_import", WasmSignature.of(I64).returning(I64)),
            new ExportBinding("fail", WasmSignature.of(I64, I64).returning(I32)),
            new ExportBinding(
                    "fail_around_import", WasmSignature.of(I64, I64, I64).returning(I64)),
            new ExportBinding("panic", WasmSignature.of(I64).returning(I32)),
            new ExportBinding("trap", WasmSignature.of()),
            new ExportBinding("Thing::get", WasmSignature.of(I32).returning(I32)),
            new ExportBinding("Thing::drop", WasmSignature.of(I32)),
            new ExportBinding("set_malloc_fails", WasmSignature.of(I32)),
            new ExportBinding("Thing::spoil", WasmSignature.of(I32, I64).returning(I32)),
            new ExportBinding("Thing::spoil_quietly", WasmSignature.of(I32).returning(I32)));

    /** A block the allocator handed out or was given back. */
    record Block(int pointer, int size, int align) {}

    /** A drop, and the instance it ran on. */
    record Drop(int handle, CallBoundary on) {}

    final List<Block> allocated = Collections.synchronizedList(new ArrayList<>());
    final List<Block> freed = Collections.synchronizedList(new ArrayList<>());
    final List<Drop> dropped = Collections.synchronizedList(new ArrayList<>());

    /** What {@code test.transform} does; by default it returns its argument. */
    volatile ImportHandler transform = (boundary, args) -> new long[] {args[0]};

    /** A new instance of the module whose imports record into this fixture. */
    CallBoundary create() {
        return CallBoundary.create(SOURCE, EXPORTS, imports());
    }

    /** The module's imports, recording into this fixture. */
    List<ImportBinding> imports() {
        return List.of(
                new ImportBinding("test", "allocated", WasmSignature.of(I32, I32, I32), (boundary, args) -> {
                    allocated.add(new Block((int) args[0], (int) args[1], (int) args[2]));
                    return null;
                }),
                new ImportBinding("test", "freed", WasmSignature.of(I32, I32, I32), (boundary, args) -> {
                    freed.add(new Block((int) args[0], (int) args[1], (int) args[2]));
                    return null;
                }),
                new ImportBinding("test", "dropped", WasmSignature.of(I32), (boundary, args) -> {
                    dropped.add(new Drop((int) args[0], boundary));
                    return null;
                }),
                new ImportBinding(
                        "test",
                        "transform",
                        WasmSignature.of(I64).returning(I64),
                        (boundary, args) -> transform.handle(boundary, args)));
    }

    /** The handles dropped so far. */
    List<Integer> droppedHandles() {
        synchronized (dropped) {
            return dropped.stream().map(Drop::handle).toList();
        }
    }

    /** Runs one call of export {@code index} on {@code instances}, entering and exiting around it. */
    static long call(Instances instances, int index, long... args) {
        CallBoundary call = instances.enter();
        try {
            return call.call(index, args);
        } finally {
            call.exit();
        }
    }
}
