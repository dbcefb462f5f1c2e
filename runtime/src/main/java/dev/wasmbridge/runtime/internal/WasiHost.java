package dev.wasmbridge.runtime.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import dev.wasmbridge.runtime.Wasi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WASI preview 1 host of one instance ({@code wasi_snapshot_preview1}): Chicory's implementation, set
 * up from the user's {@link Wasi} options, with standard output and error cut into lines ({@link
 * OutputLines}) and read-only directory grants enforced here, since Chicory has no notion of them.
 *
 * <p>Read-only: the host tracks which descriptors lead into a directory granted {@link
 * Wasi.Access#READ_ONLY} (the preopened directory itself, and whatever {@code path_open} opens through such
 * a descriptor), and refuses with {@code EPERM} every function that would change something through one:
 * {@code path_open} asking to write, create, truncate or append, the {@code path_*} functions that create,
 * remove, rename, link or change times, and the {@code fd_*} functions that write, allocate, or change a
 * size or times. Reads go to Chicory unchanged.
 *
 * <p>Made for every instance (and every reset): descriptors and buffers are never shared.
 */
final class WasiHost {
    /** The import module of WASI preview 1. */
    static final String MODULE = "wasi_snapshot_preview1";

    /** WASI's errno {@code EPERM}, "operation not permitted": Rust's {@code ErrorKind::PermissionDenied}. */
    static final int EPERM = 63;

    // WASI preview 1's flags (docs: "rights", "oflags", "fdflags")
    static final long RIGHT_FD_WRITE = 1L << 6;
    static final long RIGHT_FD_ALLOCATE = 1L << 8;
    static final long RIGHT_FD_FILESTAT_SET_SIZE = 1L << 22;
    static final int OFLAG_CREAT = 1;
    static final int OFLAG_TRUNC = 1 << 3;
    static final int FDFLAG_APPEND = 1;

    /** The descriptor of the first granted directory: 0, 1 and 2 are the standard streams. */
    private static final int FIRST_PREOPEN = 3;

    /** What changes the file system through a descriptor: the function, and which arguments are descriptors. */
    private static final Map<String, int[]> MUTATING = Map.ofEntries(
            Map.entry("path_create_directory", new int[] {0}),
            Map.entry("path_filestat_set_times", new int[] {0}),
            Map.entry("path_link", new int[] {4}),
            Map.entry("path_remove_directory", new int[] {0}),
            Map.entry("path_rename", new int[] {0, 3}),
            Map.entry("path_symlink", new int[] {2}),
            Map.entry("path_unlink_file", new int[] {0}),
            Map.entry("fd_write", new int[] {0}),
            Map.entry("fd_pwrite", new int[] {0}),
            Map.entry("fd_allocate", new int[] {0}),
            Map.entry("fd_filestat_set_size", new int[] {0}),
            Map.entry("fd_filestat_set_times", new int[] {0}));

    private final WasiPreview1 wasi;
    private final OutputLines stdout;
    private final OutputLines stderr;
    private final List<HostFunction> functions;

    /** The descriptors that lead into a read-only grant. */
    private final Set<Integer> readOnly = new HashSet<>();

    private WasiHost(Wasi options) {
        this.stdout = new OutputLines("stdout", options.stdout());
        this.stderr = new OutputLines("stderr", options.stderr());
        WasiOptions.Builder chicory = WasiOptions.builder()
                .withClock(options.clock())
                .withRandom(options.random())
                .withStdout(stdout)
                .withStderr(stderr)
                .withArguments(options.arguments())
                .withThrowOnExit0(true);
        options.environment().forEach(chicory::withEnvironment);
        int fd = FIRST_PREOPEN;
        for (Wasi.Directory directory : options.directories()) {
            chicory.withDirectory(directory.guestPath(), directory.hostPath());
            if (directory.access() == Wasi.Access.READ_ONLY) {
                readOnly.add(fd);
            }
            fd++;
        }
        this.wasi = WasiPreview1.builder().withOptions(chicory.build()).build();
        this.functions = new ArrayList<>();
        for (HostFunction function : wasi.toHostFunctions()) {
            functions.add(guarded(function));
        }
    }

    /** A fresh WASI host for a new instance. */
    static WasiHost start(Wasi options) {
        return new WasiHost(options);
    }

    /** Whether {@code module} imports any function of {@value #MODULE}. */
    static boolean imported(WasmModule module) {
        return module.importSection().stream()
                .anyMatch(i ->
                        i.importType() == ExternalType.FUNCTION && i.module().equals(MODULE));
    }

    /** The type of WASI function {@code name} as the runtime provides it, or null when it provides none. */
    static FunctionType functionType(String name) {
        return Preview1.FUNCTIONS.get(name);
    }

    /** The code a module passed to {@code proc_exit}, if {@code failure} (or a cause) is that exit; else null. */
    static Integer exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WasiExitException exit) {
                return exit.exitCode();
            }
        }
        return null;
    }

    /** The host functions to bind: every WASI preview 1 function Chicory implements. */
    List<HostFunction> functions() {
        return functions;
    }

    /** Delivers the output lines not ended yet. */
    void flushOutput() {
        stdout.flushPartial();
        stderr.flushPartial();
    }

    /** Delivers what is left and closes the files the instance opened. */
    void close() {
        flushOutput();
        try {
            wasi.close();
        } catch (RuntimeException e) {
            Log.warning("Closing the files a Wasm instance opened through WASI failed.", e);
        }
    }

    private HostFunction guarded(HostFunction function) {
        String name = function.name();
        WasmFunctionHandle chicory = function.handle();
        WasmFunctionHandle handle;
        if (name.equals("path_open")) {
            handle = (instance, args) -> pathOpen(chicory, instance, args);
        } else if (name.equals("fd_close")) {
            handle = (instance, args) -> {
                long[] result = chicory.apply(instance, args);
                if (succeeded(result)) {
                    readOnly.remove((int) args[0]);
                }
                return result;
            };
        } else if (name.equals("fd_renumber")) {
            handle = (instance, args) -> {
                boolean fromReadOnly = readOnly.contains((int) args[0]);
                long[] result = chicory.apply(instance, args);
                if (succeeded(result) && args[0] != args[1]) {
                    readOnly.remove((int) args[0]);
                    if (fromReadOnly) {
                        readOnly.add((int) args[1]);
                    } else {
                        readOnly.remove((int) args[1]);
                    }
                }
                return result;
            };
        } else if (MUTATING.containsKey(name)) {
            int[] descriptors = MUTATING.get(name);
            handle = (instance, args) -> {
                for (int index : descriptors) {
                    if (readOnly.contains((int) args[index])) {
                        return new long[] {EPERM};
                    }
                }
                return chicory.apply(instance, args);
            };
        } else {
            return function;
        }
        return new HostFunction(function.module(), name, function.functionType(), handle);
    }

    /**
     * {@code path_open(dirfd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags,
     * fd_out)}: refused through a read-only descriptor when it asks to write; what it opens through one is
     * read-only too.
     */
    private long[] pathOpen(WasmFunctionHandle chicory, Instance instance, long[] args) {
        int directory = (int) args[0];
        boolean throughReadOnly = readOnly.contains(directory);
        if (throughReadOnly) {
            int openFlags = (int) args[4];
            long rights = args[5];
            int fdFlags = (int) args[7];
            boolean writes = (openFlags & (OFLAG_CREAT | OFLAG_TRUNC)) != 0
                    || (rights & (RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE)) != 0
                    || (fdFlags & FDFLAG_APPEND) != 0;
            if (writes) {
                return new long[] {EPERM};
            }
        }
        long[] result = chicory.apply(instance, args);
        if (succeeded(result)) {
            int opened = instance.memory().readInt((int) args[8]);
            if (throughReadOnly) {
                readOnly.add(opened);
            } else {
                readOnly.remove(opened);
            }
        }
        return result;
    }

    private static boolean succeeded(long[] result) {
        return result != null && result.length == 1 && result[0] == 0;
    }

    /**
     * The functions Chicory implements, by name, with their types: made on first use, when a module that
     * imports WASI is checked, so that other modules do not pay for it.
     */
    private static final class Preview1 {
        static final Map<String, FunctionType> FUNCTIONS = functionTypes();

        private Preview1() {}
    }

    private static Map<String, FunctionType> functionTypes() {
        WasiPreview1 probe = WasiPreview1.builder().build();
        try {
            Map<String, FunctionType> types = new HashMap<>();
            for (HostFunction function : probe.toHostFunctions()) {
                types.put(function.name(), function.functionType());
            }
            return Map.copyOf(types);
        } finally {
            probe.close();
        }
    }
}
