package dev.wasmbridge.it.crates;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmClass;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmIterator;
import dev.wasmbridge.runtime.WasmObject;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Debian's {@code regex::Regex}, declared in Rust as {@code impl regex::Regex as Regex}. Offsets are in bytes. */
@WasmClass
public interface Regex extends WasmObject {
    /** {@code fn as_str(&self) -> &str}: borrowed from the object, copied out. */
    @WasmExport
    String asStr();

    @WasmExport
    boolean isMatch(String text);

    @WasmExport
    Optional<Span> findAt(String text, @Unsigned int start);

    @WasmExport
    Optional<@Unsigned Integer> shortestMatch(String text);

    @WasmExport
    List<@Unsigned Integer> matchStarts(String text);

    @WasmExport
    List<Span> spans(String text);

    @WasmExport
    @Unsigned
    int capturesLen();

    @WasmExport
    Optional<String> group(String text, @Unsigned int index);

    @WasmExport
    String replaceAll(String text, String with);

    @WasmExport
    List<String> split(String text);

    /** {@code fn count_kept(&self, text: &str, keep: Callback<(usize, String), bool>) -> usize}. */
    @WasmExport
    @Unsigned
    int countKept(String text, MatchTest keep);

    /** {@code fn into_pattern(self) -> String}: takes the object. */
    @WasmExport
    String intoPattern();

    /** {@code fn find_iter(&self, text: &str) -> Iter<Span>}: each match found when Java asks for it. */
    @WasmExport
    WasmIterator<Span> findIter(String text);

    /** {@code fn split_iter(&self, text: &str) -> Iter<String>}: each piece found when Java asks for it. */
    @WasmExport
    Stream<String> splitIter(String text);
}
