package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmCallback;

/** {@code Callback<(usize, String), bool>}: decides about one match, given its byte offset and its text. */
@WasmCallback
public interface MatchTest {
    boolean keep(@Unsigned int start, String text);
}
