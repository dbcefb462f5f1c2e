package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.wasmbridge.runtime.AbortEvent;
import dev.wasmbridge.runtime.AbortHandler;
import dev.wasmbridge.runtime.AbortReason;
import dev.wasmbridge.runtime.FuelExhaustedException;
import dev.wasmbridge.runtime.ModuleExitException;
import dev.wasmbridge.runtime.ModuleLoadException;
import dev.wasmbridge.runtime.ModuleTerminatedException;
import dev.wasmbridge.runtime.PanicPolicy;
import dev.wasmbridge.runtime.PoisonedObjectException;
import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.RustPanicException;
import dev.wasmbridge.runtime.StaleHandleException;
import dev.wasmbridge.runtime.Wasi;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmBridgeException;
import dev.wasmbridge.runtime.WasmOptions;
import dev.wasmbridge.runtime.WasmOutOfMemoryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place where Java crosses into Wasm and back. Every rule of the boundary lives here:
 *
 * <ul>
 *   <li>a Rust panic caught by the support crate becomes a {@link RustPanicException}; the instance
 *       stays live, and the Rust objects the call held in a way that may have left them half-updated are
 *       poisoned: they refuse use with {@link PoisonedObjectException} (Rust reports them with {@code
 *       wasmbridge.poisoned}); under {@link PanicPolicy#RESET} the instance is replaced when the outermost
 *       call returns;
 *   <li>an {@code Err(e)} returned by a Rust export becomes a {@link RustErrorException} once the export
 *       has returned; the instance stays live;
 *   <li>anything else that ends a call abnormally (trap, panic under {@code panic=abort}, stack overflow,
 *       timeout, interruption, a failed allocation: a {@link WasmOutOfMemoryException}, WASI {@code
 *       proc_exit}: a {@link ModuleExitException}) is an abort: the instance is terminated, the {@link
 *       AbortHandler} runs once, and later calls throw {@link ModuleTerminatedException} until {@link
 *       #resetState()};
 *   <li>a module that imports WASI preview 1 gets the runtime's ({@link WasiHost}), made from the {@link
 *       WasmOptions} of {@link #create} for each instance and each reset; the output lines it has not ended
 *       are delivered when the outermost call ends;
 *   <li>each instance's linear memory and tables grow no further than the limits of those {@link
 *       WasmOptions} ({@link SandboxLimits});
 *   <li>a Java exception thrown by an import unwinds the Rust frames (their destructors run) and reaches
 *       the Java caller unchanged, or aborts the instance when the module cannot unwind;
 *   <li>one caller at a time runs inside the instance (a re-entrant lock, so Rust → Java import → Rust on
 *       the same thread works);
 *   <li>memory crosses as slices (docs/ABI.md, "Memory ownership"): {@link #lend} for export arguments
 *       (freed by {@link #exit()}), {@link #take} for export results (freed at once), {@link #read} for what
 *       Rust lends to an import, {@link #give} for import results (Rust owns them), each for any {@link
 *       SliceType};
 *   <li>Rust objects ({@link RustObject}) that were garbage collected without being closed are dropped at
 *       the start of the next outermost call, on the calling thread; objects of an older generation never
 *       touch the current instance.
 * </ul>
 *
 * <p>The mechanics have classes of their own: {@link CallReport} (what Rust reports during a call),
 * {@link Slices} (lent slices, the lending area, copies in and out of Wasm memory), {@link CallbackTable}
 * and {@link PendingDrops}.
 *
 * <p>Generated methods follow one pattern ({@code instances} is this boundary, or a {@link BoundaryPool}):
 *
 * <pre>{@code
 * CallBoundary call = instances.enter();
 * try {
 *     long name$ = call.lend(SliceType.STRING, name, "argument 'name' of Greeter.greet");
 *     return call.take(SliceType.STRING, call.call(GREET, name$));
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
    /**
     * {@code OutOfMemoryError}, resolved when this class loads: testing a failure with {@code instanceof
     * OutOfMemoryError} would resolve the class the first time through the application's class loader, in Java
     * code that needs the heap, which is just what has run out then.
     */
    private static final Class<OutOfMemoryError> HEAP_RAN_OUT = OutOfMemoryError.class;

    /** The import module of the functions the Rust support crate calls (docs/ABI.md). */
    public static final String SUPPORT_MODULE = "wasmbridge";

    /** The Wasm signature of every {@code T::drop} export. */
    private static final WasmSignature DROP_TYPE = WasmSignature.of(WasmValueType.I32);

    private final ReentrantLock lock = new ReentrantLock();
    private final CheckedModule source;
    private final List<ExportBinding> exports;
    private final List<HostFunction> hostFunctions;
    private final boolean importsCanUnwind;
    private final SandboxLimits limits;
    /** The WASI options every instance is made with, or null when the module imports no WASI function. */
    private final Wasi wasi;

    private final Slices slices = new Slices(this);
    private final CallbackTable callbacks = new CallbackTable();
    /** The Java objects Rust holds in the current instance (stored callbacks, interface objects). */
    private final HeldObjects held = new HeldObjects();

    private final CallReport report = new CallReport();
    private final PendingDrops pendingDrops = new PendingDrops();

    /** The async Rust tasks of this instance and the Java futures they await ({@link Tasks}). */
    final Tasks tasks = new Tasks(this);

    private LiveInstance live;
    // volatile: read without the lock by generation(), isTerminated() and checkGeneration()
    private volatile int generation = 1;
    private volatile WasmAbortException terminatedBy;
    private volatile AbortHandler onAbort;
    private volatile Duration callTimeout;
    private volatile PanicPolicy panicPolicy = PanicPolicy.RECOVER;

    /** Poisoned Rust objects of the current instance, by handle: until dropped, or the instance is reset. */
    private final Map<Integer, Poison> poisoned = new ConcurrentHashMap<>();

    /** Whether a call unwound under {@link PanicPolicy#RESET}: the instance is reset when the outermost call ends. */
    private boolean resetPending;

    /** The number of calls in progress on the thread inside this instance. */
    private int depth;

    /**
     * An abort of a nested call whose handler runs when the outermost call ends ({@link #exit()}), where the
     * stack is the caller's again: a nested call may abort because the stack ran out.
     */
    private AbortEvent abortToHandle;

    /** The memory's size when {@link #releaseAfterHeapRanOut()} let the instance go, for the abort; else -1. */
    private long memoryBytesAtRelease = -1;

    /** The pool this instance belongs to, or null. */
    private BoundaryPool pool;

    /** Whether the module counts fuel ({@code @WasmModule(fuel = true)}); see {@link #setCallFuel}. */
    private final boolean metered;

    /** The fuel budget and what the last calls used: this instance's own, or its pool's. */
    private FuelAccount fuel = new FuelAccount();

    /** What the fuel counter started the current outermost call with; 0 when no call is counted. */
    private long callFuel;

    /** The fuel counter when the current call aborted (the abort handler may replace the instance). */
    private long abortFuel;

    /** Whether {@link #abortFuel} holds the counter of the current call. */
    private boolean abortFuelTaken;

    private CallBoundary(
            CheckedModule source, List<ExportBinding> exports, List<ImportBinding> imports, WasmOptions options) {
        this.source = source;
        this.limits = SandboxLimits.of(options);
        this.exports = List.copyOf(exports);
        this.hostFunctions = new ArrayList<>();
        for (ImportBinding binding : imports) {
            hostFunctions.add(hostFunction(binding));
        }
        hostFunctions.addAll(supportFunctions());
        this.importsCanUnwind = SupportImports.importsImportFailed(source.module());
        this.metered = source.fuel();
        LiveInstance.checkExports(source, this.exports); // once: resetState() reuses the same module
        LiveInstance.checkImports(source, imports);
        limits.check(source);
        this.wasi = WasiHost.imported(source.module()) ? options.wasi() : null;
        this.live = LiveInstance.start(source, this.exports, hostFunctions, wasi, limits);
    }

    /**
     * Instantiates {@code source} and binds it.
     *
     * @param source the module
     * @param exports the exports the bindings call, in the order of the indices passed to {@link #call}
     * @param imports the Java implementations of every function the module imports
     * @return the boundary of the new instance
     * @throws ModuleLoadException if the module cannot be loaded or no longer matches the bindings
     */
    public static CallBoundary create(CheckedModule source, List<ExportBinding> exports, List<ImportBinding> imports) {
        return create(source, exports, imports, WasmOptions.defaults());
    }

    /**
     * Instantiates {@code source} with {@code options} and binds it; every {@link #resetState()} makes the new
     * instance with the same options.
     *
     * @param source the module
     * @param exports the exports the bindings call, in the order of the indices passed to {@link #call}
     * @param imports the Java implementations of every function the module imports (WASI's aside, which the
     *     runtime provides)
     * @param options how to make each instance; the WASI options apply when the module imports WASI
     * @return the boundary of the new instance
     * @throws ModuleLoadException if the module cannot be loaded or no longer matches the bindings
     */
    public static CallBoundary create(
            CheckedModule source, List<ExportBinding> exports, List<ImportBinding> imports, WasmOptions options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options: pass WasmOptions.defaults() or options made from it");
        return new CallBoundary(source, exports, imports, options);
    }

    // ---- Entering and leaving ---------------------------------------------------------------------------

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
        if (lock.isHeldByCurrentThread()) {
            // a nested call: room on the stack to end it cleanly, or a StackOverflowError before taking anything
            StackRoom.require();
        }
        lock.lock();
        if (++depth == 1 && (resetPending || !pendingDrops.isEmpty())) {
            try {
                if (resetPending) {
                    resetState(); // the reset after the last call's panic failed then; it must not be skipped
                }
                runPendingDrops();
                if (resetPending) {
                    resetState(); // a destructor panicked under RESET: reset before the caller's own call
                }
            } catch (Throwable e) { // the reset failed again, or an Error: leave the instance as found
                exit();
                throw e;
            }
        }
        if (depth == 1 && metered) {
            startFuel(); // after the drops: what the garbage collector left to drop is not this call's fuel
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
        int remaining = --depth;
        List<Runnable> completions = List.of();
        try {
            callbacks.exit(remaining); // inside the try: even a stack overflow here must not keep the lock
            held.exit(remaining); // Java objects held for a call that never started: Rust never took them
            slices.exit(remaining);
        } finally {
            try {
                if (remaining == 0 && callFuel != 0) {
                    fuel.record(callFuel, abortFuelTaken ? abortFuel : live.fuel());
                    callFuel = 0;
                }
                if (remaining == 0) {
                    live.flushOutput(); // a WASI line left without its '\n' is delivered when the call ends
                }
                if (remaining == 0 && abortToHandle != null) {
                    AbortEvent event = abortToHandle;
                    abortToHandle = null;
                    handle(event);
                }
                if (remaining == 0 && resetPending) {
                    resetAfterUnwind();
                }
            } finally {
                if (remaining == 0) {
                    completions = tasks.takeCompletions(); // async tasks that finished: completed unlocked
                }
                lock.unlock();
                if (remaining == 0 && pool != null) {
                    pool.release(this);
                }
            }
        }
        for (Runnable completion : completions) {
            completion.run();
        }
    }

    /**
     * The reset of {@link PanicPolicy#RESET}, when the outermost call that saw a panic ends. It runs in the
     * caller's {@code finally}, so it must not replace the exception in flight: when it fails, it stays
     * pending and the next call retries it (and throws if it fails again).
     */
    private void resetAfterUnwind() {
        try {
            resetState();
        } catch (RuntimeException e) {
            Log.warning("The reset after a Rust panic (PanicPolicy.RESET) failed; the next call retries it.", e);
        }
    }

    /** Whether the current thread is inside a call on this instance. */
    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    void joinPool(BoundaryPool pool) {
        this.pool = pool;
        this.fuel = pool.fuelAccount();
    }

    /** Whether this instance is one of {@code pool}'s. */
    boolean belongsTo(BoundaryPool pool) {
        return this.pool == pool;
    }

    /** Whether this instance is one of a {@link BoundaryPool}'s. */
    boolean isPooled() {
        return pool != null;
    }

    /** {@return the number of calls in progress on the thread inside this instance} */
    int depth() {
        return depth;
    }

    /** The current instance; replaced by {@link #resetState()}. */
    LiveInstance live() {
        return live;
    }

    /** How far the instance's memory and tables may grow. */
    SandboxLimits limits() {
        return limits;
    }

    // ---- Drops of garbage-collected Rust objects ------------------------------------------------------

    /**
     * Queues the drop of a Rust object that was garbage collected without being closed; any thread (the
     * {@link java.lang.ref.Cleaner}'s). The next outermost call on this instance runs it.
     */
    void queueDrop(int handleGeneration, int dropExport, int pointer) {
        pendingDrops.add(handleGeneration, dropExport, pointer);
    }

    /**
     * {@return the number of drops of garbage-collected Rust objects waiting for the next call on this
     * instance} For tests and monitoring.
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
        PendingDrops.Drop drop;
        while ((drop = pendingDrops.poll()) != null) {
            if (drop.generation() != generation || terminatedBy != null) {
                continue;
            }
            try {
                if (metered) {
                    startFuel(); // each drop has the budget of a call
                }
                invoke(exports.get(drop.dropExport()).name(), live.export(drop.dropExport()), drop.pointer());
            } catch (Exception e) {
                // see above: nothing the caller could act on; an abort has already been reported to the handler
            }
            forgetPoison(drop.pointer());
        }
    }

    /**
     * Checks that export {@code index} is a class's drop export ({@code T::drop}, {@code (i32) -> ()}), or the
     * one of iterators ({@value Abi#ITER_DROP}).
     *
     * @throws IllegalArgumentException if it is not
     */
    void checkDropExport(int index, String typeName) {
        if (index < 0 || index >= exports.size()) {
            throw new IllegalArgumentException("The drop export of " + typeName + " is given as export " + index
                    + ", but the bindings have " + exports.size() + " exports. Regenerate the bindings.");
        }
        ExportBinding export = exports.get(index);
        boolean named = export.name().endsWith(Abi.DROP_SUFFIX) || export.name().equals(Abi.ITER_DROP);
        if (!named || !export.type().equals(DROP_TYPE)) {
            throw new IllegalArgumentException("The drop export of " + typeName + " is given as export " + index
                    + ", '" + export.name() + "' " + export.type() + ", which is not a drop export (T"
                    + Abi.DROP_SUFFIX + ", " + DROP_TYPE + "). Regenerate the bindings.");
        }
    }

    // ---- Calls ------------------------------------------------------------------------------------------

    /**
     * Calls the export at {@code index} of the export list.
     *
     * @param index the export's index in the list given to {@link #create}
     * @param args the Wasm arguments
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
     * {@return whether generated code may call the compiled methods of the bindings' build-time machine
     * directly} ({@code begin}, the method, {@code returned} or {@code failed}, {@code end}) instead of
     * {@link #call}: true when this instance runs on that machine.
     */
    public boolean direct() {
        return live.direct();
    }

    /**
     * The engine's memory of this instance, for a direct call: the argument the compiled method takes after
     * the Wasm arguments. Typed by the call ({@code M} is inferred from that parameter), so that generated
     * code names no engine type and the engine can change under it; any other {@code M} fails with a
     * {@link ClassCastException}.
     *
     * @param <M> the engine's memory type, inferred from the compiled method's parameter
     * @return the engine's memory of this instance
     */
    @SuppressWarnings("unchecked")
    public <M> M memory() {
        return (M) live.engineMemory();
    }

    /**
     * The engine's instance, for a direct call: the compiled method's last argument. Typed by the call, as
     * {@link #memory()} is.
     *
     * @param <I> the engine's instance type, inferred from the compiled method's parameter
     * @return the engine's instance
     */
    @SuppressWarnings("unchecked")
    public <I> I instance() {
        return (I) live.engineInstance();
    }

    /**
     * Starts a direct call of export {@code index}; pair with {@link #end()} in a {@code finally}. Between
     * them, the generated code calls the compiled method, then {@link #returned} or, if it threw, throws
     * what {@link #failed} returns: the same rules as {@link #call}.
     *
     * @param index the export's index
     * @throws ModuleTerminatedException if an earlier abort terminated the instance
     */
    public void begin(int index) {
        begin(exports.get(index).name());
    }

    /**
     * What a direct call of export {@code index} that threw {@code failure} throws: the instance is aborted
     * (or the abort of a nested call passes through). An {@link Error} other than a stack overflow is
     * thrown as it is, after the abort.
     *
     * @param index the export's index
     * @param failure what the compiled method threw
     * @return the exception to throw
     */
    public RuntimeException failed(int index, Throwable failure) {
        if (HEAP_RAN_OUT.isInstance(failure)) {
            releaseAfterHeapRanOut(); // first: with the heap full, not even the safe point can run
        } else {
            live.safePoint();
        }
        return aborted(exports.get(index).name(), failure);
    }

    /**
     * Ends a direct call of export {@code index} that returned: throws what Rust reported during it.
     *
     * @param index the export's index
     * @throws RustPanicException if Rust panicked (the instance stays live)
     * @throws RustErrorException if the export returned {@code Err(e)}
     */
    public void returned(int index) {
        live.safePoint();
        completed(exports.get(index).name());
    }

    /** Calls {@code function}, the export {@code exportName}, under every rule of the boundary. */
    long invoke(String exportName, ExportFunction function, long... args) {
        begin(exportName);
        try {
            long result;
            try {
                long[] results = function.apply(args);
                result = results == null || results.length == 0 ? 0 : results[0];
            } catch (Throwable failure) {
                if (HEAP_RAN_OUT.isInstance(failure)) {
                    function = null; // it holds the engine's instance, whose memory the heap needs back now
                    releaseAfterHeapRanOut();
                }
                throw aborted(exportName, failure);
            }
            completed(exportName);
            return result;
        } finally {
            end();
        }
    }

    /** Starts a call: refuses it on a terminated instance, then starts its report and deadline. */
    private void begin(String exportName) {
        if (terminatedBy != null) {
            throw new ModuleTerminatedException(exportName, terminatedBy);
        }
        report.begin(callTimeout);
        held.started(depth); // Rust owns the references held for the arguments from now on
    }

    /** Turns what the Wasm call threw into an abort, or passes on the abort of a nested call. */
    private RuntimeException aborted(String exportName, Throwable failure) {
        boolean timedOut = report.stopDeadline();
        if (failure instanceof WasmAbortException) {
            return (WasmAbortException) failure; // a nested call aborted; it was handled there
        }
        if (failure instanceof RuntimeException
                || failure instanceof StackOverflowError
                || failure instanceof OutOfMemoryError) { // the module's memory took the heap: OUT_OF_MEMORY
            return abort(exportName, failure, timedOut);
        }
        if (failure instanceof Error) {
            abort(exportName, failure, false);
            throw (Error)
                    failure; // the JVM is in trouble (OutOfMemoryError, ...): the instance is gone, the error stands
        }
        return abort(exportName, failure, false);
    }

    /** After the Wasm call returned: throws what Rust reported during it. */
    private void completed(String exportName) {
        report.stopDeadline();
        if (metered && live.fuel() < 0) {
            throw abort(exportName, null, false); // it returned, but ran past its fuel since the last check
        }
        if (report.unwound()) {
            afterUnwind(exportName);
        }
        report.throwReported(exportName);
    }

    /**
     * After a call that ended by unwinding Rust (a panic, or a Java import's exception): poisons the objects
     * Rust reported, and schedules the reset of {@link PanicPolicy#RESET}.
     */
    private void afterUnwind(String exportName) {
        if (report.poisonedCount > 0) {
            Poison poison = new Poison(exportName, report.poisonReason());
            for (int i = 0; i < report.poisonedCount; i++) {
                poisoned.put(report.poisoned[i], poison);
            }
        }
        if (panicPolicy == PanicPolicy.RESET) {
            resetPending = true;
        }
    }

    /** Ends the current call (direct or not): restores the report of the call it is nested in. */
    public void end() {
        report.end();
    }

    // ---- Aborts -----------------------------------------------------------------------------------------

    /** Aborts the instance for a failure outside any call (freeing a slice); nothing is thrown. */
    void abortOutsideCall(String exportName, Throwable failure) {
        abort(exportName, failure, false);
    }

    /**
     * The JVM's heap ran out in a call, most likely because the instance's memory grew into it: lets the
     * instance go (its memory too) before anything else is done, since anything else may need the heap. Does
     * not allocate. The call aborts next, with reason {@link AbortReason#OUT_OF_MEMORY}.
     */
    private void releaseAfterHeapRanOut() {
        if (memoryBytesAtRelease < 0) {
            memoryBytesAtRelease = live.memoryBytes();
        }
        live.release();
    }

    /** @param failure what the call threw, or null for a call that returned with its fuel used up */
    private WasmAbortException abort(String exportName, Throwable failure, boolean timedOut) {
        long memoryBytes = memoryBytesAtRelease >= 0 ? memoryBytesAtRelease : live.memoryBytes();
        memoryBytesAtRelease = -1;
        Throwable cause = failure instanceof ImportThrew ? failure.getCause() : failure;
        Integer exitCode = failure == null || failure instanceof ImportThrew ? null : WasiHost.exitCode(failure);
        AbortReason reason = failure == null
                ? AbortReason.FUEL_EXHAUSTED
                : exitCode != null ? AbortReason.EXIT : reason(failure, timedOut);
        if (metered && !abortFuelTaken) {
            abortFuel = live.fuel(); // before the abort handler can reset the instance
            abortFuelTaken = true;
        }
        WasmAbortException abort;
        if (reason == AbortReason.FUEL_EXHAUSTED) {
            abort = new FuelExhaustedException(exportName, callFuel, callFuel - abortFuel, report.panicMessage, cause);
        } else if (exitCode != null) {
            abort = new ModuleExitException(exportName, exitCode, cause);
        } else if (reason == AbortReason.OUT_OF_MEMORY) {
            abort = new WasmOutOfMemoryException(
                    exportName, report.outOfMemory, limits.memoryBytes(), memoryBytes, cause);
        } else {
            abort = new WasmAbortException(exportName, reason, report.panicMessage, cause);
        }
        terminate(abort);
        AbortEvent event = new AbortEvent(abort, generation);
        if (depth > 1) {
            // the handler waits for the outermost call's exit(): this call may be deep in a stack about to run out
            if (abortToHandle == null) {
                abortToHandle = event;
            }
        } else {
            handle(event);
        }
        return abort;
    }

    /**
     * Runs the abort handler for {@code event}, and the reset it asks for unless the instance was reset since;
     * what they throw is added to the abort as suppressed.
     */
    private void handle(AbortEvent event) {
        AbortHandler handler = onAbort;
        WasmAbortException abort = event.exception();
        if (handler != null) {
            try {
                handler.onAbort(event);
            } catch (RuntimeException | Error e) {
                abort.addSuppressed(e);
            }
            if (event.resetRequested() && event.generation() == generation) {
                try {
                    resetState();
                } catch (RuntimeException e) {
                    abort.addSuppressed(e);
                }
            }
        }
    }

    private AbortReason reason(Throwable failure, boolean timedOut) {
        if (failure instanceof ImportThrew) {
            return failure.getCause() instanceof StackOverflowError
                    ? AbortReason.STACK_OVERFLOW
                    : AbortReason.IMPORT_EXCEPTION;
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
        if (failure instanceof OutOfMemoryError
                || (report.outOfMemory >= 0
                        && (failure instanceof TrapException || failure instanceof ChicoryException))) {
            return AbortReason.OUT_OF_MEMORY; // the JVM's heap, or Rust's allocation-error hook before its abort
        }
        if (failure instanceof TrapException || failure instanceof ChicoryException) {
            if (metered && live.fuel() < 0) {
                return AbortReason.FUEL_EXHAUSTED; // the counter's check trapped, or the fuel ran out before the trap
            }
            return report.panicMessage != null ? AbortReason.PANIC : AbortReason.TRAP;
        }
        return AbortReason.ENGINE_FAILURE;
    }

    private void terminate(WasmAbortException abort) {
        if (terminatedBy == null) {
            terminatedBy = abort;
        }
        resetPending = false; // an abort is not a caught panic: only resetState() or the abort handler resets
        slices.forget(); // nothing can be freed in a dead instance
        held.clear(); // Rust can no longer drop what it held: keep no Java object for it
        live.close(); // its WASI output so far is delivered, the files it opened closed
        tasks.failAll(terminatedBy); // every pending async task of the instance fails with the abort
    }

    // ---- The instance's life ------------------------------------------------------------------------------

    /**
     * Replaces the instance with a fresh one from the already parsed module: fresh memory, globals and
     * tables, imports bound again. Increments the {@linkplain #generation() generation}.
     */
    @Override
    public void resetState() {
        lock.lock();
        try {
            live.flushOutput(); // the old instance's last WASI output comes before the new one's
            LiveInstance old = live;
            live = LiveInstance.start(source, exports, hostFunctions, wasi, limits);
            old.close(); // the files it opened through WASI
            generation++;
            terminatedBy = null;
            resetPending = false;
            poisoned.clear();
            slices.forget();
            held.clear(); // the old instance's handles went with it
            pendingDrops.keepOnly(generation); // the others' memory went with the old instance
            tasks.failAll(new WasmBridgeException("The Wasm instance was reset (resetState()) before this async"
                    + " Rust task finished; its future was dropped with the old instance. Call the method again."));
        } finally {
            lock.unlock();
        }
    }

    /** {@return the generation: 1 at first, one more after each {@link #resetState()}} Objects of an older one are stale. */
    @Override
    public int generation() {
        return generation;
    }

    /** {@return whether an abort terminated the current instance} */
    @Override
    public boolean isTerminated() {
        return terminatedBy != null;
    }

    /**
     * Throws {@link StaleHandleException} when {@code handleGeneration} is not the current generation: the
     * object it belongs to died with an earlier instance.
     *
     * @param handleGeneration the generation of the instance that made the object
     * @param what the object, for the message
     */
    public void checkGeneration(int handleGeneration, String what) {
        int current = generation;
        if (handleGeneration != current) {
            throw new StaleHandleException(what, handleGeneration, current);
        }
    }

    /** Sets what happens to the instance after a caught panic; see {@link PanicPolicy}. */
    @Override
    public void setPanicPolicy(PanicPolicy policy) {
        this.panicPolicy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Throws {@link PoisonedObjectException} when the Rust object {@code pointer} of the current instance was
     * poisoned by a call that unwound while holding it.
     *
     * @param pointer the object's handle
     * @param object the object, for the message
     * @param use what tried to use it, for the message
     */
    void checkPoison(int pointer, String object, String use) {
        if (!poisoned.isEmpty()) {
            Poison poison = poisoned.get(pointer);
            if (poison != null) {
                throw new PoisonedObjectException(object, use, poison.exportName(), poison.reason());
            }
        }
    }

    /** {@return whether the Rust object {@code pointer} of the current instance is poisoned} */
    boolean isPoisoned(int pointer) {
        return !poisoned.isEmpty() && poisoned.containsKey(pointer);
    }

    /** Forgets the poison of a Rust object that was dropped: its handle may be reused. */
    void forgetPoison(int pointer) {
        if (!poisoned.isEmpty()) {
            poisoned.remove(pointer);
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

    /** Sets the fuel of every later call; see {@link dev.wasmbridge.runtime.WasmBindings#setCallFuel}. */
    @Override
    public void setCallFuel(long fuel) {
        requireMetered();
        this.fuel.setBudget(fuel);
    }

    @Override
    public long fuelLeft() {
        requireMetered();
        return fuel.fuelLeft();
    }

    @Override
    public long lastCallFuelUsed() {
        requireMetered();
        return fuel.lastCallFuelUsed();
    }

    /** Starts counting a call (or a drop): the counter gets the budget. */
    private void startFuel() {
        callFuel = fuel.start();
        abortFuelTaken = false;
        live.setFuel(callFuel);
    }

    /** Throws the exception that says how to count fuel, when the module does not. */
    void requireMetered() {
        if (!metered) {
            throw new IllegalStateException("Wasm module '" + source.name() + "' does not count fuel: its bindings"
                    + " were generated without it. Add fuel = true to the @WasmModule annotation of the interface"
                    + " (the module is then instrumented to count the instructions of every call), and recompile.");
        }
    }

    /** {@return the size of the instance's linear memory in bytes} It only ever grows. */
    @Override
    public long memoryBytes() {
        lock.lock();
        try {
            return live.memoryBytes();
        } finally {
            lock.unlock();
        }
    }

    // ---- Slices (docs/ABI.md, "Slices" and "Memory ownership") ------------------------------------------

    /**
     * Copies {@code value} into Wasm memory for the current call; freed by {@link #exit()}.
     *
     * @param type how the value crosses
     * @param value the value
     * @param what names the argument in messages, e.g. {@code "argument 'name' of Greeter.greet"}
     * @param <T> the Java type
     * @return the slice to pass
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} cannot be encoded (a string with an unpaired
     *     surrogate)
     */
    public <T> long lend(SliceType<T> type, T value, String what) {
        return slices.lend(type.toBytes(requireValue(value, what, type.name()), what), type.elementBytes(), what);
    }

    /**
     * Reads the slice an export returned and frees it in Wasm (the host owns export results).
     *
     * @param type how the value crosses
     * @param slice the slice
     * @param <T> the Java type
     * @return the value
     * @throws WasmBridgeException if the slice's byte length is not a whole number of elements (it is then
     *     not freed: a leak is safer than freeing a block Rust did not describe)
     */
    public <T> T take(SliceType<T> type, long slice) {
        return type.fromBytes(slices.take(slice, type.elementBytes(), type.name()));
    }

    /**
     * Reads a slice that Rust lends to a Java import for the duration of the import call; Rust keeps it.
     *
     * @param type how the value crosses
     * @param slice the slice
     * @param <T> the Java type
     * @return the value
     * @throws WasmBridgeException if the slice's byte length is not a whole number of elements
     */
    public <T> T read(SliceType<T> type, long slice) {
        return type.fromBytes(slices.read(slice, type.elementBytes(), type.name()));
    }

    /**
     * Copies the result of a Java import into Wasm memory; Rust owns it from then on (docs/ABI.md).
     *
     * @param type how the value crosses
     * @param value the value
     * @param what names the import in messages, e.g. {@code "the result of Host.greeting"}
     * @param <T> the Java type
     * @return the slice to return to Rust
     * @throws NullPointerException if {@code value} is null
     */
    public <T> long give(SliceType<T> type, T value, String what) {
        return slices.place(type.toBytes(requireValue(value, what, type.name()), what), type.elementBytes(), what);
    }

    /**
     * Encodes {@code value} with {@code codec} (docs/ABI.md, "Encoded values") and lends it like {@link
     * #lend}.
     *
     * @param codec the value's codec
     * @param value the value
     * @param what names the argument in messages
     * @param <T> the Java type
     * @return the slice to pass
     * @throws NullPointerException if {@code value} or a value inside it is null; the message names {@code
     *     what}
     * @throws IllegalArgumentException if a string inside {@code value} holds an unpaired surrogate
     */
    public <T> long lendEncoded(Codec<T> codec, T value, String what) {
        return slices.lend(Codecs.encode(codec, value, what), 1, what);
    }

    /**
     * Reads the encoded value an export returned, frees it in Wasm, then decodes it with {@code codec}. The
     * bytes are freed even when they turn out not to be a valid encoding.
     *
     * @param codec the value's codec
     * @param slice the slice
     * @param <T> the Java type
     * @return the value
     * @throws WasmBridgeException if the bytes are not a valid encoding (the message starts with {@value
     *     ValueReader#MALFORMED})
     */
    public <T> T takeEncoded(Codec<T> codec, long slice) {
        Objects.requireNonNull(codec, "codec");
        return Codecs.decode(codec, slices.take(slice, 1, "byte[]"));
    }

    /**
     * Reads and decodes an encoded value that Rust lends to a Java import; Rust keeps ownership.
     *
     * @param codec the value's codec
     * @param slice the slice
     * @param <T> the Java type
     * @return the value
     * @throws WasmBridgeException if the bytes are not a valid encoding (the message starts with {@value
     *     ValueReader#MALFORMED})
     */
    public <T> T readEncoded(Codec<T> codec, long slice) {
        Objects.requireNonNull(codec, "codec");
        return Codecs.decode(codec, slices.readBytes(slice));
    }

    /**
     * Encodes the result of a Java import with {@code codec} and gives it to Rust like {@link #give}; Rust
     * frees it after decoding.
     *
     * @param codec the value's codec
     * @param value the value
     * @param what names the import in messages
     * @param <T> the Java type
     * @return the slice to return to Rust
     * @throws NullPointerException if {@code value} or a value inside it is null; the message names {@code
     *     what}
     */
    public <T> long giveEncoded(Codec<T> codec, T value, String what) {
        return slices.place(Codecs.encode(codec, value, what), 1, what);
    }

    /**
     * Lends a Java callback object to Rust for the current call (docs/ABI.md, "Callbacks"); Rust calls it
     * through {@code wasmbridge.callback} until the call ends.
     *
     * @param function the user's object, checked for null
     * @param adapter decodes the arguments, calls {@code function} and encodes its result
     * @param what names the argument in messages
     * @return the callback id to pass
     */
    public int lendCallback(Object function, CallbackAdapter adapter, String what) {
        requireValue(function, what, "callback");
        return callbacks.lend(adapter, depth);
    }

    /**
     * Gives Rust a reference to a Java callback object it may keep beyond the current call (docs/ABI.md,
     * "Held Java objects"): a {@code wasmbridge::StoredCallback}. The same object held again gets the same
     * handle.
     *
     * @param function the user's object, checked for null
     * @param adapter decodes the arguments, calls {@code function} and encodes its result
     * @param what names the argument in messages
     * @return the handle to pass; Rust releases it when it drops its value
     */
    public int holdCallback(Object function, CallbackAdapter adapter, String what) {
        requireValue(function, what, "stored callback");
        int handle = held.hold(function, (method, in, out) -> adapter.invoke(in, out));
        held.pending(handle, depth);
        return handle;
    }

    /**
     * Gives Rust a reference to a Java object of a {@code @WasmInterface} it may keep (docs/ABI.md, "Held Java
     * objects"). The same object held again gets the same handle.
     *
     * @param object the user's object, checked for null
     * @param adapter runs its methods by index
     * @param what names the argument in messages
     * @return the handle to pass; Rust releases it when it drops its value
     */
    public int holdObject(Object object, ObjectAdapter adapter, String what) {
        requireValue(object, what, "Java object");
        int handle = held.hold(object, adapter);
        held.pending(handle, depth);
        return handle;
    }

    /**
     * Revokes {@code object} in the current instance: Rust's later calls of it get an error instead, and no
     * reference to it is kept. See {@link dev.wasmbridge.runtime.WasmBindings#revoke}.
     *
     * @return whether Rust held it here
     */
    @Override
    public boolean revoke(Object object) {
        Objects.requireNonNull(object, "object");
        lock.lock();
        try {
            return held.revoke(object);
        } finally {
            lock.unlock();
        }
    }

    /** {@return how many Java objects Rust holds in the current instance} For tests and monitoring. */
    @Override
    public int heldObjects() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    /** Lends {@code bytes} (the value encoding) for the current call, as {@link #lendEncoded} does. */
    long lendBytes(byte[] bytes, String what) {
        return slices.lend(bytes, 1, what);
    }

    /** Lends every parameter from an allocation of its own, as if there were no lending area (for tests). */
    void disableLendingArea() {
        slices.disableLendingArea();
    }

    /** The lending area of the current instance, or null if it has none yet (for tests). */
    LendingArea lendingArea() {
        return live.lendingArea();
    }

    /**
     * Makes {@code exception} carry {@code cause} when its constructor did not give it one; for the generated
     * mapping of a Rust error to a declared exception with a {@code (String)} constructor, by sync methods and
     * async ones alike.
     *
     * @param exception the converted exception
     * @param cause the Rust error
     * @param <X> the exception's type
     * @return {@code exception}
     */
    public static <X extends Throwable> X withCause(X exception, RustErrorException cause) {
        if (exception.getCause() == null) {
            exception.initCause(cause);
        }
        return exception;
    }

    private static <T> T requireValue(T value, String what, String type) {
        if (value == null) {
            throw new NullPointerException(
                    what + " is null, but the Rust side takes a " + type + " value; pass a non-null one.");
        }
        return value;
    }

    // ---- Imports ----------------------------------------------------------------------------------------

    /**
     * A user's import, guarded: its Java exception unwinds Rust, or aborts when Rust cannot unwind; a stack
     * overflow in it always aborts ({@link AbortReason#STACK_OVERFLOW}).
     */
    private HostFunction hostFunction(ImportBinding binding) {
        return guarded(binding.module(), binding.name(), binding.type(), binding.handler());
    }

    /** A host function that calls Java code: its exception unwinds Rust, or aborts when Rust cannot unwind. */
    private HostFunction guarded(String module, String name, WasmSignature type, ImportHandler handler) {
        int results = type.results().size();
        return new HostFunction(module, name, EngineTypes.functionType(type), (instance, args) -> {
            try {
                return handler.handle(this, args);
            } catch (WasmAbortException e) {
                throw e; // a nested call aborted the instance: nothing can unwind
            } catch (StackOverflowError e) {
                // the Java stack ran out in Java code between Wasm frames (calls nested through imports): it
                // may have struck anywhere, the boundary's own bookkeeping included, so nothing is trusted
                throw new ImportThrew(e);
            } catch (RuntimeException | Error e) {
                if (terminatedBy != null || !importsCanUnwind) {
                    throw new ImportThrew(e);
                }
                report.importException = e;
                return new long[results];
            }
        });
    }

    /** The functions the Rust support crate imports from module {@value #SUPPORT_MODULE}. */
    private List<HostFunction> supportFunctions() {
        return List.of(
                support(SupportImports.PANIC, SupportImports.PANIC_TYPE, (instance, args) -> {
                    report.panicMessage = read(SliceType.STRING, args[0]);
                    return null;
                }),
                support(SupportImports.IMPORT_FAILED, SupportImports.IMPORT_FAILED_TYPE, (instance, args) ->
                        new long[] {report.importException != null ? 1 : 0}),
                support(SupportImports.UNWOUND, SupportImports.UNWOUND_TYPE, (instance, args) -> {
                    report.importExceptionUnwound = report.importException != null;
                    return null;
                }),
                support(SupportImports.POISONED, SupportImports.POISONED_TYPE, (instance, args) -> {
                    report.addPoisoned((int) args[0]);
                    return null;
                }),
                support(SupportImports.OUT_OF_MEMORY, SupportImports.OUT_OF_MEMORY_TYPE, (instance, args) -> {
                    report.outOfMemory = Integer.toUnsignedLong((int) args[0]);
                    return null;
                }),
                support(SupportImports.ERROR, SupportImports.ERROR_TYPE, (instance, args) -> {
                    report.errorType = read(SliceType.STRING, args[0]);
                    report.errorMessage = read(SliceType.STRING, args[1]);
                    return null;
                }),
                support(SupportImports.TASK_DONE, SupportImports.TASK_DONE_TYPE, (instance, args) -> {
                    Throwable exception = null;
                    if (args[1] != 0) { // the task unwound with the exception of a Java import it called
                        exception = report.importException;
                        report.importException = null;
                    }
                    tasks.done(args[0], exception);
                    return null;
                }),
                support(SupportImports.FUTURE_DROPPED, SupportImports.FUTURE_DROPPED_TYPE, (instance, args) -> {
                    tasks.dropped(args[0]);
                    return null;
                }),
                guarded(
                        SUPPORT_MODULE,
                        SupportImports.CALLBACK,
                        SupportImports.CALLBACK_TYPE,
                        (boundary, args) -> runCallback((int) args[0], args[1])),
                support(SupportImports.RELEASE, SupportImports.RELEASE_TYPE, (instance, args) -> {
                    held.release((int) args[0]);
                    return null;
                }),
                guarded(
                        SUPPORT_MODULE,
                        SupportImports.CALL_OBJECT,
                        SupportImports.CALL_OBJECT_TYPE,
                        (boundary, args) -> callObject((int) args[0], (int) args[1], args[2])));
    }

    private static HostFunction support(String name, WasmSignature type, WasmFunctionHandle function) {
        return new HostFunction(SUPPORT_MODULE, name, EngineTypes.functionType(type), function);
    }

    /** Runs callback {@code id} for Rust: decodes, calls, encodes, and hands the result over. */
    private long[] runCallback(int id, long arguments) {
        CallbackAdapter adapter = callbacks.find(id);
        ValueWriter result = new ValueWriter();
        adapter.invoke(new ValueReader(slices.readBytes(arguments)), result);
        return new long[] {slices.place(result.toByteArray(), 1, "the result of a callback")};
    }

    /**
     * Runs method {@code method} of held Java object {@code handle} for Rust; returns the slice {@code 0}
     * when the handle holds nothing (revoked, released, or of an older instance), which Rust turns into an
     * error it can handle.
     */
    private long[] callObject(int handle, int method, long arguments) {
        ObjectAdapter adapter = held.find(handle);
        if (adapter == null) {
            return new long[] {0};
        }
        ValueWriter result = new ValueWriter();
        adapter.invoke(method, new ValueReader(slices.readBytes(arguments)), result);
        return new long[] {slices.place(result.toByteArray(), 1, "the result of a held Java object's method")};
    }

    /** Why a Rust object is poisoned: the export whose call poisoned it, and the panic or exception. */
    private record Poison(String exportName, String reason) {}

    /** Carries a Java import's exception through Wasm frames that cannot unwind; becomes an abort. */
    private static final class ImportThrew extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImportThrew(Throwable cause) {
            super(cause);
        }
    }
}
