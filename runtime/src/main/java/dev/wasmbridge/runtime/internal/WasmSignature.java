package dev.wasmbridge.runtime.internal;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Wasm signature of a function: its parameter and result types, in Wasmbridge's own terms rather
 * than the engine's, so that bindings name no engine type. Immutable; equal when both lists are.
 *
 * <pre>{@code
 * WasmSignature.of(WasmValueType.I64, WasmValueType.I32).returning(WasmValueType.I64)   // (i64, i32) -> i64
 * }</pre>
 *
 * @param params the parameter types, in order
 * @param results the result types: none, or one (multiple results are valid Wasm but not in the ABI)
 */
public record WasmSignature(List<WasmValueType> params, List<WasmValueType> results) {
    /** Copies both lists, which must not be or contain null. */
    public WasmSignature {
        params = List.copyOf(Objects.requireNonNull(params, "params"));
        results = List.copyOf(Objects.requireNonNull(results, "results"));
    }

    /** A signature with these parameters and no result; add one with {@link #returning}. */
    public static WasmSignature of(WasmValueType... params) {
        return new WasmSignature(List.of(params), List.of());
    }

    /** This signature's parameters with {@code results} as its results. */
    public WasmSignature returning(WasmValueType... results) {
        return new WasmSignature(params, List.of(results));
    }

    /**
     * The signature as the processor's messages write it: {@code (i32, i64) -> f64}, {@code () -> ()}.
     */
    @Override
    public String toString() {
        String results = this.results.size() == 1
                ? this.results.get(0).toString()
                : this.results.stream().map(WasmValueType::toString).collect(Collectors.joining(", ", "(", ")"));
        return params.stream().map(WasmValueType::toString).collect(Collectors.joining(", ", "(", ")")) + " -> "
                + results;
    }
}
