package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
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

    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    static final List<ExportBinding> EXPORTS = List.of(
            new ExportBinding("copy", FunctionType.of(List.of(I64, I32), List.of(I64))),
            new ExportBinding("make", FunctionType.of(List.of(I32, I32), List.of(I64))),
            new ExportBinding("via_import", FunctionType.of(List.of(I64), List.of(I64))),
            new ExportBinding("fail", FunctionType.of(List.of(I64, I64), List.of(I32))),
            new ExportBinding("fail_around_import", FunctionType.of(List.of(I64, I64, I64), List.of(I64))),
            new ExportBinding("panic", FunctionType.of(List.of(I64), List.of(I32))),
            new ExportBinding("trap", FunctionType.of(List.of(), List.of())),
            new ExportBinding("Thing::get", FunctionType.of(List.of(I32), List.of(I32))),
            new ExportBinding("Thing::drop", FunctionType.of(List.of(I32), List.of())),
            new ExportBinding("set_malloc_fails", FunctionType.of(List.of(I32), List.of())));

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
        return CallBoundary.create(SOURCE, EXPORTS, List.of(
                new ImportBinding("test", "allocated", FunctionType.of(List.of(I32, I32, I32), List.of()),
                        (boundary, args) -> {
                            allocated.add(new Block((int) args[0], (int) args[1], (int) args[2]));
                            return null;
                        }),
                new ImportBinding("test", "freed", FunctionType.of(List.of(I32, I32, I32), List.of()),
                        (boundary, args) -> {
                            freed.add(new Block((int) args[0], (int) args[1], (int) args[2]));
                            return null;
                        }),
                new ImportBinding("test", "dropped", FunctionType.of(List.of(I32), List.of()),
                        (boundary, args) -> {
                            dropped.add(new Drop((int) args[0], boundary));
                            return null;
                        }),
                new ImportBinding("test", "transform", FunctionType.of(List.of(I64), List.of(I64)),
                        (boundary, args) -> transform.handle(boundary, args))));
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
