package dev.wasmbridge.it.wasi;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;
import java.util.List;
import java.util.Optional;

/**
 * The exports of integration-tests/rust/wasi-fixture, built for {@code wasm32-wasip1}: Rust that reaches the
 * platform through WASI (clocks, randomness, standard output and error, files, environment, arguments, exit)
 * with Debian's {@code rand}, {@code uuid}, {@code chrono} and {@code serde_json}. The module imports no Java
 * function: the runtime provides {@code wasi_snapshot_preview1}. Each build flavour binds it with its own
 * {@code @WasmModule} sub-interface.
 */
public interface WasiFixture extends WasmBindings {
    /** {@code SystemTime::now()} since the epoch, in milliseconds. */
    @WasmExport
    long nowMillis();

    /** chrono's RFC 3339 text of now. */
    @WasmExport
    String nowRfc3339();

    /** uuid's {@code Uuid::new_v4()}, hyphenated. */
    @WasmExport
    String uuidV4();

    @WasmExport
    @Unsigned
    long randomU64();

    @WasmExport
    int[] shuffle(int[] values);

    /** {@code println!} of each line. */
    @WasmExport
    void printLines(List<String> lines);

    /** {@code eprintln!} of the line. */
    @WasmExport
    void eprintLine(String line);

    /** {@code println!("{line}")}, then {@code panic!("boom: {line}")}. */
    @WasmExport
    void printThenPanic(String line);

    /** {@code std::fs::read_to_string}; the error is {@code "{kind:?}: {error}"}. */
    @WasmExport
    String readFile(String path) throws WasiIoException;

    /** {@code std::fs::write}; the error as for {@link #readFile}. */
    @WasmExport
    void writeFile(String path, String contents) throws WasiIoException;

    @WasmExport
    Optional<String> envVar(String name);

    @WasmExport
    List<String> args();

    /** {@code std::process::exit(code)}: WASI {@code proc_exit}. The Rust function is {@code exit_with}. */
    @WasmExport(name = "exit_with")
    void exit(int code);

    /** serde_json: parsed and printed again, indented; the error is serde_json's message. */
    @WasmExport
    String jsonPretty(String text) throws WasiIoException;

    /** A static counter: 1 on an instance's first call. */
    @WasmExport
    int increment();
}
