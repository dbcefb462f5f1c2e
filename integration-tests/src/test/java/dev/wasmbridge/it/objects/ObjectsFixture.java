package dev.wasmbridge.it.objects;

import dev.wasmbridge.annotations.Unsigned;
import dev.wasmbridge.annotations.WasmExport;
import dev.wasmbridge.runtime.WasmBindings;
import dev.wasmbridge.runtime.WasmIterator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The exports of integration-tests/rust/objects-fixture: Rust objects in lists and options, given and lent
 * to imports and callbacks, and iterators. Each build flavour binds it with its own {@code @WasmModule}
 * sub-interface ({@link ObjectsFixtureExnref}, {@link ObjectsFixtureLegacy}).
 */
public interface ObjectsFixture extends WasmBindings {
    @WasmExport
    int liveTokens();

    @WasmExport
    int droppedTokens();

    @WasmExport
    int liveIterators();

    @WasmExport
    int droppedIterators();

    @WasmExport
    long computed();

    @WasmExport(name = "Token::new")
    Token newToken(long id, String label);

    // ---- Objects in lists and options

    @WasmExport
    List<Token> tokens(int n, String prefix);

    @WasmExport
    long[] ids(List<Token> tokens);

    @WasmExport
    int relabelAll(List<Token> tokens, String label);

    @WasmExport
    long sumIds(List<Token> tokens);

    @WasmExport
    long takeMaybe(Optional<Token> token);

    @WasmExport
    String peekMaybe(Optional<Token> token);

    @WasmExport
    boolean bumpMaybe(Optional<Token> token);

    @WasmExport
    Optional<Token> maybeToken(boolean make);

    // ---- Objects given and lent to imports and callbacks

    @WasmExport
    String showToken(long id);

    @WasmExport
    String editToken(long id);

    @WasmExport
    String editHeld(Token token);

    @WasmExport
    void giveToken(long id, String label);

    @WasmExport
    long visitTokens(int n, TokenCallbacks.Visitor f);

    @WasmExport
    String editWith(TokenCallbacks.Editor f);

    @WasmExport
    void giveTokens(int n, TokenCallbacks.Sink f);

    // ---- Iterators

    @WasmExport
    Iterator<@Unsigned Integer> countUp(@Unsigned int n);

    @WasmExport
    WasmIterator<@Unsigned Integer> countBatched(@Unsigned int n, @Unsigned int batch);

    @WasmExport
    WasmIterator<Long> naturals();

    @WasmExport
    Stream<String> words(String text);

    @WasmExport
    Iterator<Spot> spots(int n);

    @WasmExport
    Stream<Suit> suits();

    @WasmExport
    Iterator<Optional<String>> maybeWords(String text);

    @WasmExport
    WasmIterator<Token> tokenStream(int n, @Unsigned int batch);

    @WasmExport
    WasmIterator<Integer> failingAfter(int n);

    @WasmExport
    Iterator<Integer> ticking(int n);

    @WasmExport
    Stream<Integer> checkedCount(int n);
}
