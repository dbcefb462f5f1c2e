package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortHandler;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmBridgeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place where Java crosses into Wasm and back. Every rule of the boundary lives here:
 *
 * <ul>
 *   <li>a Rust panic caught by the support crate becomes a {@link RustPanicException}; the instance
 *       stays live;
 *   <li>an {@code Err(e)} returned by a Rust export becomes a {@link RustErrorException} once the export
 *       has returned; the instance stays live;
 *   <li>anything else that ends a call abnormally (trap, panic under {@code panic=abort}, stack overflow,
 *       timeout, interruption) is an abort: the instance is terminated, the {@link AbortHandler} runs once,
 *       and later calls throw {@link ModuleTerminatedException} until {@link #resetState()};
 *   <li>a Java exception thrown by an import unwinds the Rust frames (their destructors run) and reaches
 *       the Java caller unchanged, or aborts the instance when the module cannot unwind;
 *   <li>one caller at a time runs inside the instance (a re-entrant lock, so Rust → Java import → Rust on
 *       the same thread works);
 *   <li>memory crosses as slices (docs/ABI.md, "Memory ownership"): {@code lend*} for export arguments
 *       (freed by {@link #exit()} with their alignment), {@code take*} for export results (freed at once),
 *       {@code read*} for what Rust lends to an import, {@code give*} for import results (Rust owns them);
 *   <li>Rust objects ({@link RustObject}) that were garbage collected without being closed are dropped at
 *       the start of the next outermost call, on the calling thread; objects of an older generation never
 *       touch the current instance.
 * </ul>
 *
 * <p>Generated methods follow one pattern ({@code instances} is this boundary, or a {@link BoundaryPool}):
 *
 * <pre>{@code
 * CallBoundary call = instances.enter();
 * try {
 *     long name$ = call.lendString(name, "argument 'name' of Greeter.greet");
 *     return call.takeString(call.call(GREET, name$));
 * } finally {
 *     call.exit();
 * }
 * }</pre>
 *
 * <p>A call that passes a Rust object runs on the instance that made it, and checks it:
 *
 * <pre>{@code
 * CallBoundary call = instances.enterOwner(counter, "argument 'counter' of Bank.deposit");
 * try {
 *     long label$ = call.lendEncoded(LABEL_CODEC, label, "argument 'label' of Bank.deposit");
 *     int counter$ = RustObject.move(call, counter, "argument 'counter' of Bank.deposit"); // last: nothing
 *     return call.call(DEPOSIT, counter$, label$);                                           // fails after it
 * } finally {
 *     call.exit();
 * }
 * }</pre>
 */
public final class CallBoundary implements Instances {
    /** The import module of the functions the Rust support crate calls (docs/ABI.md). */
    public static final String SUPPORT_MODULE = "wasmbridge";

    /** The Wasm signature of every {@code T::drop} export. */
    private static final FunctionType DROP_TYPE = FunctionType.of(List.of(ValType.I32), List.of());

    private final ReentrantLock lock = new ReentrantLock();
    private final CheckedModule source;
    private final List<ExportBinding> exports;
    private final List<HostFunction> hostFunctions;
    private final boolean importsCanUnwind;

    private LiveInstance live;
    // volatile: read without the lock by generation(), isTerminated() and checkGeneration()
    private volatile int generation = 1;
    private volatile WasmAbortException terminatedBy;
    private volatile AbortHandler onAbort;
    private volatile Duration callTimeout;

    /** Slices lent to the current calls, freed by {@link #exit()}; a stack because calls nest. */
    private long[] lent = new long[8];

    /**
     * The alignment each slice of {@link #lent} was allocated with, which freeing it must repeat, or
     * {@link #IN_LENDING_AREA} for a slice in the lending area (given back, not freed).
     */
    private int[] lentAlign = new int[8];

    private int lentCount;

    /** {@link #lentAlign} of a slice placed in the instance's {@link LendingArea}. */
    private static final int IN_LENDING_AREA = 0;

    /** Whether small parameters go to the {@link LendingArea}; off only for tests of the ordinary path. */
    private boolean lendingAreaEnabled = true;

    /** {@link #lentCount} at each {@link #enter()} of the calls in progress, innermost last. */
    private int[] marks = new int[8];

    /** Callbacks lent to the calls in progress (ids and adapters), removed by {@link #exit()}; a stack. */
    private int[] callbackIds = new int[4];

    private CallbackAdapter[] callbackAdapters = new CallbackAdapter[4];

    private int callbackCount;

    /** {@link #callbackCount} at each {@link #enter()}, like {@link #marks}. */
    private int[] callbackMarks = new int[8];

    /** The next callback id: ids are never reused soon, so a stale id finds nothing rather than another object. */
    private int nextCallbackId = 1;

    private int depth;

    /** The pool this instance belongs to, or null. */
    private BoundaryPool pool;

    /** Drops of Rust objects that were garbage collected without being closed; run by the next outermost call. */
    private final ConcurrentLinkedQueue<PendingDrop> pendingDrops = new ConcurrentLinkedQueue<>();

    // What the Rust side reported during the innermost running call (saved and restored around nested calls).
    private String panicMessage;
    private Throwable importException;
    private boolean importExceptionUnwound;
    private String errorType;
    private String errorMessage;

    private CallBoundary(CheckedModule source, List<ExportBinding> exports, List<ImportBinding> imports) {
        this.source = source;
        this.exports = List.copyOf(exports);
        this.hostFunctions = new ArrayList<>();
        for (ImportBinding binding : imports) {
            hostFunctions.add(hostFunction(binding));
        }
        hostFunctions.addAll(supportFunctions());
        this.importsCanUnwind = SupportImports.importsImportFailed(source.module());
        LiveInstance.checkExports(source, this.exports); // once: resetState() reuses the same module
        LiveInstance.checkImports(source, imports);
        this.live = LiveInstance.start(source, this.exports, hostFunctions);
    }

    /**
     * Instantiates {@code source} and binds it.
     *
     * @param exports the exports the bindings call, in the order of the indices passed to {@link #call}
     * @param imports the Java implementations of every function the module imports
     * @throws ModuleLoadException if the module cannot be loaded or no longer matches the bindings
     */
    public static CallBoundary create(
            CheckedModule source, List<ExportBinding> exports, List<ImportBinding> imports) {
        Objects.requireNonNull(source, "source");
        return new CallBoundary(source, exports, imports);
    }

    /**
     * Starts a call: waits until no other thread is inside this instance. Pair with {@link #exit()}.
     *
     * <p>The outermost call of a thread first runs the drops of Rust objects that were garbage collected
     * without being closed ({@link RustObject}); that never throws. An instance of a {@link BoundaryPool} is
     * taken from the pool's free instances first (waiting until it is free), and given back by the matching
     * outermost {@link #exit()}.
     *
     * @throws WasmBridgeException if the thread was interrupted while waiting for a pooled instance
     */
    @Override
    public CallBoundary enter() {
        if (pool != null && !lock.isHeldByCurrentThread()) {
            pool.take(this);
        }
        return enterTaken();
    }

    /** Like {@link #enter()}, for an instance the pool has already taken for the current thread (or no pool). */
    CallBoundary enterTaken() {
        lock.lock();
        if (depth == marks.length) {
            marks = Arrays.copyOf(marks, depth * 2);
            callbackMarks = Arrays.copyOf(callbackMarks, depth * 2);
        }
        callbackMarks[depth] = callbackCount;
        marks[depth++] = lentCount;
        if (depth == 1 && !pendingDrops.isEmpty()) {
            try {
                runPendingDrops();
            } catch (Throwable e) { // only an Error (the JVM is in trouble): leave the instance as found
                exit();
                throw e;
            }
        }
        return this;
    }

    /** Enters this instance; the object's own checks come with {@link RustObject#borrow} or {@link RustObject#move}. */
    @Override
    public CallBoundary enterOwner(Object object, String what) {
        return enter();
    }

    /** Ends the call started by the matching {@link #enter()}: frees what it lent, lets the next caller in. */
    public void exit() {
        int mark = marks[--depth];
        boolean outermost = depth == 0;
        while (callbackCount > callbackMarks[depth]) {
            callbackAdapters[--callbackCount] = null;
        }
        try {
            while (lentCount > mark) {
                long slice = lent[--lentCount];
                int align = lentAlign[lentCount];
                if (align == IN_LENDING_AREA) {
                    live.lendingArea().release(Abi.slicePointer(slice));
                    continue;
                }
                try {
                    live.free().apply(Abi.slicePointer(slice), (int) Abi.sliceLength(slice), align);
                } catch (RuntimeException | StackOverflowError e) {
                    abort(Abi.FREE, e, false); // not thrown: a call is already ending; the next one sees it
                }
            }
        } finally {
            lock.unlock();
            if (outermost && pool != null) {
                pool.release(this);
            }
        }
    }

    /** Whether the current thread is inside a call on this instance. */
    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    void joinPool(BoundaryPool pool) {
        this.pool = pool;
    }

    /** Whether this instance is one of {@code pool}'s. */
    boolean belongsTo(BoundaryPool pool) {
        return this.pool == pool;
    }

    /** Whether this instance is one of a {@link BoundaryPool}'s. */
    boolean isPooled() {
        return pool != null;
    }

    // ---- Drops of garbage-collected Rust objects ------------------------------------------------------

    /**
     * Queues the drop of a Rust object that was garbage collected without being closed; any thread (the
     * {@link java.lang.ref.Cleaner}'s). The next outermost call on this instance runs it.
     */
    void queueDrop(int handleGeneration, int dropExport, int pointer) {
        pendingDrops.add(new PendingDrop(handleGeneration, dropExport, pointer));
    }

    /**
     * The number of drops of garbage-collected Rust objects waiting for the next call on this instance (for
     * tests and monitoring).
     */
    public int pendingDrops() {
        return pendingDrops.size();
    }

    /**
     * Runs the queued drops, holding the lock at depth 1. Never throws an exception: a drop of an older
     * generation or of a terminated instance is skipped (its memory is gone), a panicking drop leaves the
     * value to Rust, and a drop that aborts terminates the instance as any abort does (the abort handler runs);
     * the caller's own call then fails as on any terminated instance.
     */
    private void runPendingDrops() {
        PendingDrop drop;
        while ((drop = pendingDrops.poll()) != null) {
            if (drop.generation() != generation || terminatedBy != null) {
                continue;
            }
            try {
                invoke(exports.get(drop.dropExport()).name(), live.export(drop.dropExport()), drop.pointer());
            } catch (Exception e) {
                // see above: nothing the caller could act on; an abort has already been reported to the handler
            }
        }
    }

    /**
     * Checks that export {@code index} is a class's drop export ({@code T::drop}, {@code (i32) -> ()}).
     *
     * @throws IllegalArgumentException if it is not
     */
    void checkDropExport(int index, String typeName) {
        if (index < 0 || index >= exports.size()) {
            throw new IllegalArgumentException("The drop export of " + typeName + " is given as export " + index
                    + ", but the bindings have " + exports.size() + " exports. Regenerate the bindings.");
        }
        ExportBinding export = exports.get(index);
        if (!export.name().endsWith(Abi.DROP_SUFFIX) || !export.type().equals(DROP_TYPE)) {
            throw new IllegalArgumentException("The drop export of " + typeName + " is given as export " + index
                    + ", '" + export.name() + "' " + export.type() + ", which is not a drop export (T"
                    + Abi.DROP_SUFFIX + ", " + DROP_TYPE + "). Regenerate the bindings.");
        }
    }

    /** A drop waiting for the next call. */
    private record PendingDrop(int generation, int dropExport, int pointer) {}

    /**
     * Calls the export at {@code index} of the export list.
     *
     * @return its result, or 0 when it has none
     * @throws RustPanicException if Rust panicked (the instance stays live)
     * @throws RustErrorException if the export returned {@code Err(e)} (the instance stays live)
     * @throws WasmAbortException if the call aborted the instance
     * @throws ModuleTerminatedException if an earlier abort terminated the instance
     */
    public long call(int index, long... args) {
        return invoke(exports.get(index).name(), live.export(index), args);
    }

    /**
     * Whether generated code may call the compiled methods of the bindings' build-time machine directly
     * ({@code begin}, the method, {@code returned} or {@code failed}, {@code end}) instead of {@link #call}:
     * true when this instance runs on that machine.
     */
    public boolean direct() {
        return live.direct();
    }

    /** The engine's memory of this instance, for a direct call. */
    public com.dylibso.chicory.runtime.Memory memory() {
        return live.engineMemory();
    }

    /** The engine's instance, for a direct call. */
    public com.dylibso.chicory.runtime.Instance instance() {
        return live.engineInstance();
    }

    /**
     * Starts a direct call of export {@code index}; pair with {@link #end()} in a {@code finally}. Between
     * them, the generated code calls the compiled method, then {@link #returned} or, if it threw, throws
     * what {@link #failed} returns: the same rules as {@link #call}.
     *
     * @throws ModuleTerminatedException if an earlier abort terminated the instance
     */
    public void begin(int index) {
        begin(exports.get(index).name());
    }

    /**
     * What a direct call of export {@code index} that threw {@code failure} throws: the instance is aborted
     * (or the abort of a nested call passes through). An {@link Error} other than a stack overflow is
     * thrown as it is, after the abort.
     */
    public RuntimeException failed(int index, Throwable failure) {
        live.safePoint();
        return aborted(exports.get(index).name(), failure);
    }

    /**
     * Ends a direct call of export {@code index} that returned: throws what Rust reported during it.
     *
     * @throws RustPanicException if Rust panicked (the instance stays live)
     * @throws RustErrorException if the export returned {@code Err(e)}
     */
    public void returned(int index) {
        live.safePoint();
        completed(exports.get(index).name());
    }

    private long invoke(String exportName, ExportFunction function, long... args) {
        begin(exportName);
        try {
            long result;
            try {
                long[] results = function.apply(args);
                result = results == null || results.length == 0 ? 0 : results[0];
            } catch (Throwable failure) {
                throw aborted(exportName, failure);
            }
            completed(exportName);
            return result;
        } finally {
            end();
        }
    }

    /**
     * What one call of an export keeps until it ends: the reports of the call it is nested in (restored by
     * {@link #end()}), and its deadline. One per call level, reused, so a call allocates nothing.
     */
    private static final class CallFrame {
        String panicMessage;
        Throwable importException;
        boolean importExceptionUnwound;
        String errorType;
        String errorMessage;
        CallTimer.Deadline deadline;
    }

    private CallFrame[] frames = new CallFrame[4];
    private int frameCount;

    /** Starts a call: saves the reports of the call it is nested in and starts the deadline. */
    private void begin(String exportName) {
        if (terminatedBy != null) {
            throw new ModuleTerminatedException(exportName, terminatedBy);
        }
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, frameCount * 2);
        }
        CallFrame frame = frames[frameCount];
        if (frame == null) {
            frame = frames[frameCount] = new CallFrame();
        }
        frame.panicMessage = panicMessage;
        frame.importException = importException;
        frame.importExceptionUnwound = importExceptionUnwound;
        frame.errorType = errorType;
        frame.errorMessage = errorMessage;
        panicMessage = null;
        importException = null;
        importExceptionUnwound = false;
        errorType = null;
        errorMessage = null;
        Duration timeout = callTimeout;
        frame.deadline = timeout == null ? null : CallTimer.start(timeout);
        frameCount++;
    }

    /** The current call's deadline, cancelled; whether it had expired. */
    private boolean stopDeadline() {
        CallFrame frame = frames[frameCount - 1];
        CallTimer.Deadline deadline = frame.deadline;
        if (deadline == null) {
            return false;
        }
        frame.deadline = null;
        boolean expired = deadline.expired();
        deadline.cancel();
        return expired;
    }

    /** Turns what the Wasm call threw into an abort, or passes on the abort of a nested call. */
    private RuntimeException aborted(String exportName, Throwable failure) {
        boolean timedOut = stopDeadline();
        if (failure instanceof WasmAbortException) {
            return (WasmAbortException) failure; // a nested call aborted; it was handled there
        }
        if (failure instanceof RuntimeException || failure instanceof StackOverflowError) {
            return abort(exportName, failure, timedOut);
        }
        if (failure instanceof Error) {
            abort(exportName, failure, false);
            throw (Error) failure; // the JVM is in trouble (OutOfMemoryError, ...): the instance is gone, the error stands
        }
        return abort(exportName, failure, false);
    }

    /** After the Wasm call returned: throws what Rust reported during it. */
    private void completed(String exportName) {
        stopDeadline();
        if (importExceptionUnwound) {
            throw Sneaky.<RuntimeException>rethrow(importException);
        }
        if (panicMessage != null) {
            throw new RustPanicException(exportName, panicMessage);
        }
        if (errorMessage != null) {
            throw new RustErrorException(exportName, errorType, errorMessage);
        }
    }

    /** Ends the current call: restores the reports of the call it is nested in. */
    public void end() {
        stopDeadline();
        CallFrame frame = frames[--frameCount];
        panicMessage = frame.panicMessage;
        importException = frame.importException;
        importExceptionUnwound = frame.importExceptionUnwound;
        errorType = frame.errorType;
        errorMessage = frame.errorMessage;
        frame.importException = null; // keep no exception reachable after the call
    }

    private WasmAbortException abort(String exportName, Throwable failure, boolean timedOut) {
        Throwable cause = failure instanceof ImportThrew ? failure.getCause() : failure;
        WasmAbortException abort =
                new WasmAbortException(exportName, reason(failure, timedOut), panicMessage, cause);
        terminate(abort);
        AbortHandler handler = onAbort;
        if (handler != null) {
            AbortEvent event = new AbortEvent(abort, generation);
            try {
                handler.onAbort(event);
            } catch (RuntimeException | Error e) {
                abort.addSuppressed(e);
            }
            if (event.resetRequested()) {
                try {
                    resetState();
                } catch (RuntimeException e) {
                    abort.addSuppressed(e);
                }
            }
        }
        return abort;
    }

    private AbortReason reason(Throwable failure, boolean timedOut) {
        if (failure instanceof ImportThrew) {
            return AbortReason.IMPORT_EXCEPTION;
        }
        if (failure instanceof ChicoryInterruptedException) {
            if (timedOut) {
                Thread.interrupted(); // the interrupt was ours, not the caller's
                return AbortReason.TIMEOUT;
            }
            return AbortReason.INTERRUPTED;
        }
        if (failure instanceof StackOverflowError || failure.getCause() instanceof StackOverflowError) {
            return AbortReason.STACK_OVERFLOW;
        }
        if (failure instanceof WasmException) {
            return AbortReason.UNCAUGHT_WASM_EXCEPTION;
        }
        if (failure instanceof TrapException || failure instanceof ChicoryException) {
            return panicMessage != null ? AbortReason.PANIC : AbortReason.TRAP;
        }
        return AbortReason.ENGINE_FAILURE;
    }

    private void terminate(WasmAbortException abort) {
        if (terminatedBy == null) {
            terminatedBy = abort;
        }
        lentCount = 0; // nothing can be freed in a dead instance
    }

    /**
     * Replaces the instance with a fresh one from the already parsed module: fresh memory, globals and
     * tables, imports bound again. Increments the {@linkplain #generation() generation}.
     */
    @Override
    public void resetState() {
        lock.lock();
        try {
            live = LiveInstance.start(source, exports, hostFunctions);
            generation++;
            terminatedBy = null;
            lentCount = 0;
            int current = generation;
            pendingDrops.removeIf(drop -> drop.generation() != current); // their memory went with the old instance
        } finally {
            lock.unlock();
        }
    }

    /** Starts at 1; each {@link #resetState()} adds one. Objects of an older generation are stale. */
    @Override
    public int generation() {
        return generation;
    }

    /** Whether an abort terminated the current instance. */
    @Override
    public boolean isTerminated() {
        return terminatedBy != null;
    }

    /**
     * Throws {@link StaleHandleException} when {@code handleGeneration} is not the current generation: the
     * object it belongs to died with an earlier instance.
     */
    public void checkGeneration(int handleGeneration, String what) {
        int current = generation;
        if (handleGeneration != current) {
            throw new StaleHandleException(what, handleGeneration, current);
        }
    }

    /** Sets the handler called once per abort; null removes it. */
    @Override
    public void setOnAbort(AbortHandler handler) {
        this.onAbort = handler;
    }

    /** Bounds every later call to {@code timeout}; a call that runs longer aborts. Null removes the bound. */
    @Override
    public void setCallTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("call timeout must be positive, got " + timeout);
        }
        this.callTimeout = timeout;
    }

    // ---- Slices (docs/ABI.md, "Slices" and "Memory ownership") ------------------------------------------
    //
    // lend*: a Java argument of an export call, copied into Wasm memory; freed by exit().
    // take*: an export result, copied out, then freed in Wasm (the host owns export results).
    // read*: a parameter Rust lends to a Java import for the duration of the import call; only copied.
    // give*: a Java import's result, copied into Wasm memory; Rust owns it from then on.

    /**
     * Copies {@code value} into Wasm memory for the current call, as UTF-8; freed by {@link #exit()}.
     *
     * @param what names the argument in messages, e.g. {@code "argument 'name' of Greeter.greet"}
     * @return the slice to pass
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} holds an unpaired surrogate
     */
    public long lendString(String value, String what) {
        return lend(Utf8.encode(requireValue(value, what, "String"), what), 1, what);
    }

    /** Like {@link #lendString} for bytes. */
    public long lendBytes(byte[] value, String what) {
        return lend(requireValue(value, what, "byte[]"), 1, what);
    }

    /**
     * Like {@link #lendBytes} for the {@linkplain ByteBuffer#remaining() remaining} bytes of {@code value};
     * its position does not move.
     */
    public long lendBuffer(ByteBuffer value, String what) {
        return lend(remainingBytes(requireValue(value, what, "ByteBuffer")), 1, what);
    }

    /** Like {@link #lendString} for a {@code short[]}: 2 bytes per element, little-endian, align 2. */
    public long lendShorts(short[] value, String what) {
        return lend(LittleEndian.bytes(requireValue(value, what, "short[]"), what), Short.BYTES, what);
    }

    /** Like {@link #lendString} for an {@code int[]}: 4 bytes per element, little-endian, align 4. */
    public long lendInts(int[] value, String what) {
        return lend(LittleEndian.bytes(requireValue(value, what, "int[]"), what), Integer.BYTES, what);
    }

    /** Like {@link #lendString} for a {@code long[]}: 8 bytes per element, little-endian, align 8. */
    public long lendLongs(long[] value, String what) {
        return lend(LittleEndian.bytes(requireValue(value, what, "long[]"), what), Long.BYTES, what);
    }

    /** Like {@link #lendString} for a {@code float[]}: 4 bytes per element (raw bits), little-endian, align 4. */
    public long lendFloats(float[] value, String what) {
        return lend(LittleEndian.bytes(requireValue(value, what, "float[]"), what), Float.BYTES, what);
    }

    /** Like {@link #lendString} for a {@code double[]}: 8 bytes per element (raw bits), little-endian, align 8. */
    public long lendDoubles(double[] value, String what) {
        return lend(LittleEndian.bytes(requireValue(value, what, "double[]"), what), Double.BYTES, what);
    }

    /**
     * Encodes {@code value} with {@code codec} (docs/ABI.md, "Encoded values") and lends it like {@link
     * #lendBytes}.
     *
     * @throws NullPointerException if {@code value} or a value inside it is null; the message names {@code
     *     what}
     * @throws IllegalArgumentException if a string inside {@code value} holds an unpaired surrogate
     */
    public <T> long lendEncoded(Codec<T> codec, T value, String what) {
        return lend(encode(codec, value, what), 1, what);
    }

    /**
     * Lends a Java callback object to Rust for the current call (docs/ABI.md, "Callbacks"); Rust calls it
     * through {@code wasmbridge.callback} until the call ends.
     *
     * @param function the user's object, checked for null
     * @param adapter decodes the arguments, calls {@code function} and encodes its result
     * @return the callback id to pass
     */
    public int lendCallback(Object function, CallbackAdapter adapter, String what) {
        requireValue(function, what, "callback");
        if (callbackCount == callbackIds.length) {
            callbackIds = Arrays.copyOf(callbackIds, callbackCount * 2);
            callbackAdapters = Arrays.copyOf(callbackAdapters, callbackCount * 2);
        }
        int id = nextCallbackId;
        nextCallbackId = id == Integer.MAX_VALUE ? 1 : id + 1;
        callbackIds[callbackCount] = id;
        callbackAdapters[callbackCount++] = adapter;
        return id;
    }

    /** Runs callback {@code id} for Rust: decodes, calls, encodes, and hands the result over. */
    private long[] runCallback(int id, long arguments) {
        for (int i = callbackCount - 1; i >= 0; i--) {
            if (callbackIds[i] == id) {
                ValueWriter result = new ValueWriter();
                callbackAdapters[i].invoke(new ValueReader(readBytes(arguments)), result);
                return new long[] {place(result.toByteArray(), 1, "the result of a callback")};
            }
        }
        throw new WasmBridgeException("Rust called callback " + id + ", which is not valid now: a callback can"
                + " only be called during the export call it was passed to.");
    }

    /**
     * Copies an export parameter into Wasm memory for the duration of the call: into the instance's
     * {@link LendingArea} when it fits, else into a block of its own; {@link #exit()} gives either back.
     */
    private long lend(byte[] bytes, int align, String what) {
        if (bytes.length == 0) {
            return Abi.slice(Abi.EMPTY_POINTER, 0);
        }
        int pointer = lendingAreaEnabled && bytes.length <= LendingArea.SIZE
                ? reserveInLendingArea(bytes.length, align)
                : 0;
        if (pointer != 0) {
            long slice = Abi.slice(pointer, bytes.length);
            pushLent(slice, IN_LENDING_AREA); // first: exit() gives the room back even if the write fails
            live.memory(what).write(pointer, bytes);
            return slice;
        }
        long slice = place(bytes, align, what);
        pushLent(slice, align);
        return slice;
    }

    private void pushLent(long slice, int align) {
        if (lentCount == lent.length) {
            lent = Arrays.copyOf(lent, lentCount * 2);
            lentAlign = Arrays.copyOf(lentAlign, lentCount * 2);
        }
        lent[lentCount] = slice;
        lentAlign[lentCount] = align;
        lentCount++;
    }

    /** Lends every parameter from an allocation of its own, as if there were no lending area (for tests). */
    void disableLendingArea() {
        lendingAreaEnabled = false;
    }

    /** The lending area of the current instance, or null if it has none yet (for tests). */
    LendingArea lendingArea() {
        return live.lendingArea();
    }

    /** Reserves room in the lending area (allocating it on first use): the address, or 0 if there is none. */
    private int reserveInLendingArea(int size, int align) {
        if (live.wantsLendingArea()) {
            int base = (int) invoke(Abi.MALLOC, live.malloc("the lending area"), LendingArea.SIZE, LendingArea.ALIGN);
            if (base == 0) {
                live.refuseLendingArea();
            } else {
                live.useLendingArea(new LendingArea(base));
            }
        }
        LendingArea area = live.lendingArea();
        return area == null ? 0 : area.reserve(size, align);
    }

    /** Reads a string an export returned and frees it in Wasm (the host owns export results). */
    public String takeString(long slice) {
        return Utf8.decode(takeBytes(slice));
    }

    /** Reads bytes an export returned and frees them in Wasm. */
    public byte[] takeBytes(long slice) {
        return take(slice, 1, "byte[]");
    }

    /**
     * Reads the {@code short[]} an export returned ({@code Vec<i16>}) and frees it in Wasm with align 2.
     *
     * @throws WasmBridgeException if the slice's byte length is not a multiple of 2 (it is then not freed:
     *     a leak is safer than freeing a block Rust did not describe)
     */
    public short[] takeShorts(long slice) {
        return LittleEndian.shorts(take(slice, Short.BYTES, "short[]"));
    }

    /** Like {@link #takeShorts} for an {@code int[]} ({@code Vec<i32>}, align 4). */
    public int[] takeInts(long slice) {
        return LittleEndian.ints(take(slice, Integer.BYTES, "int[]"));
    }

    /** Like {@link #takeShorts} for a {@code long[]} ({@code Vec<i64>}, align 8). */
    public long[] takeLongs(long slice) {
        return LittleEndian.longs(take(slice, Long.BYTES, "long[]"));
    }

    /** Like {@link #takeShorts} for a {@code float[]} ({@code Vec<f32>}, align 4). */
    public float[] takeFloats(long slice) {
        return LittleEndian.floats(take(slice, Float.BYTES, "float[]"));
    }

    /** Like {@link #takeShorts} for a {@code double[]} ({@code Vec<f64>}, align 8). */
    public double[] takeDoubles(long slice) {
        return LittleEndian.doubles(take(slice, Double.BYTES, "double[]"));
    }

    /** Reads the bytes an export returned into a new heap buffer (position 0) and frees them in Wasm. */
    public ByteBuffer takeBuffer(long slice) {
        return ByteBuffer.wrap(takeBytes(slice));
    }

    /**
     * Reads the encoded value an export returned, frees it in Wasm, then decodes it with {@code codec}. The
     * bytes are freed even when they turn out not to be a valid encoding.
     *
     * @throws WasmBridgeException if the bytes are not a valid encoding (the message starts with {@value
     *     ValueReader#MALFORMED})
     */
    public <T> T takeEncoded(Codec<T> codec, long slice) {
        Objects.requireNonNull(codec, "codec");
        return decode(codec, takeBytes(slice));
    }

    /** Copies an export result out of Wasm memory, then frees it there with {@code align}. */
    private byte[] take(long slice, int align, String type) {
        byte[] bytes = readElements(slice, align, type);
        if (bytes.length > 0) {
            invoke(Abi.FREE, live.free(), Abi.slicePointer(slice), bytes.length, align);
        }
        return bytes;
    }

    /** Reads a string that Rust lends to a Java import for the duration of the import call. */
    public String readString(long slice) {
        return Utf8.decode(readBytes(slice));
    }

    /** Reads bytes that Rust lends to a Java import for the duration of the import call. */
    public byte[] readBytes(long slice) {
        long length = Abi.sliceLength(slice);
        if (length == 0) {
            return new byte[0];
        }
        if (length > LittleEndian.MAX_BYTES) {
            throw new WasmBridgeException("Rust passed " + length + " bytes, more than a Java array can hold.");
        }
        Memory memory = live.memory("a string or bytes");
        int pointer = Abi.slicePointer(slice);
        long memoryBytes = live.memoryBytes();
        if (Integer.toUnsignedLong(pointer) + length > memoryBytes) {
            throw new WasmBridgeException("Rust passed a slice of " + length + " bytes at address "
                    + Integer.toUnsignedString(pointer) + ", which ends past the module's linear memory ("
                    + memoryBytes + " bytes). The Java and Rust signatures disagree, or the Rust side is broken:"
                    + " rebuild the bindings against this module.");
        }
        return memory.readBytes(pointer, (int) length);
    }

    /**
     * Reads a {@code short[]} that Rust lends to a Java import ({@code &[i16]}); Rust keeps ownership.
     *
     * @throws WasmBridgeException if the slice's byte length is not a multiple of 2
     */
    public short[] readShorts(long slice) {
        return LittleEndian.shorts(readElements(slice, Short.BYTES, "short[]"));
    }

    /** Like {@link #readShorts} for an {@code int[]} ({@code &[i32]}). */
    public int[] readInts(long slice) {
        return LittleEndian.ints(readElements(slice, Integer.BYTES, "int[]"));
    }

    /** Like {@link #readShorts} for a {@code long[]} ({@code &[i64]}). */
    public long[] readLongs(long slice) {
        return LittleEndian.longs(readElements(slice, Long.BYTES, "long[]"));
    }

    /** Like {@link #readShorts} for a {@code float[]} ({@code &[f32]}). */
    public float[] readFloats(long slice) {
        return LittleEndian.floats(readElements(slice, Float.BYTES, "float[]"));
    }

    /** Like {@link #readShorts} for a {@code double[]} ({@code &[f64]}). */
    public double[] readDoubles(long slice) {
        return LittleEndian.doubles(readElements(slice, Double.BYTES, "double[]"));
    }

    /** Reads bytes that Rust lends to a Java import into a new heap buffer (position 0). */
    public ByteBuffer readBuffer(long slice) {
        return ByteBuffer.wrap(readBytes(slice));
    }

    /**
     * Reads and decodes an encoded value that Rust lends to a Java import; Rust keeps ownership.
     *
     * @throws WasmBridgeException if the bytes are not a valid encoding (the message starts with {@value
     *     ValueReader#MALFORMED})
     */
    public <T> T readEncoded(Codec<T> codec, long slice) {
        Objects.requireNonNull(codec, "codec");
        return decode(codec, readBytes(slice));
    }

    /** Reads a slice of {@code elementBytes}-byte elements, refusing a byte length that does not divide. */
    private byte[] readElements(long slice, int elementBytes, String type) {
        long length = Abi.sliceLength(slice);
        if (length % elementBytes != 0) {
            throw new WasmBridgeException("Rust passed a slice of " + length + " bytes as a " + type + ", which is"
                    + " not a whole number of " + elementBytes + "-byte elements (slice lengths are in bytes)."
                    + " The Java and Rust element types disagree: rebuild the bindings against this module.");
        }
        return readBytes(slice);
    }

    /**
     * Copies the result of a Java import into Wasm memory; Rust owns it from then on (docs/ABI.md).
     *
     * @param what names the import in messages, e.g. {@code "the result of Host.greeting"}
     * @return the slice to return to Rust
     */
    public long giveString(String value, String what) {
        return place(Utf8.encode(requireValue(value, what, "String"), what), 1, what);
    }

    /** Like {@link #giveString} for bytes. */
    public long giveBytes(byte[] value, String what) {
        return place(requireValue(value, what, "byte[]"), 1, what);
    }

    /** Like {@link #giveBytes} for the remaining bytes of {@code value}; its position does not move. */
    public long giveBuffer(ByteBuffer value, String what) {
        return place(remainingBytes(requireValue(value, what, "ByteBuffer")), 1, what);
    }

    /** Like {@link #giveString} for a {@code short[]} ({@code Vec<i16>}: little-endian, align 2). */
    public long giveShorts(short[] value, String what) {
        return place(LittleEndian.bytes(requireValue(value, what, "short[]"), what), Short.BYTES, what);
    }

    /** Like {@link #giveString} for an {@code int[]} ({@code Vec<i32>}: little-endian, align 4). */
    public long giveInts(int[] value, String what) {
        return place(LittleEndian.bytes(requireValue(value, what, "int[]"), what), Integer.BYTES, what);
    }

    /** Like {@link #giveString} for a {@code long[]} ({@code Vec<i64>}: little-endian, align 8). */
    public long giveLongs(long[] value, String what) {
        return place(LittleEndian.bytes(requireValue(value, what, "long[]"), what), Long.BYTES, what);
    }

    /** Like {@link #giveString} for a {@code float[]} ({@code Vec<f32>}: little-endian, align 4). */
    public long giveFloats(float[] value, String what) {
        return place(LittleEndian.bytes(requireValue(value, what, "float[]"), what), Float.BYTES, what);
    }

    /** Like {@link #giveString} for a {@code double[]} ({@code Vec<f64>}: little-endian, align 8). */
    public long giveDoubles(double[] value, String what) {
        return place(LittleEndian.bytes(requireValue(value, what, "double[]"), what), Double.BYTES, what);
    }

    /**
     * Encodes the result of a Java import with {@code codec} and gives it to Rust like {@link #giveBytes};
     * Rust frees it after decoding.
     *
     * @throws NullPointerException if {@code value} or a value inside it is null; the message names {@code
     *     what}
     */
    public <T> long giveEncoded(Codec<T> codec, T value, String what) {
        return place(encode(codec, value, what), 1, what);
    }

    /** Allocates a block of {@code align} in Wasm memory and copies {@code bytes} into it. */
    private long place(byte[] bytes, int align, String what) {
        if (bytes.length == 0) {
            return Abi.slice(Abi.EMPTY_POINTER, 0);
        }
        int pointer = (int) invoke(Abi.MALLOC, live.malloc(what), bytes.length, align);
        if (pointer == 0) {
            throw new WasmBridgeException("Wasm module '" + live.moduleName() + "' could not allocate "
                    + bytes.length + " bytes for " + what + ": it is out of memory (" + Abi.MALLOC
                    + " returned 0).");
        }
        live.memory(what).write(pointer, bytes);
        return Abi.slice(pointer, bytes.length);
    }

    private static byte[] remainingBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    private static <T> byte[] encode(Codec<T> codec, T value, String what) {
        Objects.requireNonNull(codec, "codec");
        if (value == null) {
            throw new NullPointerException(what + " is null, but the Rust side takes a value; pass a non-null one"
                    + " (an empty Optional for None).");
        }
        ValueWriter out = new ValueWriter();
        try {
            codec.write(value, out);
        } catch (NullPointerException e) {
            NullPointerException named = new NullPointerException(what + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static <T> T decode(Codec<T> codec, byte[] bytes) {
        ValueReader in = new ValueReader(bytes);
        T value = codec.read(in);
        in.finish();
        return value;
    }

    /** The size of the instance's linear memory in bytes (it only ever grows). */
    @Override
    public long memoryBytes() {
        lock.lock();
        try {
            return live.memoryBytes();
        } finally {
            lock.unlock();
        }
    }

    /** A user's import, guarded: its Java exception unwinds Rust, or aborts when Rust cannot unwind. */
    private HostFunction hostFunction(ImportBinding binding) {
        return guarded(binding.module(), binding.name(), binding.type(), binding.handler());
    }

    /** A host function that calls Java code: its exception unwinds Rust, or aborts when Rust cannot unwind. */
    private HostFunction guarded(String module, String name, FunctionType type, ImportHandler handler) {
        int results = type.returns().size();
        return new HostFunction(module, name, type, (instance, args) -> {
            try {
                return handler.handle(this, args);
            } catch (WasmAbortException e) {
                throw e; // a nested call aborted the instance: nothing can unwind
            } catch (RuntimeException | Error e) {
                if (terminatedBy != null || !importsCanUnwind) {
                    throw new ImportThrew(e);
                }
                importException = e;
                return new long[results];
            }
        });
    }

    /** The functions the Rust support crate imports from module {@value #SUPPORT_MODULE}. */
    private List<HostFunction> supportFunctions() {
        return List.of(
                new HostFunction(SUPPORT_MODULE, SupportImports.PANIC, SupportImports.PANIC_TYPE, (instance, args) -> {
                    panicMessage = readString(args[0]);
                    return null;
                }),
                new HostFunction(SUPPORT_MODULE, SupportImports.IMPORT_FAILED, SupportImports.IMPORT_FAILED_TYPE,
                        (instance, args) -> new long[] {importException != null ? 1 : 0}),
                new HostFunction(SUPPORT_MODULE, SupportImports.UNWOUND, SupportImports.UNWOUND_TYPE,
                        (instance, args) -> {
                            importExceptionUnwound = importException != null;
                            return null;
                        }),
                new HostFunction(SUPPORT_MODULE, SupportImports.ERROR, SupportImports.ERROR_TYPE, (instance, args) -> {
                    errorType = readString(args[0]);
                    errorMessage = readString(args[1]);
                    return null;
                }),
                guarded(SUPPORT_MODULE, SupportImports.CALLBACK, SupportImports.CALLBACK_TYPE,
                        (boundary, args) -> runCallback((int) args[0], args[1])));
    }

    private static <T> T requireValue(T value, String what, String type) {
        if (value == null) {
            throw new NullPointerException(
                    what + " is null, but the Rust side takes a " + type + " value; pass a non-null one.");
        }
        return value;
    }

    /** Carries a Java import's exception through Wasm frames that cannot unwind; becomes an abort. */
    private static final class ImportThrew extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImportThrew(Throwable cause) {
            super(cause);
        }
    }
}
