package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import dev.wasmbridge.runtime.RustErrorException;
import dev.wasmbridge.runtime.WasmAbortException;
import dev.wasmbridge.runtime.WasmBridgeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The async Rust of one {@link CallBoundary} (docs/ABI.md, "Async"): the Java futures of the Rust tasks in
 * flight, and the Java futures Rust awaits.
 *
 * <p>How the support crate's executor is driven, and on which thread:
 *
 * <ul>
 *   <li>an {@code async fn} export spawns its task and runs every ready task before it returns (on the
 *       caller's thread, inside the call); the generated method then registers the task's future ({@link
 *       #spawned});
 *   <li>when a Java future Rust awaits completes, the thread that completes it encodes the outcome and, unless it
 *       is inside a call on this instance already, takes the instance's lock (on a pool, this very instance:
 *       a future stays on its instance), hands the outcome to Rust ({@code wasmbridge_future_complete}),
 *       which runs the tasks it woke, and leaves; a thread inside a call on the instance (a future already
 *       complete when an import returns it) leaves the outcome queued for the call's own end;
 *   <li>{@code future.cancel(...)} on a task's future drops the Rust future ({@code wasmbridge_task_cancel}:
 *       its destructors run) on the cancelling thread, under the lock.
 * </ul>
 *
 * <p>Each of these ends by taking the results of the tasks that finished ({@code wasmbridge_task_take}), still
 * under the lock, each one a call with the boundary's rules (its own timeout, an {@code Err} mapped as for the
 * sync method, a panic a {@code RustPanicException}); the Java futures are completed when the outermost call
 * has released the lock, on the same thread, so their dependent actions may call the bindings again. An
 * abort completes every pending future of the instance with the {@link WasmAbortException}, a reset with a
 * {@link WasmBridgeException}; neither leaves a Java object in these tables.
 *
 * <p>Every field but the queue of delivered outcomes and the table of awaited futures is used under the
 * instance's lock only.
 */
public final class Tasks {
    /** {@code wasmbridge_task_take(task: i64) -> slice}. */
    static final String TAKE = "wasmbridge_task_take";

    /** {@code wasmbridge_task_cancel(task: i64)}. */
    static final String CANCEL = "wasmbridge_task_cancel";

    /** {@code wasmbridge_future_complete(id: i64, failed: i32, value: slice)}. */
    static final String COMPLETE = "wasmbridge_future_complete";

    /** The codec of {@code CompletableFuture<Void>}: no bytes, and {@code null}. */
    public static final Codec<Void> VOID = new Codec<>() {
        @Override
        public void write(Void value, ValueWriter out) {}

        @Override
        public Void read(ValueReader in) {
            return null;
        }
    };

    private static final Codec<List<String>> FAILURE = Codecs.list(Codecs.STRING);

    private final CallBoundary boundary;

    /** The tasks whose Java future waits, by task id. */
    private final Map<Long, Pending<?>> pending = new HashMap<>();

    /** Tasks Rust reported finished ({@code wasmbridge.task_done}) and not taken yet, with their Java exception. */
    private final Queue<Done> done = new ArrayDeque<>();

    /** Java futures completed, whose outcome Rust has not been given yet. */
    private final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();

    /** The Java futures Rust awaits, by id: removed when delivered, or when Rust drops its {@code JavaFuture}. */
    private final Map<Long, Awaited> awaited = new ConcurrentHashMap<>();

    private final AtomicLong nextId = new AtomicLong(1);

    /** Completions to run once the outermost call has released the lock. */
    private List<Runnable> completions = new ArrayList<>();

    private final Map<String, ExportFunction> exports = new HashMap<>();
    private Instance exportsOf;

    Tasks(CallBoundary boundary) {
        this.boundary = boundary;
    }

    // ---- For generated code -------------------------------------------------------------------------------

    /**
     * Registers the task an {@code async fn} export spawned and returns its Java future; inside the call that
     * spawned it (the task may have finished already: its result is taken now, and the future completed when
     * the call ends).
     *
     * @param call the call that spawned the task
     * @param task the task id the export returned
     * @param codec decodes the task's value
     * @param what the Java method, for messages
     * @param errors what a Rust {@code Err} becomes (the exception the method declares), or null for the
     *     {@link RustErrorException} itself
     * @param <T> the value's Java type
     * @return the future of the task's value
     */
    public static <T> CompletableFuture<T> spawned(
            CallBoundary call,
            long task,
            Codec<T> codec,
            String what,
            Function<RustErrorException, ? extends Throwable> errors) {
        Tasks tasks = call.tasks;
        TaskFuture<T> future = new TaskFuture<>(tasks, task, call.generation());
        tasks.pending.put(task, new Pending<>(future, codec, what, errors));
        tasks.drain();
        return future;
    }

    /**
     * Registers a Java future an import returns for Rust to await ({@code wasmbridge::JavaFuture}); inside the
     * import call.
     *
     * @param call the instance
     * @param future the import's result
     * @param codec encodes its value for Rust
     * @param what the import's result, for messages
     * @param <T> the value's Java type
     * @return the id Rust awaits it by
     * @throws NullPointerException if {@code future} is null
     */
    public static <T> long awaited(CallBoundary call, CompletableFuture<T> future, Codec<T> codec, String what) {
        Objects.requireNonNull(future, () -> what + " is null; return a CompletableFuture (completed or not)");
        Tasks tasks = call.tasks;
        long id = tasks.nextId.getAndIncrement();
        int generation = call.generation();
        tasks.awaited.put(id, new Awaited(generation));
        // what deliver throws is logged there: the future whenComplete returns is not for anyone to see
        var unused =
                future.whenComplete((value, failure) -> tasks.deliver(id, generation, codec, value, failure, what));
        return id;
    }

    // ---- Reported by Rust ---------------------------------------------------------------------------------

    /** {@code wasmbridge.task_done(task, java_threw)}; {@code exception} is the Java exception that unwound it. */
    void done(long task, Throwable exception) {
        done.add(new Done(task, exception));
    }

    /** {@code wasmbridge.future_dropped(id)}: Rust no longer awaits the Java future. */
    void dropped(long id) {
        awaited.remove(id);
    }

    // ---- Driving --------------------------------------------------------------------------------------------

    /**
     * Inside a call on the instance: takes the results of finished tasks and hands delivered outcomes to Rust,
     * until neither is left.
     */
    void drain() {
        while (true) {
            Done finished = done.poll();
            if (finished != null) {
                take(finished);
                continue;
            }
            Delivery delivery = deliveries.poll();
            if (delivery == null) {
                return;
            }
            if (delivery.generation() != boundary.generation()
                    || awaited.remove(delivery.id()) == null
                    || boundary.isTerminated()) {
                continue; // Rust dropped it, or its instance is gone
            }
            try {
                long bytes = boundary.lendBytes(delivery.bytes(), "the outcome of a Java future");
                invoke(COMPLETE, delivery.id(), delivery.failed() ? 1 : 0, bytes);
            } catch (RuntimeException e) {
                // a panic in the support crate itself, or an abort (which failed every pending future)
                Log.warning("Handing a Java future's outcome to Rust failed", e);
            }
        }
    }

    private <T> void take(Done finished) {
        @SuppressWarnings("unchecked")
        Pending<T> task = (Pending<T>) pending.remove(finished.task());
        try {
            long slice = invoke(TAKE, finished.task());
            if (task == null) {
                return; // cancelled meanwhile: the take freed it
            }
            if (finished.exception() != null) {
                Throwable exception = finished.exception();
                completions.add(() -> task.future().completeExceptionally(exception));
                return;
            }
            T value = boundary.takeEncoded(task.codec(), slice);
            completions.add(() -> task.future().complete(value));
        } catch (WasmAbortException e) {
            if (task != null) {
                completions.add(() -> task.future().completeExceptionally(e));
            }
        } catch (RustErrorException e) {
            if (task != null) {
                Throwable mapped = task.errors() == null ? e : task.errors().apply(e);
                completions.add(() -> task.future().completeExceptionally(mapped));
            }
        } catch (RuntimeException e) {
            if (task != null) {
                completions.add(() -> task.future().completeExceptionally(e));
            }
        }
    }

    private long invoke(String name, long... args) {
        Instance instance = boundary.live().engineInstance();
        if (instance != exportsOf) {
            exports.clear();
            exportsOf = instance;
        }
        ExportFunction function = exports.computeIfAbsent(name, instance::export);
        return boundary.invoke(name, function, args);
    }

    /** On the thread that completed a Java future Rust awaits: encodes the outcome and hands it to Rust. */
    private <T> void deliver(long id, int generation, Codec<T> codec, T value, Throwable failure, String what) {
        if (!awaited.containsKey(id)) {
            return; // Rust dropped it, or the instance was reset
        }
        byte[] bytes;
        boolean failed = failure != null;
        if (!failed) {
            try {
                bytes = Codecs.encode(codec, value, what);
            } catch (RuntimeException e) {
                failed = true;
                failure = e;
                bytes = null;
            }
        } else {
            bytes = null;
        }
        if (failed) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            bytes = Codecs.encode(FAILURE, List.of(cause.getClass().getName(), message), what);
        }
        deliveries.add(new Delivery(id, generation, failed, bytes));
        if (!boundary.isHeldByCurrentThread()) {
            deliverQueued();
        } // else the call this thread is in hands it over before it ends (drain, or takeCompletions)
    }

    /** A task's future was cancelled: drops the Rust future, under the lock. */
    private void cancelled(long task, int generation) {
        runInside(() -> {
            if (generation == boundary.generation() && pending.remove(task) != null && !boundary.isTerminated()) {
                try {
                    invoke(CANCEL, task);
                } catch (RuntimeException e) {
                    Log.warning("Dropping a cancelled Rust task failed", e); // a panicking destructor
                }
            }
            drain();
        });
    }

    /** Runs {@code work} inside a call on this instance, then completes the futures it finished. */
    private void runInside(Runnable work) {
        CallBoundary call = boundary.enter(); // this instance, even on a pool: it waits until it is free
        try {
            work.run();
        } finally {
            call.exit();
        }
    }

    /**
     * Before the outermost call releases the lock: the completions it collected, to run afterwards; and, when a
     * Java future Rust awaits completed on this thread during a call that drives no task (a sync export whose
     * import completed it), the delivery of its outcome, in a call of its own.
     */
    List<Runnable> takeCompletions() {
        if (completions.isEmpty() && deliveries.isEmpty()) {
            return List.of();
        }
        List<Runnable> ready = completions;
        completions = new ArrayList<>();
        if (!deliveries.isEmpty()) {
            ready.add(this::deliverQueued);
        }
        return ready;
    }

    /** Outside any call: hands the queued outcomes to Rust. */
    private void deliverQueued() {
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            runInside(this::drain);
        } catch (RuntimeException e) {
            Log.warning("Handing a Java future's outcome to Rust failed", e); // the instance is gone
        }
    }

    /**
     * The instance is gone (an abort, a reset): every pending future fails with {@code failure}, when the
     * outermost call ends (or now, outside any call); nothing of the old instance is kept.
     */
    void failAll(Throwable failure) {
        for (Pending<?> task : pending.values()) {
            completions.add(() -> task.future().completeExceptionally(failure));
        }
        pending.clear();
        done.clear();
        deliveries.clear();
        awaited.clear();
        exports.clear();
        exportsOf = null;
        if (boundary.depth() == 0) {
            takeCompletions().forEach(Runnable::run);
        }
    }

    private record Pending<T>(
            TaskFuture<T> future,
            Codec<T> codec,
            String what,
            Function<RustErrorException, ? extends Throwable> errors) {}

    private record Done(long task, Throwable exception) {}

    private record Delivery(long id, int generation, boolean failed, byte[] bytes) {}

    private record Awaited(int generation) {}

    /** The future of a Rust task: cancelling it drops the Rust future. */
    private static final class TaskFuture<T> extends CompletableFuture<T> {
        private final Tasks tasks;
        private final long task;
        private final int generation;

        TaskFuture(Tasks tasks, long task, int generation) {
            this.tasks = tasks;
            this.task = task;
            this.generation = generation;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                tasks.cancelled(task, generation);
            }
            return cancelled;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>(); // dependents are plain futures: cancelling them cancels no task
        }
    }
}
