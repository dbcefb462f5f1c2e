package dev.wasmbridge.processor;

import java.util.Map;
import java.util.Optional;

/**
 * The functions of WASI preview 1 (module {@value #MODULE}), which the runtime provides to modules built
 * for {@code wasm32-wasip1} (Chicory's {@code wasi} artifact): a module may import any of them, with its
 * preview 1 signature, and the user's interfaces provide none. They mirror the runtime's {@code
 * dev.wasmbridge.runtime.internal.WasiHost} (a test checks both against Chicory).
 */
final class WasiImports {
    static final String MODULE = "wasi_snapshot_preview1";

    /** Every function of WASI preview 1, by name, with its Wasm signature. */
    static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("args_get", "(i32, i32) -> i32"),
            Map.entry("args_sizes_get", "(i32, i32) -> i32"),
            Map.entry("clock_res_get", "(i32, i32) -> i32"),
            Map.entry("clock_time_get", "(i32, i64, i32) -> i32"),
            Map.entry("environ_get", "(i32, i32) -> i32"),
            Map.entry("environ_sizes_get", "(i32, i32) -> i32"),
            Map.entry("fd_advise", "(i32, i64, i64, i32) -> i32"),
            Map.entry("fd_allocate", "(i32, i64, i64) -> i32"),
            Map.entry("fd_close", "(i32) -> i32"),
            Map.entry("fd_datasync", "(i32) -> i32"),
            Map.entry("fd_fdstat_get", "(i32, i32) -> i32"),
            Map.entry("fd_fdstat_set_flags", "(i32, i32) -> i32"),
            Map.entry("fd_fdstat_set_rights", "(i32, i64, i64) -> i32"),
            Map.entry("fd_filestat_get", "(i32, i32) -> i32"),
            Map.entry("fd_filestat_set_size", "(i32, i64) -> i32"),
            Map.entry("fd_filestat_set_times", "(i32, i64, i64, i32) -> i32"),
            Map.entry("fd_pread", "(i32, i32, i32, i64, i32) -> i32"),
            Map.entry("fd_prestat_dir_name", "(i32, i32, i32) -> i32"),
            Map.entry("fd_prestat_get", "(i32, i32) -> i32"),
            Map.entry("fd_pwrite", "(i32, i32, i32, i64, i32) -> i32"),
            Map.entry("fd_read", "(i32, i32, i32, i32) -> i32"),
            Map.entry("fd_readdir", "(i32, i32, i32, i64, i32) -> i32"),
            Map.entry("fd_renumber", "(i32, i32) -> i32"),
            Map.entry("fd_seek", "(i32, i64, i32, i32) -> i32"),
            Map.entry("fd_sync", "(i32) -> i32"),
            Map.entry("fd_tell", "(i32, i32) -> i32"),
            Map.entry("fd_write", "(i32, i32, i32, i32) -> i32"),
            Map.entry("path_create_directory", "(i32, i32, i32) -> i32"),
            Map.entry("path_filestat_get", "(i32, i32, i32, i32, i32) -> i32"),
            Map.entry("path_filestat_set_times", "(i32, i32, i32, i32, i64, i64, i32) -> i32"),
            Map.entry("path_link", "(i32, i32, i32, i32, i32, i32, i32) -> i32"),
            Map.entry("path_open", "(i32, i32, i32, i32, i32, i64, i64, i32, i32) -> i32"),
            Map.entry("path_readlink", "(i32, i32, i32, i32, i32, i32) -> i32"),
            Map.entry("path_remove_directory", "(i32, i32, i32) -> i32"),
            Map.entry("path_rename", "(i32, i32, i32, i32, i32, i32) -> i32"),
            Map.entry("path_symlink", "(i32, i32, i32, i32, i32) -> i32"),
            Map.entry("path_unlink_file", "(i32, i32, i32) -> i32"),
            Map.entry("poll_oneoff", "(i32, i32, i32, i32) -> i32"),
            Map.entry("proc_exit", "(i32) -> ()"),
            Map.entry("proc_raise", "(i32) -> i32"),
            Map.entry("random_get", "(i32, i32) -> i32"),
            Map.entry("sched_yield", "() -> i32"),
            Map.entry("sock_accept", "(i32, i32, i32) -> i32"),
            Map.entry("sock_recv", "(i32, i32, i32, i32, i32, i32) -> i32"),
            Map.entry("sock_send", "(i32, i32, i32, i32, i32) -> i32"),
            Map.entry("sock_shutdown", "(i32, i32) -> i32"));

    private WasiImports() {}

    /** The signature of WASI preview 1 function {@code name}, if there is one of that name. */
    static Optional<String> signature(String name) {
        return Optional.ofNullable(SIGNATURES.get(name));
    }
}
